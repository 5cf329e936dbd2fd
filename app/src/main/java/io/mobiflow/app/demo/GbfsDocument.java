package io.mobiflow.app.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A GBFS 2.3 document as the demo's simulators publish it: {@code last_updated}, {@code ttl} of a
 * minute, {@code version}, and the list under {@code data} ({@code stations}, {@code bikes}).
 */
final class GbfsDocument {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ObjectNode root = JSON.createObjectNode();
  private final ArrayNode list;

  GbfsDocument(Instant lastUpdated, String listName) {
    root.put("last_updated", lastUpdated.getEpochSecond());
    root.put("ttl", 60);
    root.put("version", "2.3");
    list = root.putObject("data").putArray(listName);
  }

  /** A new entry of the list. */
  ObjectNode add() {
    return list.addObject();
  }

  byte[] bytes() throws JsonProcessingException {
    return JSON.writeValueAsBytes(root);
  }
}
