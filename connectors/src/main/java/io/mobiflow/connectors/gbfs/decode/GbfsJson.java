package io.mobiflow.connectors.gbfs.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.common.SourceRef;
import io.mobiflow.geodata.geom.Wgs84;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Reading shared by the GBFS decoders: the envelope, timestamps, ids and flags across versions. */
final class GbfsJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private GbfsJson() {}

  /** Decodes each element of {@code data.<arrayField>} with {@code perElement}. */
  static <T> List<Decoded<T>> decodeArray(
      FeedSnapshot snapshot, String arrayField, ElementDecoder<T> perElement) {
    return decodeArray(snapshot, List.of(arrayField), perElement);
  }

  /**
   * Decodes each element of the first of {@code data.<arrayFields>} the document has (GBFS renamed
   * some arrays between versions).
   */
  static <T> List<Decoded<T>> decodeArray(
      FeedSnapshot snapshot, List<String> arrayFields, ElementDecoder<T> perElement) {
    List<Decoded<T>> out = new ArrayList<>();
    JsonNode root;
    try {
      root = MAPPER.readTree(snapshot.payload());
    } catch (IOException e) {
      out.add(
          Decoded.rejected(
              snapshot.source(), RejectReason.MALFORMED, "not JSON: " + e.getMessage()));
      return out;
    }
    JsonNode array = null;
    for (String field : arrayFields) {
      if (array == null && root != null && root.path("data").path(field).isArray()) {
        array = root.path("data").path(field);
      }
    }
    if (array == null) {
      out.add(
          Decoded.rejected(
              snapshot.source(),
              RejectReason.MALFORMED,
              "no data." + String.join(" or data.", arrayFields) + " array"));
      return out;
    }
    Instant lastUpdated = GbfsEnvelope.of(root).lastUpdated();
    for (int i = 0; i < array.size(); i++) {
      SourceRef source = snapshot.source().atLine(i + 1L);
      try {
        out.add(perElement.decode(array.get(i), lastUpdated, source));
      } catch (IllegalArgumentException e) {
        out.add(Decoded.rejected(source, RejectReason.INVALID_VALUE, e.getMessage()));
      }
    }
    return out;
  }

  /**
   * Hands the document's {@code data} object to {@code perDocument}; a document that is not JSON or
   * has no {@code data} object becomes one MALFORMED rejection.
   */
  static <T> List<Decoded<T>> decodeData(FeedSnapshot snapshot, DataDecoder<T> perDocument) {
    JsonNode root = tree(snapshot.payload());
    if (root == null || !root.path("data").isObject()) {
      List<Decoded<T>> out = new ArrayList<>();
      out.add(
          Decoded.rejected(
              snapshot.source(),
              RejectReason.MALFORMED,
              root == null ? "not JSON" : "no data object"));
      return out;
    }
    return perDocument.decode(root.get("data"), snapshot.source());
  }

  /** Decodes a document's data object. */
  @FunctionalInterface
  interface DataDecoder<T> {
    List<Decoded<T>> decode(JsonNode data, SourceRef source);
  }

  /** The document as a tree, or {@code null} when it is not JSON. */
  static JsonNode tree(byte[] payload) {
    try {
      return MAPPER.readTree(payload);
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * A text that GBFS 3.0 localizes ({@code [{"text": ..., "language": ...}]}) and earlier versions
   * write as a plain string: the plain string, or the first translation; null if absent.
   */
  static String text(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isArray()) {
      return node.isEmpty() ? null : text(node.get(0).get("text"));
    }
    return node.isValueNode() && !node.asText().isBlank() ? node.asText() : null;
  }

  /**
   * A GBFS id: a string, or a number as some feeds publish it (Vélib'). Null if absent or blank.
   */
  static String id(JsonNode node) {
    if (node == null || !(node.isTextual() || node.isNumber()) || node.asText().isBlank()) {
      return null;
    }
    return node.asText();
  }

  /**
   * The rejection of an element whose {@code lat}/{@code lon} are missing or not matchable, or
   * {@code null} when they are fine.
   */
  static <T> Decoded<T> rejectPosition(JsonNode element, String what, SourceRef source) {
    if (!element.path("lat").isNumber() || !element.path("lon").isNumber()) {
      return Decoded.rejected(source, RejectReason.MISSING_FIELD, what + " without lat/lon");
    }
    return Wgs84.check(element.get("lat").asDouble(), element.get("lon").asDouble())
        .<Decoded<T>>map(
            problem ->
                Decoded.rejected(source, RejectReason.INVALID_COORDINATE, what + ": " + problem))
        .orElse(null);
  }

  /** A GBFS boolean: true/false, or 1/0 as GBFS 1.x published it. */
  static boolean flag(JsonNode node, boolean absent) {
    if (node == null || node.isNull()) {
      return absent;
    }
    return node.isBoolean() ? node.asBoolean() : node.asInt() != 0;
  }

  /** POSIX seconds (GBFS 1.x/2.x) or RFC 3339 (GBFS 3.0); null if absent or unreadable. */
  static Instant instant(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isNumber()) {
      return Instant.ofEpochSecond(node.asLong());
    }
    try {
      return OffsetDateTime.parse(node.asText()).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** An integer field, or null if absent. */
  static Integer optionalInt(JsonNode node) {
    return node == null || node.isNull() || !node.isNumber() ? null : node.asInt();
  }

  /** Decodes one array element; may throw IllegalArgumentException for invalid values. */
  @FunctionalInterface
  interface ElementDecoder<T> {
    Decoded<T> decode(JsonNode element, Instant lastUpdated, SourceRef source);
  }
}
