package io.mobiflow.jobs.zoneflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mobiflow.connectors.FlinkTests;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.gtfs.CompactTimetableLoader;
import io.mobiflow.jobs.testing.CaltrainCorridor;
import io.mobiflow.jobs.testing.ReplayRun;
import io.mobiflow.jobs.zoneflow.match.Places;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Caltrain's real TripUpdates (predicted times only) through the job with its timetable: the number
 * of stop updates and the mean delay per zone equal what this test computes from the raw protobuf
 * and stop_times.txt with plain Java — delay = predicted time − (start_date's noon − 12 h in
 * America/Los_Angeles + the scheduled time), carried to later stops the update leaves out; and the
 * departures the timetable schedules in each window, counted from the GTFS text files.
 */
class CaltrainDelaysITCase {

  @RegisterExtension static final MiniClusterExtension FLINK = FlinkTests.miniCluster();

  @TempDir Path feeds;

  @Test
  void delaysAtStopsPerZoneEqualTheScheduleComparison() throws Exception {
    ReplayRun.write(
        feeds,
        "caltrain",
        FeedKind.GTFS_RT_TRIP_UPDATES,
        Instant.ofEpochSecond(1699405534L),
        "pb",
        Files.readAllBytes(CaltrainCorridor.TRIP_UPDATES));
    ReplayRun run =
        ReplayRun.of(
            feeds,
            new Places(
                CaltrainCorridor.zones(),
                List.of(),
                List.of(),
                CompactTimetableLoader.load(CaltrainCorridor.GTFS).stops()),
            Duration.ofMinutes(5),
            CaltrainCorridor.GTFS);

    Map<String, List<Integer>> expected = CaltrainCorridor.delaysPerZoneWindow();
    Map<String, ZoneFlow> actual = new TreeMap<>();
    run.flows().stream()
        .filter(f -> f.observations() > 0) // the windows of the updates, not of the departures
        .forEach(f -> actual.put(f.unitId() + "@" + f.windowStart(), f));
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    expected.forEach(
        (zone, delays) -> {
          assertThat(actual.get(zone).transit().stopTimeUpdates())
              .as(zone)
              .isEqualTo(delays.size());
          assertThat(actual.get(zone).transit().meanDelaySeconds())
              .as(zone)
              .isCloseTo(
                  delays.stream().mapToInt(Integer::intValue).average().orElseThrow(),
                  within(1e-9));
          // p90 by nearest rank: the ceil(0.9 n)-th smallest; on time: -60 s to +300 s
          int[] sorted = delays.stream().mapToInt(Integer::intValue).sorted().toArray();
          assertThat(actual.get(zone).transit().p90DelaySeconds())
              .as(zone)
              .isEqualTo(sorted[(int) Math.ceil(0.9 * sorted.length) - 1]);
          long onTime = delays.stream().filter(d -> d >= -60 && d <= 300).count();
          assertThat(actual.get(zone).transit().onTimeShare())
              .as(zone)
              .isCloseTo(onTime / (double) delays.size(), within(1e-12));
        });
    // Scheduled departures in each window, counted from the GTFS text files.
    for (ZoneFlow flow : actual.values()) {
      assertThat(flow.transit().scheduledDepartures())
          .as(flow.unitId() + "@" + flow.windowStart())
          .isEqualTo(
              CaltrainCorridor.scheduledDeparturesPerZone(flow.windowStart(), flow.windowEnd())
                  .getOrDefault(flow.unitId(), 0));
    }
    assertThat(actual.values()).anyMatch(f -> f.transit().scheduledDepartures() > 0);
    // Realtime departures: every resolved stop departs at its predicted time. None is behind the
    // watermark when it arrives: that trails the latest update by the 2-minute out-of-orderness.
    assertThat(CaltrainCorridor.earliestPredictionAfterLatestUpdate()).isGreaterThan(-120);
    Map<String, Long> departures = new TreeMap<>();
    run.flows().stream()
        .filter(f -> f.transit().realtimeDepartures() > 0)
        .forEach(
            f ->
                departures.put(
                    f.unitId() + "@" + f.windowStart(), f.transit().realtimeDepartures()));
    assertThat(departures).isEqualTo(CaltrainCorridor.departuresPerZoneWindow());
    assertThat(run.deadLetters()).isEmpty();
  }
}
