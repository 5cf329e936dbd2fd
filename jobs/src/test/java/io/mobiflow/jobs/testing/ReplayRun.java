package io.mobiflow.jobs.testing;

import io.mobiflow.connectors.FlinkTests;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.Rejection;
import io.mobiflow.connectors.source.SnapshotDirectory;
import io.mobiflow.connectors.source.SnapshotReplaySource;
import io.mobiflow.geodata.geom.Wgs84;
import io.mobiflow.geodata.locate.Zone;
import io.mobiflow.jobs.config.MobiflowConfig;
import io.mobiflow.jobs.run.ZoneFlowPipeline;
import io.mobiflow.jobs.zoneflow.SpatialUnit;
import io.mobiflow.jobs.zoneflow.ZoneFlow;
import io.mobiflow.jobs.zoneflow.match.Places;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.FileUtils;
import org.locationtech.jts.geom.Coordinate;

/**
 * The zone-flow job over a snapshot directory on the test's MiniCluster, with its outputs
 * collected: what the end-to-end tests on real feeds share.
 *
 * @param flows the zone flows written
 * @param deadLetters the rejections written
 */
public record ReplayRun(List<ZoneFlow> flows, List<Rejection> deadLetters) {

  /** Writes {@code bytes} as one snapshot of the replay layout under {@code root}. */
  public static void write(
      Path root, String feedId, FeedKind kind, Instant fetchedAt, String ext, byte[] bytes)
      throws IOException {
    Path target = root.resolve(SnapshotDirectory.fileOf(feedId, kind, fetchedAt, ext));
    Files.createDirectories(target.getParent());
    Files.write(target, bytes);
  }

  /**
   * Runs the job over {@code root} with windows of whole minutes and the default 2-minute
   * out-of-orderness, optionally resolving TripUpdates against a timetable.
   */
  public static ReplayRun of(Path root, Places places, Duration window, Path timetable)
      throws Exception {
    Path dir = Files.createTempDirectory("mobiflow-replay-");
    MobiflowConfig config =
        TestConfigs.load(
            dir,
            places.zones(),
            """
            places:
              zones: zones.geojson
            %s
            window:
              minutes: %d
            """
                .formatted(
                    timetable == null ? "" : "  gtfs: " + timetable.toAbsolutePath(),
                    window.toMinutes()));
    CollectingSink<ZoneFlow> flows = new CollectingSink<>();
    CollectingSink<Rejection> deadLetters = new CollectingSink<>();
    StreamExecutionEnvironment env = FlinkTests.environment();
    ZoneFlowPipeline.builder(config)
        .places(places)
        .source(SnapshotReplaySource.of(SnapshotDirectory.scan(root)))
        .flowSink(SpatialUnit.ZONE, flows)
        .deadLetterSink(deadLetters)
        .build(env);
    env.execute("replay test");
    FileUtils.deleteDirectoryQuietly(dir.toFile());
    return new ReplayRun(flows.received(), deadLetters.received());
  }

  /** A zone that is a longitude/latitude box. */
  public static Zone box(String id, double south, double west, double north, double east) {
    return new Zone(
        id,
        id,
        Wgs84.GEOMETRY_FACTORY.createPolygon(
            new Coordinate[] {
              new Coordinate(west, south),
              new Coordinate(east, south),
              new Coordinate(east, north),
              new Coordinate(west, north),
              new Coordinate(west, south)
            }));
  }
}
