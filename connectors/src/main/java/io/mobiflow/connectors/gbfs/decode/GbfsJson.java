package io.mobiflow.connectors.gbfs.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.common.EpochTime;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.common.Require;
import io.mobiflow.connectors.common.SourceRef;
import io.mobiflow.geodata.geom.Wgs84;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reading shared by the GBFS decoders: the envelope, timestamps, ids, counts and flags across
 * versions. No value is trusted: a time outside years 1970–9999 ({@link Require#instant}), a count
 * that is not a whole number from 0 to {@link #MAX_COUNT}, a flag that is neither a boolean nor 0/1
 * throws IllegalArgumentException, which rejects that one element as {@code INVALID_VALUE}.
 */
final class GbfsJson {

  /**
   * The largest count a station or document field may hold (vehicles, docks, capacity): 100,000,
   * two orders of magnitude over the largest docking stations (a few hundred docks), so a wrapped
   * or corrupt number is refused rather than counted.
   */
  static final int MAX_COUNT = 100_000;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private GbfsJson() {}

  /** Decodes each element of {@code data.<arrayField>} with {@code perElement}. */
  static <T> List<Decoded<T>> decodeArray(
      FeedSnapshot snapshot, FeedKind kind, String arrayField, ElementDecoder<T> perElement) {
    return decodeArray(snapshot, kind, List.of(arrayField), perElement);
  }

  /**
   * Decodes each element of the first of {@code data.<arrayFields>} the document has (GBFS renamed
   * some arrays between versions). A document of another GBFS kind than {@code kind} is one {@code
   * WRONG_KIND} rejection (an empty array of the expected name is never taken for another kind).
   */
  static <T> List<Decoded<T>> decodeArray(
      FeedSnapshot snapshot,
      FeedKind kind,
      List<String> arrayFields,
      ElementDecoder<T> perElement) {
    List<Decoded<T>> out = new ArrayList<>();
    JsonNode root;
    try {
      root = MAPPER.readTree(snapshot.payload());
    } catch (IOException e) {
      out.add(
          Decoded.rejected(snapshot.source(), RejectReason.MALFORMED, "not JSON: " + firstLine(e)));
      return out;
    }
    JsonNode array = null;
    for (String field : arrayFields) {
      if (array == null && root != null && root.path("data").path(field).isArray()) {
        array = root.path("data").path(field);
      }
    }
    Decoded<T> wrongKind =
        array != null && array.isEmpty() ? null : wrongKind(root, kind, snapshot);
    if (wrongKind != null) {
      out.add(wrongKind);
      return out;
    }
    if (array == null) {
      out.add(
          Decoded.rejected(
              snapshot.source(),
              RejectReason.MALFORMED,
              "no data." + String.join(" or data.", arrayFields) + " array"));
      return out;
    }
    LastUpdated lastUpdated = LastUpdated.of(root);
    for (int i = 0; i < array.size(); i++) {
      SourceRef source = snapshot.source().atLine(i + 1L);
      if (!array.get(i).isObject()) {
        out.add(Decoded.rejected(source, RejectReason.MALFORMED, "element is not an object"));
        continue;
      }
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
   * has no {@code data} object becomes one MALFORMED rejection, one of another GBFS kind than
   * {@code kind} one WRONG_KIND rejection.
   */
  static <T> List<Decoded<T>> decodeData(
      FeedSnapshot snapshot, FeedKind kind, DataDecoder<T> perDocument) {
    JsonNode root = tree(snapshot.payload());
    List<Decoded<T>> out = new ArrayList<>();
    if (root == null || !root.path("data").isObject()) {
      out.add(
          Decoded.rejected(
              snapshot.source(),
              RejectReason.MALFORMED,
              root == null ? "not JSON" : "no data object"));
      return out;
    }
    Decoded<T> wrongKind = wrongKind(root, kind, snapshot);
    if (wrongKind != null) {
      out.add(wrongKind);
      return out;
    }
    return perDocument.decode(root.get("data"), snapshot.source());
  }

  private static <T> Decoded<T> wrongKind(JsonNode root, FeedKind expected, FeedSnapshot snapshot) {
    FeedKind detected = GbfsKinds.detect(root);
    return detected == null || detected == expected
        ? null
        : Decoded.rejected(
            snapshot.source(),
            RejectReason.WRONG_KIND,
            "the document is " + detected + ", not " + expected);
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

  /**
   * A GBFS boolean: true/false, or 1/0 as GBFS 1.x published it; {@code absent} when absent.
   *
   * @throws IllegalArgumentException for any other value
   */
  static boolean flag(JsonNode node, String field, boolean absent) {
    if (node == null || node.isNull()) {
      return absent;
    }
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    if (node.isNumber() && (node.asDouble() == 0 || node.asDouble() == 1)) {
      return node.asDouble() == 1;
    }
    throw new IllegalArgumentException(field + " " + quote(node) + " is not a boolean or 0/1");
  }

  /**
   * A time, POSIX seconds (GBFS 1.x/2.x; fractions of a second dropped) or RFC 3339 (GBFS 3.0);
   * null if absent.
   *
   * @throws IllegalArgumentException naming {@code field} and the value when it is neither, or not
   *     within years 1970–9999 ({@link EpochTime#inRange})
   */
  static Instant instant(JsonNode node, String field) {
    if (node == null || node.isNull()) {
      return null;
    }
    Instant time = null;
    if (node.isNumber()) {
      time = EpochTime.ofSeconds(field, (long) Math.floor(node.asDouble())).instant();
    } else {
      try {
        time = OffsetDateTime.parse(node.asText()).toInstant();
      } catch (DateTimeParseException e) {
        // not a time: rejected below
      }
    }
    if (time == null || !EpochTime.inRange(time)) {
      throw new IllegalArgumentException(
          field
              + " "
              + quote(node)
              + " is not POSIX seconds or an RFC 3339 time within years 1970-9999");
    }
    return time;
  }

  /**
   * A whole number from 0 to {@code max} ({@code 3.0} is 3), or null if absent.
   *
   * @throws IllegalArgumentException naming {@code field} and the value for anything else: a
   *     fraction, a negative or larger number, a string
   */
  static Integer integer(JsonNode node, String field, int max) {
    if (node == null || node.isNull()) {
      return null;
    }
    double value = node.asDouble();
    if (!node.isNumber() || !(value >= 0 && value <= max) || value != Math.rint(value)) {
      throw new IllegalArgumentException(
          field + " " + quote(node) + " is not a whole number from 0 to " + max);
    }
    return (int) value;
  }

  /** A count of vehicles or docks: {@link #integer} up to {@link #MAX_COUNT}. */
  static Integer count(JsonNode node, String field) {
    return integer(node, field, MAX_COUNT);
  }

  /**
   * A decimal number, or null if absent; its range is for the record to check.
   *
   * @throws IllegalArgumentException when present but not a number
   */
  static Double decimal(JsonNode node, String field) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isNumber()) {
      throw new IllegalArgumentException(field + " " + quote(node) + " is not a number");
    }
    return node.asDouble();
  }

  /** A JSON value as rejection details quote it, cut short ({@link Require#quoted}). */
  static String quote(JsonNode node) {
    return Require.quoted(node.isTextual() ? node.asText() : node.toString());
  }

  private static String firstLine(IOException e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    return Require.shortened(message.split("\n", 2)[0]);
  }

  /**
   * The document's {@code last_updated} (Vélib's {@code lastUpdatedOther} in its place): a time, or
   * absent, or invalid. It is read once per document but only an element that needs it is rejected
   * for it being invalid.
   *
   * @param time the time, or {@code null} when absent or invalid
   * @param problem why it is invalid, or {@code null}
   */
  record LastUpdated(Instant time, String problem) {

    static LastUpdated of(JsonNode root) {
      JsonNode node =
          root.has("last_updated") ? root.get("last_updated") : root.get("lastUpdatedOther");
      try {
        return new LastUpdated(instant(node, "last_updated"), null);
      } catch (IllegalArgumentException e) {
        return new LastUpdated(null, e.getMessage());
      }
    }

    /**
     * The time, or {@code null} when absent.
     *
     * @throws IllegalArgumentException when the document's value is invalid
     */
    Instant get() {
      if (problem != null) {
        throw new IllegalArgumentException(problem);
      }
      return time;
    }
  }

  /** Decodes one array element; may throw IllegalArgumentException for invalid values. */
  @FunctionalInterface
  interface ElementDecoder<T> {
    Decoded<T> decode(JsonNode element, LastUpdated lastUpdated, SourceRef source);
  }
}
