package io.mobiflow.app.fresh;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.jobs.zoneflow.ZoneFlow;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A silent source holds back no other's results (issue 18): with transit feeds alone (road counters
 * and bike stations configured but silent), the transit indicators of a window are published
 * complete while the feeds are still being read, long before the silent sources' tasks go idle (a
 * minute of wall-clock time), not at the end of the input.
 */
class SilentSourceITCase {

  @TempDir Path dir;

  @Test
  void transitResultsComeWhileRoadAndSharedMobilityAreSilent() throws Exception {
    PacedDemoRun.simulate(dir, 20);
    PacedDemoRun run =
        PacedDemoRun.run(
            dir,
            EnumSet.of(FeedKind.GTFS_RT_VEHICLE_POSITIONS, FeedKind.GTFS_RT_TRIP_UPDATES),
            4,
            1);

    Map<String, ZoneFlow> finals =
        run.finals().stream().collect(Collectors.toMap(ZoneFlow::upsertKey, Function.identity()));
    assertThat(finals.values())
        .isNotEmpty()
        .allMatch(f -> !f.road().roadData() && !f.shared().sharedMobilityData());
    // records that reached the sink at least 3 s before the last snapshot was read and hold all
    // of their window's transit observations: nothing silent held them back
    long before = run.lastReadMillis() - 3_000;
    assertThat(
            run.flows().stream()
                .filter(arrival -> arrival.f0 < before)
                .map(arrival -> arrival.f1)
                .filter(f -> f.transit().transitData())
                .filter(f -> f.transit().equals(finals.get(f.upsertKey()).transit())))
        .as("complete transit records published while the input was still read")
        .isNotEmpty();
  }
}
