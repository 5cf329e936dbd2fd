package io.mobiflow.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads YAML files of one or several documents as Jackson trees. */
final class Yaml {

  static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory());

  private Yaml() {}

  /** Every non-empty document of {@code file}, each a mapping. */
  static List<ObjectNode> documents(Path file) {
    try (MappingIterator<JsonNode> docs =
        MAPPER.readerFor(JsonNode.class).readValues(file.toFile())) {
      List<ObjectNode> objects = new ArrayList<>();
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (doc == null || doc.isNull() || doc.isMissingNode()) {
          continue;
        }
        if (!doc.isObject()) {
          throw new IllegalArgumentException(file + ": a document is not a mapping: " + doc);
        }
        objects.add((ObjectNode) doc);
      }
      return objects;
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": not valid YAML", e);
    }
  }

  /** The text of YAML documents, parsed. */
  static List<ObjectNode> documents(String text) {
    try (MappingIterator<JsonNode> docs = MAPPER.readerFor(JsonNode.class).readValues(text)) {
      List<ObjectNode> objects = new ArrayList<>();
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (doc != null && doc.isObject()) {
          objects.add((ObjectNode) doc);
        }
      }
      return objects;
    } catch (IOException e) {
      throw new UncheckedIOException("not valid YAML", e);
    }
  }
}
