package io.mobiflow.app.demo;

import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.Rejection;
import io.mobiflow.connectors.sink.JsonLines;
import io.mobiflow.geodata.locate.Zone;
import io.mobiflow.jobs.config.ConfigLoader;
import io.mobiflow.jobs.config.MobiflowConfig;
import io.mobiflow.jobs.run.ZoneFlowPipeline;
import io.mobiflow.jobs.suggest.Suggestion;
import io.mobiflow.jobs.suggest.texts.SuggestionAlerts;
import io.mobiflow.jobs.zoneflow.ZoneFlow;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.FileUtils;

/**
 * {@code mobiflow demo}: derive the demo city, simulate its feeds, run the zone-flow job over them
 * on a local Flink MiniCluster, and report. Outputs, under the output directory:
 *
 * <pre>
 * mobiflow.yaml the configuration the job runs from (mobiflow run --config reruns it), with
 *               pseudonym.key, the pseudonyms' key derived from the seed
 * city/         zones.geojson, counter-sites.geojson and .csv, station_information.json, the GTFS
 * feeds/        the simulated snapshots (GTFS-RT .pb, GBFS .json, counter .csv): raw input, with
 *               vehicle ids (internal: never published, see docs/privacy.md)
 * zone-flows/   one ZoneFlow per zone and window, JSON lines (part-N.jsonl per subtask)
 * dead-letters/ rejected input with its source and reason, JSON lines
 * suggestions/  the suggestions, JSON lines, and alerts.pb, their GTFS-Realtime Alerts feed
 * flows.gpkg    the flow tables of zones, counter sites and stops (GeoPackage)
 * </pre>
 */
public final class DemoRun {

  /**
   * What to run.
   *
   * @param out output directory; its {@code feeds}, {@code zone-flows} and {@code dead-letters} are
   *     replaced
   * @param seed simulator seed
   * @param date service date of the timetable
   * @param from local start time
   * @param duration simulated period
   * @param parallelism Flink parallelism
   */
  public record Options(
      Path out, long seed, LocalDate date, LocalTime from, Duration duration, int parallelism) {}

  /**
   * What the run produced.
   *
   * @param flows every final zone flow written (the early results they replaced left out)
   * @param deadLetters every rejection written
   * @param zones the demo city's zones
   * @param suggestions every suggestion record written (issued, withdrawn, expired)
   * @param alertsFeed the GTFS-Realtime Alerts feed of the suggestions
   * @param timeZone the network's time zone
   * @param flowTables the GeoPackage of the run's flow tables
   */
  public record Result(
      List<ZoneFlow> flows,
      List<Rejection> deadLetters,
      List<Zone> zones,
      List<Suggestion> suggestions,
      Path alertsFeed,
      ZoneId timeZone,
      Path flowTables) {

    /** Zone names by zone id. */
    public Map<String, String> zoneNames() {
      return zones.stream().collect(Collectors.toMap(Zone::id, Zone::name));
    }
  }

  private DemoRun() {}

