package io.mobiflow.connectors.gbfs.decode;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * The envelope every GBFS document shares: its version, when it was last updated (POSIX seconds in
 * 1.x/2.x, RFC 3339 in 3.0; Vélib's {@code lastUpdatedOther} accepted in its place) and how long it
 * stays fresh ({@code ttl}, seconds). A consumer polls again at {@link #nextUpdateAt()}.
 *
 * @param version {@code version}, or {@code null} (GBFS 1.0 had none)
 * @param lastUpdated {@code last_updated}, or {@code null} when absent or invalid (unreadable, or
 *     not within years 1970–9999: the decoders reject the elements that need it)
 * @param lastUpdatedProblem why {@code last_updated} is invalid, or {@code null} when it is absent
 *     or valid
 * @param ttlSeconds {@code ttl}, or {@code null} when absent or not a whole number of seconds from
 *     0 to {@link Integer#MAX_VALUE}
 */
public record GbfsEnvelope(
    String version, Instant lastUpdated, String lastUpdatedProblem, Integer ttlSeconds) {

  /** The envelope of a document, or {@code null} when the bytes are not a JSON object. */
  public static GbfsEnvelope read(byte[] payload) {
    JsonNode root = GbfsJson.tree(payload);
    return root == null || !root.isObject() ? null : of(root);
  }

  static GbfsEnvelope of(JsonNode root) {
    GbfsJson.LastUpdated lastUpdated = GbfsJson.LastUpdated.of(root);
    return new GbfsEnvelope(
        root.path("version").isTextual() ? root.get("version").asText() : null,
        lastUpdated.time(),
        lastUpdated.problem(),
        ttl(root.get("ttl")));
  }

  private static Integer ttl(JsonNode node) {
    try {
      return GbfsJson.integer(node, "ttl", Integer.MAX_VALUE);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** When the publisher will have new data: last_updated + ttl, or {@code null} if unknown. */
  public Instant nextUpdateAt() {
    return lastUpdated == null || ttlSeconds == null
        ? null
        : lastUpdated.plusSeconds(Math.max(0, ttlSeconds));
  }
}
