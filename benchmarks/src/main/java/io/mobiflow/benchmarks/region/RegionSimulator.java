package io.mobiflow.benchmarks.region;

import io.mobiflow.app.demo.CityFiles;
import io.mobiflow.app.demo.DemoCity;
import io.mobiflow.app.demo.FeedSimulator;
import io.mobiflow.app.demo.SimulationSettings;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.gtfs.CompactTimetableLoader;
import io.mobiflow.connectors.gtfs.Timetable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.util.FileUtils;

/**
 * Simulates a region's realtime feeds, SIMULATED and seeded, with the demo's {@link FeedSimulator}
 * over the synthetic region timetable: GTFS-Realtime VehiclePositions and TripUpdates of every
 * running vehicle every 30 s, every counter site's reading every minute, GBFS station_status and
 * free_bike_status every minute. The same spec, seed and period give byte-identical files. Writes,
 * under the output folder:
 *
 * <pre>
 * mobiflow.yaml the zone-flow job's configuration over these files (replay; see its comments)
 * city/         gtfs/ (the timetable), zones.geojson, counter-sites.csv and .geojson,
 *               station_information.json
 * feeds/        the snapshots, in the SnapshotDirectory layout (RawFeeder sends them to Kafka)
 * </pre>
 *
 * <pre>
 * java -Xmx3g -cp ... io.mobiflow.benchmarks.region.RegionSimulator generate
 *     (--hours H | --minutes M) [--seed S] [--from HH:MM] --out DIR
 * </pre>
 */
public final class RegionSimulator {

  /** A school-term Tuesday within the synthetic timetable's calendar: its weekday service runs. */
  public static final LocalDate SERVICE_DATE = LocalDate.of(2026, 1, 13);

  /** The region's id, the prefix of its feeds' ids ({@code region-transit-sim}, ...). */
  public static final String REGION_ID = "region";

  private RegionSimulator() {}

  /**
   * Writes the region's city, feeds and configuration under {@code out} ({@code feeds/} replaced);
   * returns the snapshots written per kind.
   *
   * @param from local start time on {@link #SERVICE_DATE}
   * @param progress where the steps and their times are reported
   */
  public static Map<FeedKind, Integer> generate(
      RegionSpec spec, long seed, LocalTime from, Duration duration, Path out, PrintStream progress)
      throws IOException {
    Path cityDir = out.resolve("city");
    Path gtfs = cityDir.resolve("gtfs");
    long started = System.nanoTime();
    spec.feed().writeTo(gtfs);
    progress.printf(
        Locale.ROOT,
        "GTFS: %,d stop_times written to %s in %.1f s%n",
        spec.feed().stopTimes(),
        gtfs,
        seconds(started));

    started = System.nanoTime();
    Timetable timetable = CompactTimetableLoader.load(gtfs).forDate(SERVICE_DATE);
    DemoCity city = RegionCityBuilder.derive(REGION_ID, "Synthetic region", timetable, spec);
    CityFiles.write(city, cityDir);
    progress.printf(
        Locale.ROOT,
        "City: %,d stops, %,d trips on %s; %,d zones, %,d counter sites, %,d bike stations,"
            + " %,d free-floating vehicles; loaded and written in %.1f s%n",
        timetable.stops().size(),
        timetable.trips().size(),
        SERVICE_DATE,
        city.zones().size(),
        city.counterSites().size(),
        city.stations().size(),
        city.freeFloatingFleet(),
        seconds(started));

    Path feeds = out.resolve("feeds");
    FileUtils.deleteDirectoryQuietly(feeds.toFile());
    started = System.nanoTime();
    Map<FeedKind, Integer> snapshots =
        FeedSimulator.run(city, settings(seed, from, duration, timetable), feeds);
    progress.printf(
        Locale.ROOT,
        "Feeds: %d min from %s simulated (seed %d) in %.1f s: %,d snapshots in %s%n",
        duration.toMinutes(),
        from,
        seed,
        seconds(started),
        snapshots.values().stream().mapToInt(Integer::intValue).sum(),
        feeds);
    writeConfig(out, seed);
    return snapshots;
  }

  /**
   * Real-feed intervals, except counters: GTFS-Realtime every 30 s, GBFS and counters every minute.
   */
  static SimulationSettings settings(
      long seed, LocalTime from, Duration duration, Timetable timetable) {
    return new SimulationSettings(
        seed,
        SERVICE_DATE.atTime(from).atZone(timetable.timeZone()).toInstant(),
        duration,
        Duration.ofSeconds(30),
        Duration.ofMinutes(1),
        Duration.ofMinutes(1));
  }

  /** Writes {@code out/mobiflow.yaml}: the job replays {@code feeds/} against the region. */
  static Path writeConfig(Path out, long seed) throws IOException {
    return Files.writeString(
        out.resolve("mobiflow.yaml"),
        """
        # The synthetic region (RegionSimulator generate, seed %d): its places and SIMULATED feeds.
        # To read the raw Kafka topics instead (RawFeeder), remove 'sources' and 'outputs' and
        # name the brokers under 'kafka'.
        places:
          zones: city/zones.geojson
          stations: city/station_information.json
          counter_sites: city/counter-sites.csv
          gtfs: city/gtfs
          resolve_trip_updates: false    # the simulated TripUpdates give their delays
        sources:
          snapshots: feeds
        outputs:
          json_lines: out
        """
            .formatted(seed),
        StandardCharsets.UTF_8);
  }

  public static void main(String[] args) throws Exception {
    Arguments arguments = Arguments.parse(args);
    if (arguments == null) {
      System.err.println(
          "usage: RegionSimulator generate (--hours H | --minutes M) [--seed S] [--from HH:MM]"
              + " --out DIR");
      System.exit(2);
      return;
    }
    long started = System.nanoTime();
    generate(
        RegionSpec.full(),
        arguments.seed,
        arguments.from,
        arguments.duration,
        arguments.out,
        System.out);
    System.out.printf(Locale.ROOT, "Generated in %.1f s; decoding to count...%n", seconds(started));
    System.out.print(FeedCensus.format(FeedCensus.of(arguments.out.resolve("feeds"))));
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** The command line of {@code generate}. */
  private record Arguments(long seed, LocalTime from, Duration duration, Path out) {

    /** The arguments, or {@code null} if they are not a valid command line. */
    static Arguments parse(String[] args) {
      if (args.length == 0 || !args[0].equals("generate") || args.length % 2 == 0) {
        return null;
      }
      long seed = 1;
      LocalTime from = LocalTime.of(7, 0);
      Duration duration = null;
      Path out = null;
      for (int i = 1; i < args.length; i += 2) {
        String value = args[i + 1];
        switch (args[i]) {
          case "--seed" -> seed = Long.parseLong(value);
          case "--from" -> from = LocalTime.parse(value);
          case "--hours" -> duration = Duration.ofHours(Long.parseLong(value));
          case "--minutes" -> duration = Duration.ofMinutes(Long.parseLong(value));
          case "--out" -> out = Path.of(value);
          default -> {
            return null;
          }
        }
      }
      return duration == null || out == null ? null : new Arguments(seed, from, duration, out);
    }
  }
}
