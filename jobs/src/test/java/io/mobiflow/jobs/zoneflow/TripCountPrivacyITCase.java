package io.mobiflow.jobs.zoneflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.uber.h3core.H3Core;
import io.mobiflow.connectors.FlinkTests;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.Rejection;
import io.mobiflow.connectors.source.SnapshotDirectory;
import io.mobiflow.connectors.source.SnapshotReplaySource;
import io.mobiflow.geodata.locate.Zone;
import io.mobiflow.jobs.config.MobiflowConfig;
import io.mobiflow.jobs.run.ZoneFlowPipeline;
import io.mobiflow.jobs.testing.CollectingSink;
import io.mobiflow.jobs.testing.ReplayRun;
import io.mobiflow.jobs.testing.TestConfigs;
import io.mobiflow.jobs.zoneflow.match.Places;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pick-up and drop-off counts as published never single out a trip: over seeded random fleets of
 * many sizes (free_bike_status snapshots a minute apart: vehicles taken, left, moved across town,
 * the rest parked), through the whole job (the real pick-up/drop-off operator, the window and its
 * function), per zone of a 5 × 5 grid and per H3 cell, no published count lies in 1..k−1; a
 * suppressed one is {@code null} and flagged; and every count published equals a plain count made
 * here from the generated fleets, as does every suppression (the reference count is in 1..k−1).
 */
class TripCountPrivacyITCase {

  @RegisterExtension static final MiniClusterExtension FLINK = FlinkTests.miniCluster();

  private static final double SOUTH = 45.16;
  private static final double WEST = 0.69;
  private static final double SIZE_DEG = 0.03; // about 3.3 km × 2.4 km
  private static final int GRID = 5;
  private static final int SNAPSHOTS = 21;
  private static final Instant START = Instant.parse("2026-01-13T07:00:00Z");
  private static final int[] FLEET_SIZES = {1, 2, 3, 4, 5, 7, 12, 30, 90, 400};

  @TempDir Path feeds;
  @TempDir Path configs;

  @Test
  void noPublishedCountIsBelowKAndUnsuppressedCountsAgreeWithAPlainCount() throws Exception {
    Map<String, long[]> reference = generate(20260113L, 8);
    Map<String, ZoneFlow> published = run(5, 9, 8);

    assertPublishedAsTheReferenceSays(published, reference, 5);
    // the fleets made both sides of k, in zones and in cells
    assertThat(reference.values()).anyMatch(c -> c[0] > 0 && c[0] < 5);
    assertThat(reference.values()).anyMatch(c -> c[1] >= 5);
    assertThat(reference.keySet()).anyMatch(k -> k.startsWith("H3"));
  }

  @Test
  void anotherKAndCellsFinerThanTheCoarsestResolutionAllowedSuppressEveryTripCount()
      throws Exception {
    Map<String, long[]> reference = generate(7L, 10);
    Map<String, ZoneFlow> published = run(3, 9, 10);

    Map<String, long[]> zonesOnly = new TreeMap<>(reference);
    zonesOnly.keySet().removeIf(k -> k.startsWith("H3"));
    assertPublishedAsTheReferenceSays(published, zonesOnly, 3);
    // the cells saw trip ends, and nothing else: with every count suppressed, no cell is published
    // (a record would itself place a trip end in a cell and window)
    assertThat(reference.keySet()).anyMatch(key -> key.startsWith("H3"));
    assertThat(published.values()).noneMatch(f -> f.unit() == SpatialUnit.H3);
  }