  public static Result run(Options options, PrintWriter progress) throws Exception {
    long started = System.nanoTime();
    progress.printf(
        "Loading the Péribus GTFS (real data, Grand Périgueux, ODbL) for %s...%n", options.date());
    DemoCity city = DemoData.perigueux(options.date());
    progress.printf(
        "  %d stops, %d trips running that day; derived %d zones, %d counter sites, %d bike stations%n",
        city.timetable().stops().size(),
        city.timetable().trips().size(),
        city.zones().size(),
        city.counterSites().size(),
        city.stations().size());
    CityFiles.write(city, options.out().resolve("city"));

    Path feeds = options.out().resolve("feeds");
    Path flowsDir = options.out().resolve("zone-flows");
    Path deadLettersDir = options.out().resolve("dead-letters");
    Path suggestionsDir = options.out().resolve("suggestions");
    DemoData.writePeribus(options.out().resolve("city").resolve("peribus-gtfs.zip"));
    for (Path replaced : List.of(feeds, flowsDir, deadLettersDir, suggestionsDir)) {
      FileUtils.deleteDirectoryQuietly(replaced.toFile());
    }
    SimulationSettings settings =
        SimulationSettings.typical(
            options.seed(),
            options.date().atTime(options.from()).atZone(city.timetable().timeZone()).toInstant(),
            options.duration());
    progress.printf(
        "Simulating realtime feeds (SIMULATED, seed %d) from %s for %d min...%n",
        options.seed(), options.from(), options.duration().toMinutes());
    Map<FeedKind, Integer> snapshots = FeedSimulator.run(city, settings, feeds);
    progress.printf(
        "  %d GTFS-RT VehiclePositions, %d TripUpdates, %d GBFS station_status, %d free_bike_status,"
            + " %d counter CSV snapshots in %s%n",
        snapshots.getOrDefault(FeedKind.GTFS_RT_VEHICLE_POSITIONS, 0),
        snapshots.getOrDefault(FeedKind.GTFS_RT_TRIP_UPDATES, 0),
        snapshots.getOrDefault(FeedKind.GBFS_STATION_STATUS, 0),
        snapshots.getOrDefault(FeedKind.GBFS_FREE_VEHICLES, 0),
        snapshots.getOrDefault(FeedKind.COUNTER_CSV, 0),
        feeds);

    Path gpkg = options.out().resolve("flows.gpkg");
    Files.deleteIfExists(gpkg);
    for (String journal : List.of("flows.gpkg-wal", "flows.gpkg-shm")) {
      Files.deleteIfExists(options.out().resolve(journal));
    }
    Path checkpoints = Files.createTempDirectory("mobiflow-demo-checkpoints");
    MobiflowConfig config =
        ConfigLoader.load(DemoConfig.write(options.out(), options.seed(), checkpoints));
    Configuration flink = new Configuration();
    flink.set(PipelineOptions.GENERIC_TYPES, false); // a type that would fall back to Kryo fails
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(options.parallelism(), flink);
    ZoneFlowPipeline.builder(config).build(env);
    progress.printf(
        "Running the zone-flow job on a local Flink MiniCluster (parallelism %d)...%n",
        options.parallelism());
    JobClient job = env.executeAsync("mobiflow demo: zone flows of " + city.name());
    CompletableFuture<JobExecutionResult> finished = job.getJobExecutionResult();
    while (!finished.isDone()) {
      try {
        finished.get(2, TimeUnit.SECONDS);
      } catch (TimeoutException stillRunning) {
        long[] written = countRecords(flowsDir);
        progress.printf(
            "  running %4.0f s: %d zone-flow records written, %d of them final%n",
            (System.nanoTime() - started) / 1e9, written[0], written[1]);
      }
    }
    finished.get();
    FileUtils.deleteDirectoryQuietly(checkpoints.toFile());

    List<Suggestion> suggestions = read(suggestionsDir, Suggestion.class);
    Path alerts = suggestionsDir.resolve("alerts.pb");
    Files.createDirectories(suggestionsDir);
    Files.write(
        alerts, SuggestionAlerts.feed(suggestions, settings.start().plus(settings.duration())));
    Result result =
        new Result(
            read(flowsDir, ZoneFlow.class).stream().filter(flow -> !flow.provisional()).toList(),
            read(deadLettersDir, Rejection.class),
            city.zones(),
            suggestions,
            alerts,
            city.timetable().timeZone(),
            gpkg);
    progress.printf(
        "Done in %.0f s. Outputs in %s%n", (System.nanoTime() - started) / 1e9, options.out());
    return result;
  }

  /** The flow records in {@code directory}'s JSON lines, and how many of them are final. */
  private static long[] countRecords(Path directory) throws IOException {
    long[] records = new long[2];
    for (Path part : parts(directory)) {
      try (Stream<String> lines = Files.lines(part)) {
        lines.forEach(
            line -> {
              records[0]++;
              records[1] += line.contains("\"provisional\":false") ? 1 : 0;
            });
      }
    }
    return records;
  }

  private static <T> List<T> read(Path directory, Class<T> type) throws IOException {
    List<T> records = new ArrayList<>();
    for (Path part : parts(directory)) {
      for (String line : Files.readAllLines(part)) {
        records.add(JsonLines.MAPPER.readValue(line, type));
      }
    }
    return records;
  }

  private static List<Path> parts(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .filter(p -> p.toString().endsWith(".jsonl"))
          .sorted(Comparator.naturalOrder())
          .toList();
    }
  }
}
