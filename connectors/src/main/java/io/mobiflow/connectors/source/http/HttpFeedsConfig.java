package io.mobiflow.connectors.source.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mobiflow.connectors.common.FeedKind;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the live feeds to poll from a JSON file:
 *
 * <pre>
 * {"feeds": [
 *   {"id": "caltrain-vp", "kind": "gtfs_rt_vehicle_positions",
 *    "url": "https://example.org/vehiclepositions.pb", "interval_seconds": 30},
 *   {"id": "velib", "kind": "gbfs_station_status",
 *    "url": "https://example.org/gbfs/station_status.json", "interval_seconds": 60,
 *    "follow_ttl": true, "timeout_seconds": 10, "max_bytes": 67108864}
 * ]}
 * </pre>
 *
 * {@code kind} is a {@link FeedKind} name in any case; {@code follow_ttl} (GBFS), {@code
 * timeout_seconds} (10) and {@code max_bytes} (64 MiB) are optional.
 */
public final class HttpFeedsConfig {

  private static final ObjectMapper JSON = new ObjectMapper();

  private HttpFeedsConfig() {}

  /**
   * The feeds of {@code file}.
   *
   * @throws IOException naming the file and the feed when it cannot be read or is invalid
   */
  public static List<HttpFeed> read(Path file) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IOException(
          "cannot read feeds file " + file + ": " + e.getMessage().split("\n")[0]);
    }
    return fromJson(root == null ? null : root.get("feeds"), "feeds file " + file);
  }

  /**
   * The feeds of a {@code feeds} list already parsed (from this JSON format or a YAML
   * configuration).
   *
   * @param where names the file (and key) in error messages
   * @throws IOException naming {@code where} and the feed when invalid
   */
  public static List<HttpFeed> fromJson(JsonNode feeds, String where) throws IOException {
    if (feeds == null || !feeds.isArray() || feeds.isEmpty()) {
      throw new IOException(where + " has no \"feeds\" list");
    }
    List<HttpFeed> out = new ArrayList<>();
    for (int i = 0; i < feeds.size(); i++) {
      JsonNode feed = feeds.get(i);
      String entry = where + ", feed " + (i + 1);
      try {
        out.add(
            new HttpFeed(
                text(feed, "id", entry),
                FeedKind.valueOf(text(feed, "kind", entry).toUpperCase(Locale.ROOT)),
                URI.create(text(feed, "url", entry)),
                Duration.ofSeconds(feed.path("interval_seconds").asLong(60)),
                feed.path("follow_ttl").asBoolean(false),
                Duration.ofSeconds(feed.path("timeout_seconds").asLong(10)),
                feed.path("max_bytes").asLong(64L << 20)));
      } catch (IllegalArgumentException e) {
        throw new IOException(entry + ": " + e.getMessage());
      }
    }
    if (out.stream().map(HttpFeed::feedId).distinct().count() != out.size()) {
      throw new IOException(where + " names a feed id twice");
    }
    return out;
  }

  private static String text(JsonNode feed, String field, String where) throws IOException {
    JsonNode value = feed.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw new IOException(where + " has no \"" + field + "\"");
    }
    return value.asText();
  }
}
