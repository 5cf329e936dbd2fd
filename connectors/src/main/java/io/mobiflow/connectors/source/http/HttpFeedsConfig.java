package io.mobiflow.connectors.source.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mobiflow.connectors.common.FeedKind;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads the live feeds to poll from a JSON file:
 *
 * <pre>
 * {"feeds": [
 *   {"id": "caltrain-vp", "kind": "gtfs_rt_vehicle_positions",
 *    "url": "https://example.org/vehiclepositions.pb", "interval_seconds": 30},
 *   {"id": "velib", "kind": "gbfs_station_status",
 *    "url": "https://example.org/gbfs/station_status.json", "interval_seconds": 60,
 *    "follow_ttl": true, "timeout_seconds": 10, "max_bytes": 67108864,
 *    "allow_redirects_to": ["cdn.example.net"]}
 * ]}
 * </pre>
 *
 * <ul>
 *   <li>{@code id}: names the feed's folder in recordings, so it is made of letters, digits, '.',
 *       '_' and '-', does not start with a dot, has no "..", and is unique in the file;
 *   <li>{@code kind}: a {@link FeedKind} name in any case;
 *   <li>{@code url}: http or https;
 *   <li>optional: {@code interval_seconds} (60), {@code follow_ttl} (GBFS, false), {@code
 *       timeout_seconds} (10; covers redirects and the whole body), {@code max_bytes} (64 MiB,
 *       counted decompressed for gzip bodies);
 *   <li>{@code allow_redirects_to} (optional): the hosts besides the url's own that a redirect may
 *       lead to. Without it, a redirect is followed only on the url's own host (and never from
 *       https to http); one elsewhere is an ERROR poll naming its target.
 * </ul>
 *
 * Any other key is an error, so that a misspelled option is not silently ignored.
 */
public final class HttpFeedsConfig {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final List<String> KEYS =
      List.of(
          "id",
          "kind",
          "url",
          "interval_seconds",
          "follow_ttl",
          "timeout_seconds",
          "max_bytes",
          "allow_redirects_to");

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
    Map<String, Integer> firstEntryOfId = new HashMap<>();
    for (int i = 0; i < feeds.size(); i++) {
      JsonNode feed = feeds.get(i);
      String entry = where + ", feed " + (i + 1);
      if (!feed.isObject()) {
        throw new IOException(entry + " is not an object");
      }
      for (Iterator<String> keys = feed.fieldNames(); keys.hasNext(); ) {
        String key = keys.next();
        if (!KEYS.contains(key)) {
          throw new IOException(
              entry + ": unknown key \"" + key + "\" (known: " + String.join(", ", KEYS) + ")");
        }
      }
      try {
        out.add(
            new HttpFeed(
                text(feed, "id", entry),
                kind(text(feed, "kind", entry), entry),
                URI.create(text(feed, "url", entry)),
                Duration.ofSeconds(whole(feed, "interval_seconds", 60, entry)),
                feed.path("follow_ttl").asBoolean(false),
                Duration.ofSeconds(whole(feed, "timeout_seconds", 10, entry)),
                whole(feed, "max_bytes", 64L << 20, entry),
                hosts(feed.get("allow_redirects_to"), entry)));
      } catch (IllegalArgumentException e) {
        throw new IOException(entry + ": " + e.getMessage());
      }
      Integer earlier = firstEntryOfId.putIfAbsent(out.get(i).feedId(), i + 1);
      if (earlier != null) {
        throw new IOException(
            where
                + " names feed id \""
                + out.get(i).feedId()
                + "\" twice (feeds "
                + earlier
                + " and "
                + (i + 1)
                + ")");
      }
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

  private static FeedKind kind(String name, String where) throws IOException {
    try {
      return FeedKind.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IOException(
          where
              + ": unknown kind \""
              + name
              + "\"; the kinds are "
              + Arrays.stream(FeedKind.values())
                  .map(k -> k.name().toLowerCase(Locale.ROOT))
                  .collect(Collectors.joining(", ")));
    }
  }

  /** A whole number, or {@code absent} when the key is not there. */
  private static long whole(JsonNode feed, String field, long absent, String where)
      throws IOException {
    JsonNode value = feed.get(field);
    if (value == null) {
      return absent;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw new IOException(where + ": \"" + field + "\" must be a whole number, not " + value);
    }
    return value.asLong();
  }

  private static List<String> hosts(JsonNode list, String where) throws IOException {
    if (list == null) {
      return List.of();
    }
    if (!list.isArray()) {
      throw new IOException(where + ": \"allow_redirects_to\" must be a list of host names");
    }
    List<String> hosts = new ArrayList<>();
    for (JsonNode host : list) {
      if (!host.isTextual()) {
        throw new IOException(where + ": \"allow_redirects_to\" holds " + host + ", not a host");
      }
      hosts.add(host.asText());
    }
    return hosts;
  }
}
