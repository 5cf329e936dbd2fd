package io.mobiflow.jobs.zoneflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mobiflow.connectors.FlinkTests;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.Rejection;
import io.mobiflow.connectors.gtfs.CompactTimetableLoader;
import io.mobiflow.connectors.source.SnapshotDirectory;
import io.mobiflow.connectors.source.SnapshotReplaySource;
import io.mobiflow.jobs.testing.CaltrainCorridor;
import io.mobiflow.jobs.testing.CollectingSink;
import io.mobiflow.jobs.zoneflow.match.Places;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Caltrain's real TripUpdates (predicted times only) through the job with its timetable: the number
 * of stop updates and the mean delay per zone equal what this test computes from the raw protobuf
 * and stop_times.txt with plain Java — delay = predicted time − (start_date's noon − 12 h in
 * America/Los_Angeles + the scheduled time), carried to later stops the update leaves out.
 */
class CaltrainDelaysITCase {

  @RegisterExtension static final MiniClusterExtension FLINK = FlinkTests.miniCluster();

  @TempDir Path feeds;

  @Test
  void delaysAtStopsPerZoneEqualTheScheduleComparison() throws Exception {
    byte[] updates = Files.readAllBytes(CaltrainCorridor.TRIP_UPDATES);
    Path target =
        feeds.resolve(
            SnapshotDirectory.fileOf(
                "caltrain",
                FeedKind.GTFS_RT_TRIP_UPDATES,
                Instant.ofEpochSecond(1699405534L),
                "pb"));
    Files.createDirectories(target.getParent());
    Files.write(target, updates);

    CollectingSink<ZoneFlow> flows = new CollectingSink<>();
    CollectingSink<Rejection> deadLetters = new CollectingSink<>();
    StreamExecutionEnvironment env = FlinkTests.environment();
    new ZoneFlowJob(
            SnapshotReplaySource.of(SnapshotDirectory.scan(feeds)),
            new Places(
                CaltrainCorridor.zones(),
                List.of(),
                List.of(),
                CompactTimetableLoader.load(CaltrainCorridor.GTFS).stops()),
            flows,
            deadLetters,
            Duration.ofMinutes(5),
            Duration.ofMinutes(2))
        .withTimetable(CaltrainCorridor.GTFS)
        .build(env);
    env.execute("caltrain delays test");

    Map<String, List<Integer>> expected = CaltrainCorridor.delaysPerZoneWindow();
    Map<String, ZoneFlow> actual = new TreeMap<>();
    flows.received().forEach(f -> actual.put(f.zoneId() + "@" + f.windowStart(), f));
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    expected.forEach(
        (zone, delays) -> {
          assertThat(actual.get(zone).stopTimeUpdates()).as(zone).isEqualTo(delays.size());
          assertThat(actual.get(zone).meanDelaySeconds())
              .as(zone)
              .isCloseTo(
                  delays.stream().mapToInt(Integer::intValue).average().orElseThrow(),
                  within(1e-9));
        });
    assertThat(deadLetters.received()).isEmpty();
  }
}
