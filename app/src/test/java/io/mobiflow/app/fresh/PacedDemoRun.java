package io.mobiflow.app.fresh;

import io.mobiflow.app.demo.CityFiles;
import io.mobiflow.app.demo.DemoCity;
import io.mobiflow.app.demo.DemoData;
import io.mobiflow.app.demo.FeedSimulator;
import io.mobiflow.app.demo.SimulationSettings;
import io.mobiflow.connectors.common.FeedDecoder;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.source.SnapshotDirectory;
import io.mobiflow.connectors.source.SnapshotFile;
import io.mobiflow.jobs.config.ConfigLoader;
import io.mobiflow.jobs.run.ZoneFlowPipeline;
import io.mobiflow.jobs.testing.CollectingSink;
import io.mobiflow.jobs.zoneflow.SpatialUnit;
import io.mobiflow.jobs.zoneflow.ZoneFlow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A run of the zone-flow job on feeds of the demo city (real Péribus timetable, simulated feeds of
 * the kinds given), their snapshots read in fetch order at a wall-clock pace, as a live job reads
 * them: the zone flows, each with the wall-clock time it reached the sink, and the time the last
 * snapshot was read.
 *
 * @param flows the zone flows in arrival order, each with its arrival (epoch ms)
 * @param lastReadMillis when the source read its last snapshot (epoch ms)
 */
record PacedDemoRun(List<Tuple2<Long, ZoneFlow>> flows, long lastReadMillis) {

  private static final Map<String, Long> LAST_READ = new ConcurrentHashMap<>();

  /** The final records, in arrival order. */
  List<ZoneFlow> finals() {
    return flows.stream().map(f -> f.f1).filter(f -> !f.provisional()).toList();
  }

  /** Simulates {@code minutes} of the demo's feeds from 07:00 into {@code dir/feeds}. */
  static void simulate(Path dir, int minutes) throws Exception {
    DemoCity city = DemoData.perigueux(DemoData.DEFAULT_DATE);
    CityFiles.write(city, dir.resolve("city"));
    DemoData.writePeribus(dir.resolve("city").resolve("peribus-gtfs.zip"));
    FeedSimulator.run(
        city,
        SimulationSettings.typical(
            7,
            DemoData.DEFAULT_DATE
                .atTime(LocalTime.of(7, 0))
                .atZone(city.timetable().timeZone())
                .toInstant(),
            Duration.ofMinutes(minutes)),
        dir.resolve("feeds"));
  }

  /**
   * Runs the job on the snapshots of {@code kinds} in {@code dir/feeds}, {@code perSecond} of them
   * per second, with early results every {@code earlySeconds} (0: none).
   */
  static PacedDemoRun run(Path dir, Set<FeedKind> kinds, double perSecond, int earlySeconds)
      throws Exception {
    List<SnapshotFile> files =
        SnapshotDirectory.scan(dir.resolve("feeds")).stream()
            .filter(file -> kinds.contains(file.kind()))
            .sorted(Comparator.comparing(SnapshotFile::fetchedAt))
            .toList();
    Path config =
        Files.writeString(
            dir.resolve("early-" + earlySeconds + ".yaml"),
            """
            places:
              zones: city/zones.geojson
              stations: city/station_information.json
              counter_sites: city/counter-sites.csv
              gtfs: city/peribus-gtfs.zip
              resolve_trip_updates: false
            sources:
              snapshots: feeds               # read by the paced source below
            outputs:
              json_lines: out                # replaced by the test's sinks
            window:
              early_results_seconds: %d
            """
                .formatted(earlySeconds));
    String run = "run-" + System.nanoTime();
    CollectingSink<Tuple2<Long, ZoneFlow>> arrivals = new CollectingSink<>();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    ZoneFlowPipeline.builder(ConfigLoader.load(config))
        .source(
            new DataGeneratorSource<>(
                new ReadInOrder(files, run),
                files.size(),
                RateLimiterStrategy.perSecond(perSecond),
                TypeInformation.of(FeedSnapshot.class)))
        .flowSink(SpatialUnit.ZONE, new Arrivals(arrivals))
        .deadLetterSink(new CollectingSink<>())
        .build(env);
    env.execute("paced demo run");
    return new PacedDemoRun(arrivals.received(), LAST_READ.remove(run));
  }

  /** Reads the files in order, noting when it read the last one. */
  private record ReadInOrder(List<SnapshotFile> files, String run)
      implements GeneratorFunction<Long, FeedSnapshot> {
    @Override
    public FeedSnapshot map(Long index) {
      if (index == files.size() - 1) {
        LAST_READ.put(run, System.currentTimeMillis());
      }
      return files.get(index.intValue()).read(FeedDecoder.DEFAULT_MAX_BYTES);
    }
  }
}