  /**
   * Every published trip count: null exactly when flagged; never in 1..k−1; equal to the reference
   * where published, and suppressed only where the reference is in 1..k−1. A unit and window has
   * its flow exactly when one of its counts is k or more (trip ends are the only observations here,
   * and a flow of suppressed counts alone is not published); the sums of what is published agree.
   */
  private static void assertPublishedAsTheReferenceSays(
      Map<String, ZoneFlow> published, Map<String, long[]> reference, int k) {
    long publishedTotal = 0;
    long referenceTotal = 0;
    for (Map.Entry<String, long[]> expected : reference.entrySet()) {
      ZoneFlow flow = published.get(expected.getKey());
      boolean publishable = Math.max(expected.getValue()[0], expected.getValue()[1]) >= k;
      assertThat(flow != null).as(expected.getKey()).isEqualTo(publishable);
      if (flow == null) {
        continue;
      }
      Long[] counts = {flow.shared().pickUps(), flow.shared().dropOffs()};
      boolean[] flags = {flow.shared().pickUpsSuppressed(), flow.shared().dropOffsSuppressed()};
      for (int i = 0; i < 2; i++) {
        long count = expected.getValue()[i];
        assertThat(counts[i] == null).as(expected.getKey()).isEqualTo(flags[i]);
        if (count > 0 && count < k) {
          assertThat(flags[i]).as(expected.getKey() + " (" + count + ")").isTrue();
        } else {
          assertThat(counts[i]).as(expected.getKey()).isEqualTo(count);
          publishedTotal += counts[i];
          referenceTotal += count;
        }
      }
    }
    for (ZoneFlow flow : published.values()) {
      for (Long count : new Long[] {flow.shared().pickUps(), flow.shared().dropOffs()}) {
        assertThat(count == null || count == 0 || count >= k).as(flow.toString()).isTrue();
      }
    }
    assertThat(publishedTotal).isEqualTo(referenceTotal).isPositive();
  }

