package io.mobiflow.benchmarks.e2e;

import io.mobiflow.app.demo.CityFiles;
import io.mobiflow.app.demo.DemoCity;
import io.mobiflow.app.demo.DemoConfig;
import io.mobiflow.app.demo.DemoData;
import io.mobiflow.app.demo.FeedSimulator;
import io.mobiflow.app.demo.SimulationSettings;
import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.feeds.FeedFormats;
import io.mobiflow.connectors.source.SnapshotFile;
import io.mobiflow.jobs.config.ConfigLoader;
import io.mobiflow.jobs.config.MobiflowConfig;
import io.mobiflow.jobs.config.PlacesLoader;
import io.mobiflow.jobs.run.ZoneFlowPipeline;
import io.mobiflow.jobs.zoneflow.ZoneFlowJob;
import io.mobiflow.jobs.zoneflow.match.Places;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.stream.Stream;

/**
 * The input of a run: a directory holding a configuration ({@code mobiflow.yaml}, or its only YAML
 * file) that names the places and the recorded snapshots to replay, in the layout {@code mobiflow
 * demo} writes ({@code city/}, {@code feeds/}, {@code mobiflow.yaml}).
 *
 * @param directory the input directory
 * @param config its configuration
 * @param places the places it names
 * @param files the snapshot files, in fetch order (every kind; the jobs read those of {@link
 *     ZoneFlowJob#FEED_KINDS})
 * @param snapshots how many files are of a kind the jobs read
 * @param events how many events the decoders accept in those files: the input events of a run
 */
public record Workload(
    Path directory,
    MobiflowConfig config,
    Places places,
    List<SnapshotFile> files,
    long snapshots,
    long events) {

  /** The demo's seed, as {@code mobiflow demo} uses by default. */
  public static final long DEMO_SEED = 7;

  /** The workload of {@code directory}. */
  public static Workload of(Path directory) throws IOException {
    MobiflowConfig config = ConfigLoader.load(configFile(directory));
    List<SnapshotFile> files = ZoneFlowPipeline.replayFiles(config.sources());
    long snapshots = 0;
    long events = 0;
    for (SnapshotFile file : files) {
      if (ZoneFlowJob.FEED_KINDS.contains(file.kind())) {
        snapshots++;
        events += decodedEvents(file);
      }
    }
    return new Workload(directory, config, PlacesLoader.load(config), files, snapshots, events);
  }

  /**
   * Writes the demo's input into {@code directory} as {@code mobiflow demo} does: the Périgueux
   * city, the Péribus timetable, {@code duration} of simulated feeds from {@code start} local time
   * (seed {@link #DEMO_SEED}; buses run from about 06:00) and the demo's configuration; returns its
   * workload.
   */
  public static Workload demo(Path directory, LocalTime start, Duration duration)
      throws IOException {
    DemoCity city = DemoData.perigueux(DemoData.DEFAULT_DATE);
    Path cityFiles = directory.resolve("city");
    CityFiles.write(city, cityFiles);
    DemoData.writePeribus(cityFiles.resolve("peribus-gtfs.zip"));
    FeedSimulator.run(
        city,
        SimulationSettings.typical(
            DEMO_SEED,
            DemoData.DEFAULT_DATE.atTime(start).atZone(city.timetable().timeZone()).toInstant(),
            duration),
        directory.resolve("feeds"));
    DemoConfig.write(directory, DEMO_SEED, directory.resolve("checkpoints"));
    return of(directory);
  }

  /** The events the decoders accept in one file. */
  public static long decodedEvents(SnapshotFile file) {
    long events = 0;
    for (Decoded<?> decoded : FeedFormats.of(file.kind()).decoder().decode(file.read())) {
      events += decoded.isOk() ? 1 : 0;
    }
    return events;
  }

  /**
   * The decoders alone, one thread, over the files the jobs read (reading included): the cost no
   * job can avoid.
   */
  public Measurement decodersAlone() {
    long start = System.nanoTime();
    long decoded = 0;
    for (SnapshotFile file : files) {
      if (ZoneFlowJob.FEED_KINDS.contains(file.kind())) {
        decoded += decodedEvents(file);
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Measurement(Measurement.DECODERS, 1, snapshots, decoded, 0, seconds, seconds);
  }

  private static Path configFile(Path directory) throws IOException {
    Path standard = directory.resolve(DemoConfig.FILE);
    if (Files.exists(standard)) {
      return standard;
    }
    try (Stream<Path> entries = Files.list(directory)) {
      List<Path> yaml =
          entries.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml")).toList();
      if (yaml.size() != 1) {
        throw new IOException(
            directory + " holds no " + DemoConfig.FILE + " and not exactly one YAML file: " + yaml);
      }
      return yaml.get(0);
    }
  }
}
