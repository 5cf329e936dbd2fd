package io.mobiflow.jobs.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.source.SnapshotDirectory;
import io.mobiflow.connectors.source.SnapshotFile;
import io.mobiflow.jobs.zoneflow.ZoneFlow;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo end to end on a local MiniCluster: every simulated observation of the three feed kinds
 * is counted once in some zone and window. The expected totals come from the feed files themselves,
 * read independently of the job.
 */
class DemoRunITCase {

  @TempDir Path out;

  @Test
  void theDemoWritesIndicatorsForAllThreeFeedKindsAndCountsEveryObservationOnce() throws Exception {
    StringWriter progress = new StringWriter();
    DemoRun.Result result =
        DemoRun.run(
            new DemoRun.Options(
                out, 42, DemoData.DEFAULT_DATE, LocalTime.of(7, 0), Duration.ofMinutes(20), 2),
            new PrintWriter(progress, true));

    long vehiclePositions = 0;
    for (SnapshotFile file : SnapshotDirectory.scan(out.resolve("feeds"))) {
      if (file.kind() == FeedKind.GTFS_RT_VEHICLE_POSITIONS) {
        vehiclePositions +=
            FeedMessage.parseFrom(Files.readAllBytes(Path.of(file.path()))).getEntityCount();
      }
    }
    DemoCity city = DemoData.perigueux(DemoData.DEFAULT_DATE);
    // 20 minutes: one reading per site and minute; one report per station and minute.
    long counterReadings = 20L * city.counterSites().size();
    long stationReports = 20L * city.stations().size();

    assertThat(result.deadLetters()).isEmpty();
    assertThat(result.flows().stream().mapToLong(ZoneFlow::counterReadings).sum())
        .isEqualTo(counterReadings);
    assertThat(result.flows().stream().mapToLong(ZoneFlow::stationReports).sum())
        .isEqualTo(stationReports);
    assertThat(result.flows().stream().mapToLong(ZoneFlow::vehiclePositions).sum())
        .isEqualTo(vehiclePositions)
        .isPositive();
    assertThat(result.flows()).anyMatch(f -> f.meanFlowVehH() != null && f.meanFlowVehH() > 0);
    assertThat(result.flows()).anyMatch(f -> f.meanDelaySeconds() != null);
    assertThat(result.flows()).anyMatch(f -> f.vehiclesAvailable() != null);
    assertThat(result.flows())
        .allMatch(
            f -> Duration.between(f.windowStart(), f.windowEnd()).equals(Duration.ofMinutes(5)));
    assertThat(out.resolve("city/zones.geojson")).isNotEmptyFile();
    assertThat(progress.toString()).contains("SIMULATED").contains("MiniCluster");
  }
}