  /**
   * Zones and H3 cells of the job's flows, by {@code <unit>:<id>@<window start>}, with trip counts
   * of 1..k−1 suppressed and cells finer than {@code maxH3} without trip counts.
   */
  private Map<String, ZoneFlow> run(int k, int maxH3, int h3Resolution) throws Exception {
    CollectingSink<ZoneFlow> zones = new CollectingSink<>();
    CollectingSink<ZoneFlow> cells = new CollectingSink<>();
    CollectingSink<Rejection> deadLetters = new CollectingSink<>();
    Path dir = configs.resolve("k" + k + "-h3-" + h3Resolution);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("pseudonym.key"), "a test key of 32 bytes, no more.");
    MobiflowConfig config =
        TestConfigs.load(
            dir,
            grid(),
            """
            places:
              zones: zones.geojson
            window:
              minutes: 5
              out_of_orderness_seconds: 120
              h3_resolution: %d
            outputs:
              units: [zone, h3]
            privacy:
              min_count: %d
              max_h3_resolution_for_trip_counts: %d
              key_file: pseudonym.key
            """
                .formatted(h3Resolution, k, maxH3));
    StreamExecutionEnvironment env = FlinkTests.environment();
    ZoneFlowPipeline.builder(config)
        .places(new Places(grid(), List.of(), List.of(), List.of()))
        .source(SnapshotReplaySource.of(SnapshotDirectory.scan(feeds)))
        .flowSink(SpatialUnit.ZONE, zones)
        .flowSink(SpatialUnit.H3, cells)
        .deadLetterSink(deadLetters)
        .build(env);
    env.execute("trip count privacy");
    assertThat(deadLetters.received()).isEmpty();
    Map<String, ZoneFlow> flows = new HashMap<>();
    for (ZoneFlow flow : zones.received()) {
      flows.put("ZONE:" + flow.unitId() + "@" + flow.windowStart(), flow);
    }
    for (ZoneFlow flow : cells.received()) {
      flows.put("H3:" + flow.unitId() + "@" + flow.windowStart(), flow);
    }
    return flows;
  }

  /**
   * Writes one feed per fleet size and returns the plain count {pick-ups, drop-offs} per zone and
   * H3 cell of {@code resolution} and 5-minute window of the later snapshot.
   */
  private Map<String, long[]> generate(long seed, int resolution) throws Exception {
    H3Core h3 = H3Core.newInstance();
    Random random = new Random(seed);
    Map<String, long[]> counts = new TreeMap<>();
    for (int f = 0; f < FLEET_SIZES.length; f++) {
      String feed = "fleet-" + f;
      Map<String, double[]> fleet = new LinkedHashMap<>();
      int next = 0;
      for (; next < FLEET_SIZES[f]; next++) {
        fleet.put(feed + "-v" + next, randomPoint(random));
      }
      double takeRate = random.nextDouble(0.3);
      for (int s = 0; s < SNAPSHOTS; s++) {
        Instant at = START.plusSeconds(60L * s);
        String window = Instant.ofEpochSecond(at.getEpochSecond() / 300 * 300).toString();
        if (s > 0) {
          List<double[]> taken = new ArrayList<>();
          for (String id : new TreeSet<>(fleet.keySet())) {
            double roll = random.nextDouble();
            if (roll < takeRate) { // taken: a pick-up where it was
              taken.add(fleet.remove(id));
              count(counts, h3, resolution, taken.get(taken.size() - 1), window, 0);
            } else if (roll < takeRate * 1.3) { // ridden and left far away under the same id
              double[] from = fleet.get(id);
              double[] to = randomPoint(random, from, 300);
              fleet.put(id, to);
              count(counts, h3, resolution, from, window, 0);
              count(counts, h3, resolution, to, window, 1);
            }
          }
          int left = random.nextInt(Math.max(2, FLEET_SIZES[f] / 3));
          for (int i = 0; i < left; i++) { // left: a drop-off, not where one was just taken
            double[] at2 = randomPoint(random, taken, 30);
            fleet.put(feed + "-v" + next++, at2);
            count(counts, h3, resolution, at2, window, 1);
          }
        }
        ReplayRun.write(feeds, feed, FeedKind.GBFS_FREE_VEHICLES, at, "json", snapshot(at, fleet));
      }
    }
    return counts;
  }

  private static byte[] snapshot(Instant at, Map<String, double[]> fleet) {
    StringBuilder json =
        new StringBuilder("{\"last_updated\": " + at.getEpochSecond())
            .append(", \"ttl\": 60, \"version\": \"2.3\", \"data\": {\"bikes\": [");
    String separator = "";
    for (Map.Entry<String, double[]> vehicle : fleet.entrySet()) {
      json.append(separator)
          .append(
              String.format(
                  Locale.ROOT,
                  "{\"bike_id\": \"%s\", \"lat\": %.7f, \"lon\": %.7f, \"is_reserved\": false,"
                      + " \"is_disabled\": false, \"vehicle_type_id\": \"scooter\"}",
                  vehicle.getKey(),
                  vehicle.getValue()[0],
                  vehicle.getValue()[1]));
      separator = ", ";
    }
    return json.append("]}}").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void count(
      Map<String, long[]> counts,
      H3Core h3,
      int resolution,
      double[] point,
      String window,
      int which) {
    int row = (int) ((point[0] - SOUTH) / (SIZE_DEG / GRID));
    int col = (int) ((point[1] - WEST) / (SIZE_DEG / GRID));
    counts.computeIfAbsent("ZONE:R" + row + "C" + col + "@" + window, k -> new long[2])[which]++;
    String cell = h3.latLngToCellAddress(point[0], point[1], resolution);
    counts.computeIfAbsent("H3:" + cell + "@" + window, k -> new long[2])[which]++;
  }

  /**
   * A point of the area in whole 1e-7 degrees (as the snapshot writes it), never on a grid line
   * (where the zone would be a matter of rounding).
   */
  private static double[] randomPoint(Random random) {
    long lineEvery = Math.round(SIZE_DEG / GRID * 1e7);
    while (true) {
      long lat = random.nextLong(Math.round(SIZE_DEG * 1e7));
      long lon = random.nextLong(Math.round(SIZE_DEG * 1e7));
      if (lat % lineEvery != 0 && lon % lineEvery != 0) {
        return new double[] {
          (Math.round(SOUTH * 1e7) + lat) / 1e7, (Math.round(WEST * 1e7) + lon) / 1e7
        };
      }
    }
  }

  /** A point of the area at least {@code metres} from {@code away}. */
  private static double[] randomPoint(Random random, double[] away, double metres) {
    return randomPoint(random, List.of(away), metres);
  }

  /** A point of the area at least {@code metres} from each of {@code away}. */
  private static double[] randomPoint(Random random, List<double[]> away, double metres) {
    while (true) {
      double[] point = randomPoint(random);
      if (away.stream().allMatch(a -> metres(a, point) >= metres)) {
        return point;
      }
    }
  }

  /** Equirectangular distance in metres: plenty at these scales and margins. */
  private static double metres(double[] a, double[] b) {
    double dLat = Math.toRadians(b[0] - a[0]);
    double dLon = Math.toRadians(b[1] - a[1]) * Math.cos(Math.toRadians(a[0]));
    return 6_371_008.8 * Math.hypot(dLat, dLon);
  }

  /** A 5 × 5 grid of boxes over the area; a box covers its edges, so ties go to the first. */
  private static List<Zone> grid() {
    List<Zone> zones = new ArrayList<>();
    double step = SIZE_DEG / GRID;
    for (int r = 0; r < GRID; r++) {
      for (int c = 0; c < GRID; c++) {
        double s = SOUTH + r * step;
        double w = WEST + c * step;
        zones.add(ReplayRun.box("R" + r + "C" + c, s, w, s + step, w + step));
      }
    }
    return zones;
  }
}
