package io.mobiflow.benchmarks.jobs;

import io.mobiflow.app.demo.CityFiles;
import io.mobiflow.app.demo.DemoCity;
import io.mobiflow.app.demo.DemoData;
import io.mobiflow.app.demo.FeedSimulator;
import io.mobiflow.app.demo.SimulationSettings;
import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.feeds.FeedFormats;
import io.mobiflow.connectors.source.SnapshotDirectory;
import io.mobiflow.connectors.source.SnapshotFile;
import io.mobiflow.jobs.config.ConfigLoader;
import io.mobiflow.jobs.config.MobiflowConfig;
import io.mobiflow.jobs.run.ZoneFlowPipeline;
import io.mobiflow.jobs.zoneflow.SpatialUnit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Throughput of the whole zone-flow job on a local MiniCluster, fed by the demo's simulator (the
 * real Péribus timetable with simulated GTFS-RT, GBFS and counters): events (decoded observations)
 * per second of job wall time, per core of parallelism. The baseline, measured in the same run, is
 * the decoders alone in one thread over the same files (the cost no job can avoid).
 *
 * <pre>
 * java -cp ... io.mobiflow.benchmarks.jobs.ZoneFlowThroughput HOURS PARALLELISM [suggestions]
 * </pre>
 *
 * With {@code suggestions}, the job also runs its suggestion branch (route indicators, the stop and
 * zone suggestion operators) into a discarding sink.
 */
public final class ZoneFlowThroughput {

  private ZoneFlowThroughput() {}

  public static void main(String[] args) throws Exception {
    int hours = args.length > 0 ? Integer.parseInt(args[0]) : 24;
    int parallelism = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    boolean suggestions = args.length > 2 && args[2].equals("suggestions");
    DemoCity city = DemoData.perigueux(DemoData.DEFAULT_DATE);
    Path feeds = Files.createTempDirectory("mobiflow-throughput-");
    FeedSimulator.run(
        city,
        SimulationSettings.typical(
            7,
            DemoData.DEFAULT_DATE
                .atTime(LocalTime.of(5, 0))
                .atZone(city.timetable().timeZone())
                .toInstant(),
            Duration.ofHours(hours)),
        feeds);
    List<SnapshotFile> files = SnapshotDirectory.scan(feeds);

    long start = System.nanoTime();
    long events = 0;
    for (SnapshotFile file : files) {
      for (Decoded<?> decoded : FeedFormats.of(file.kind()).decoder().decode(file.read())) {
        events += decoded.isOk() ? 1 : 0;
      }
    }
    double decodeSeconds = (System.nanoTime() - start) / 1e9;

    Configuration config = new Configuration();
    config.set(PipelineOptions.GENERIC_TYPES, false);
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(parallelism, config);
    Path cityFiles = Files.createTempDirectory("mobiflow-city-");
    CityFiles.write(city, cityFiles);
    DemoData.writePeribus(cityFiles.resolve("peribus-gtfs.zip"));
    MobiflowConfig jobConfig =
        ConfigLoader.load(
            Files.writeString(
                cityFiles.resolve("mobiflow.yaml"),
                """
                places:
                  zones: zones.geojson
                  stations: station_information.json
                  counter_sites: counter-sites.csv
                  gtfs: peribus-gtfs.zip
                  resolve_trip_updates: false
                sources:
                  snapshots: %s
                outputs:
                  json_lines: out
                %s
                """
                    .formatted(feeds.toAbsolutePath(), suggestions ? "suggestions: {}" : "")));
    ZoneFlowPipeline.builder(jobConfig)
        .places(city.places())
        .flowSink(SpatialUnit.ZONE, new DiscardingSink<>())
        .flowTableSink(new DiscardingSink<>())
        .deadLetterSink(new DiscardingSink<>())
        .suggestionSink(new DiscardingSink<>())
        .build(env);
    start = System.nanoTime();
    env.execute("zone flow throughput");
    double jobSeconds = (System.nanoTime() - start) / 1e9;

    System.out.printf(
        Locale.ROOT,
        "%s%d h simulated, %d snapshots, %,d events; decoders alone (1 thread): %.2f s = %,.0f events/s;"
            + " job (parallelism %d): %.2f s = %,.0f events/s = %,.0f events/s per core (%.0f %% of the"
            + " decoders alone)%n",
        suggestions ? "with suggestions: " : "",
        hours,
        files.size(),
        events,
        decodeSeconds,
        events / decodeSeconds,
        parallelism,
        jobSeconds,
        events / jobSeconds,
        events / jobSeconds / parallelism,
        100 * (events / jobSeconds / parallelism) / (events / decodeSeconds));
  }
}
