package io.mobiflow.jobs.zoneflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mobiflow.connectors.FlinkTests;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.geodata.locate.Zone;
import io.mobiflow.jobs.testing.ReplayRun;
import io.mobiflow.jobs.zoneflow.match.Places;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pick-ups and drop-offs from the real TIER Wolfsburg series (12 free_bike_status snapshots ~5 min
 * apart, copies of ../shared/data kept in the connectors' test resources) through the whole job,
 * against a count made here from the raw JSON with plain maps: ids that disappear (pick-ups) and
 * appear (drop-offs), minus vanished/appeared pairs of the same type under 15 m apart (id changes),
 * plus ids that moved 100 m or more (a pick-up where they were, a drop-off where they are), per
 * zone of a 3 × 3 grid over the city and per 5-minute window of the later snapshot's last_updated;
 * published as privacy by default has it: counts from 1 to 4 suppressed.
 */
class FreeVehiclesITCase {

  @RegisterExtension static final MiniClusterExtension FLINK = FlinkTests.miniCluster();

  private static final Path SERIES =
      Path.of("../connectors/src/test/resources/real/gbfs/tier-wolfsburg/free_bike_status_series");
  private static final double SOUTH = 52.38;
  private static final double NORTH = 52.47;
  private static final double WEST = 10.67;
  private static final double EAST = 10.87;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path feeds;

  @Test
  void pickUpsAndDropOffsPerZoneAndWindowMatchAnIndependentCount() throws Exception {
    List<JsonNode> snapshots = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(SERIES, "*.json.gz")) {
      for (Path file : files) {
        byte[] json;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
          json = in.readAllBytes();
        }
        JsonNode root = JSON.readTree(json);
        snapshots.add(root);
        ReplayRun.write(
            feeds,
            "tier-wolfsburg",
            FeedKind.GBFS_FREE_VEHICLES,
            Instant.ofEpochSecond(root.get("last_updated").asLong()),
            "json",
            json);
      }
    }
    snapshots.sort(
        (a, b) -> Long.compare(a.get("last_updated").asLong(), b.get("last_updated").asLong()));
    assertThat(snapshots).hasSize(12);

    ReplayRun run =
        ReplayRun.of(
            feeds,
            new Places(grid(), List.of(), List.of(), List.of()),
            Duration.ofMinutes(5),
            null);

    // as published: a count of 1..4 is suppressed (null, flagged), written -1 here
    Map<String, long[]> actual = new TreeMap<>();
    for (ZoneFlow flow : run.flows()) {
      assertThat(flow.shared().pickUps() == null).isEqualTo(flow.shared().pickUpsSuppressed());
      assertThat(flow.shared().dropOffs() == null).isEqualTo(flow.shared().dropOffsSuppressed());
      long pickUps = flow.shared().pickUpsSuppressed() ? -1 : flow.shared().pickUps();
      long dropOffs = flow.shared().dropOffsSuppressed() ? -1 : flow.shared().dropOffs();
      if (pickUps != 0 || dropOffs != 0) {
        actual.put(flow.unitId() + "@" + flow.windowStart(), new long[] {pickUps, dropOffs});
      }
    }
    Map<String, long[]> expected = expected(snapshots);
    // a zone and window whose trip ends are all suppressed is not published at all
    Map<String, long[]> publishable = new TreeMap<>(expected);
    publishable.values().removeIf(c -> Math.max(c[0], c[1]) < 5);
    assertThat(publishable.size()).isPositive().isLessThan(expected.size());
    assertThat(actual.keySet()).isEqualTo(publishable.keySet());
    publishable.forEach(
        (key, counts) ->
            assertThat(actual.get(key))
                .as(key)
                .containsExactly(published(counts[0]), published(counts[1])));
    // both sides of k occur in this series
    assertThat(expected.values()).anyMatch(c -> published(c[0]) == -1 || published(c[1]) == -1);
    assertThat(expected.values()).anyMatch(c -> c[0] >= 5 || c[1] >= 5);
    // enough to mean something: several zones and windows, dozens of events
    assertThat(expected.keySet().stream().map(k -> k.split("@")[0]).distinct().count())
        .isGreaterThanOrEqualTo(3);
    assertThat(expected.keySet().stream().map(k -> k.split("@")[1]).distinct().count())
        .isGreaterThanOrEqualTo(3);
    assertThat(run.deadLetters()).isEmpty();
  }

  /** A count as published with k = 5: 0 and 5 or more as they are, 1..4 suppressed (-1 here). */
  private static long published(long count) {
    return count == 0 || count >= 5 ? count : -1;
  }

  private static Map<String, long[]> expected(List<JsonNode> snapshots) {
    Map<String, long[]> expected = new TreeMap<>();
    for (int i = 1; i < snapshots.size(); i++) {
      Map<String, JsonNode> before = byId(snapshots.get(i - 1));
      Map<String, JsonNode> after = byId(snapshots.get(i));
      long at = snapshots.get(i).get("last_updated").asLong();
      String window = Instant.ofEpochSecond(at - at % 300).toString();
      List<JsonNode> gone = new ArrayList<>();
      List<JsonNode> come = new ArrayList<>();
      before.forEach(
          (id, bike) -> {
            if (!after.containsKey(id)) {
              gone.add(bike);
            } else if (metres(bike, after.get(id)) >= 100) {
              count(expected, bike, window, 0);
              count(expected, after.get(id), window, 1);
            }
          });
      after.forEach(
          (id, bike) -> {
            if (!before.containsKey(id)) {
              come.add(bike);
            }
          });
      // pair id changes, closest first, by brute force
      boolean[] goneUsed = new boolean[gone.size()];
      boolean[] comeUsed = new boolean[come.size()];
      while (true) {
        int bestG = -1;
        int bestC = -1;
        double best = 15;
        for (int g = 0; g < gone.size(); g++) {
          for (int c = 0; c < come.size(); c++) {
            double d = metres(gone.get(g), come.get(c));
            if (!goneUsed[g]
                && !comeUsed[c]
                && d < best
                && gone.get(g)
                    .path("vehicle_type_id")
                    .asText()
                    .equals(come.get(c).path("vehicle_type_id").asText())) {
              best = d;
              bestG = g;
              bestC = c;
            }
          }
        }
        if (bestG < 0) {
          break;
        }
        goneUsed[bestG] = true;
        comeUsed[bestC] = true;
      }
      for (int g = 0; g < gone.size(); g++) {
        if (!goneUsed[g]) {
          count(expected, gone.get(g), window, 0);
        }
      }
      for (int c = 0; c < come.size(); c++) {
        if (!comeUsed[c]) {
          count(expected, come.get(c), window, 1);
        }
      }
    }
    return expected;
  }

  private static void count(Map<String, long[]> expected, JsonNode bike, String window, int which) {
    int row = (int) ((bike.get("lat").asDouble() - SOUTH) / ((NORTH - SOUTH) / 3));
    int col = (int) ((bike.get("lon").asDouble() - WEST) / ((EAST - WEST) / 3));
    expected.computeIfAbsent("R" + row + "C" + col + "@" + window, k -> new long[2])[which]++;
  }

  private static Map<String, JsonNode> byId(JsonNode snapshot) {
    Map<String, JsonNode> bikes = new HashMap<>();
    snapshot.path("data").path("bikes").forEach(b -> bikes.put(b.get("bike_id").asText(), b));
    return bikes;
  }

  /** Haversine distance in metres. */
  private static double metres(JsonNode a, JsonNode b) {
    double lat1 = Math.toRadians(a.get("lat").asDouble());
    double lat2 = Math.toRadians(b.get("lat").asDouble());
    double dLat = lat2 - lat1;
    double dLon = Math.toRadians(b.get("lon").asDouble() - a.get("lon").asDouble());
    double h =
        Math.pow(Math.sin(dLat / 2), 2)
            + Math.cos(lat1) * Math.cos(lat2) * Math.pow(Math.sin(dLon / 2), 2);
    return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h));
  }

  /** A 3 × 3 grid of boxes over the city; a box covers its edges, so ties go to the first. */
  private static List<Zone> grid() {
    List<Zone> zones = new ArrayList<>();
    double dLat = (NORTH - SOUTH) / 3;
    double dLon = (EAST - WEST) / 3;
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) {
        double s = SOUTH + r * dLat;
        double w = WEST + c * dLon;
        zones.add(ReplayRun.box("R" + r + "C" + c, s, w, s + dLat, w + dLon));
      }
    }
    return zones;
  }
}
