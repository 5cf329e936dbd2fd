package io.mobiflow.benchmarks.region;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import io.mobiflow.benchmarks.gtfs.SyntheticGtfsFeed;
import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.feeds.FeedFormats;
import io.mobiflow.connectors.source.SnapshotDirectory;
import io.mobiflow.connectors.source.SnapshotFile;
import io.mobiflow.geodata.geom.Wgs84;
import io.mobiflow.jobs.config.ConfigLoader;
import io.mobiflow.jobs.config.PlacesLoader;
import io.mobiflow.jobs.zoneflow.match.Places;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three simulated minutes of a small region (30 routes, 900 stops): the snapshots per kind, the
 * vehicles against the timetable, what the decoders make of every file, the job's configuration,
 * and determinism by seed.
 */
class RegionSimulatorTest {

  static final RegionSpec SMALL =
      new RegionSpec(new SyntheticGtfsFeed(30, 260, 25, 900, 42L), 8, 5, 200, 100, 1_000);
  private static final LocalTime FROM = LocalTime.of(7, 0);
  private static final Duration MINUTES = Duration.ofMinutes(3);
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

  @TempDir static Path temp;
  private static Path first;
  private static Schedule schedule;

  @BeforeAll
  static void generate() throws IOException {
    first = temp.resolve("first");
    RegionSimulator.generate(SMALL, 7, FROM, MINUTES, first, QUIET);
    schedule = Schedule.read(first.resolve("city/gtfs"));
  }

  @Test
  void writesTheSnapshotsOfEachFeedAtItsInterval() throws IOException {
    Map<FeedKind, Integer> snapshots = new TreeMap<>();
    for (SnapshotFile file : SnapshotDirectory.scan(first.resolve("feeds"))) {
      snapshots.merge(file.kind(), 1, Integer::sum);
    }
    assertThat(snapshots)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                FeedKind.GTFS_RT_VEHICLE_POSITIONS, 6,
                FeedKind.GTFS_RT_TRIP_UPDATES, 6,
                FeedKind.GBFS_STATION_STATUS, 3,
                FeedKind.GBFS_FREE_VEHICLES, 3,
                FeedKind.COUNTER_CSV, 3));
  }

  @Test
  void publishesEveryRunningVehicleEvery30Seconds() throws IOException {
    List<int[]> trips = schedule.weekdayTrips();
    for (SnapshotFile file : kind(FeedKind.GTFS_RT_VEHICLE_POSITIONS)) {
      long now = secondsOfDay(file);
      // The simulator starts a trip 0-300 s late and shows it 5 min before its departure; delays
      // never fall under -90 s, and none reaches an hour.
      long surelyRunning = trips.stream().filter(t -> t[0] <= now && now <= t[1] - 90).count();
      long possiblyRunning =
          trips.stream().filter(t -> t[0] - 360 <= now && now <= t[1] + 3600).count();
      FeedMessage positions = FeedMessage.parseFrom(Files.readAllBytes(Path.of(file.path())));
      FeedMessage updates =
          FeedMessage.parseFrom(
              Files.readAllBytes(
                  Path.of(file.path().replace("vehicle_positions", "trip_updates"))));
      assertThat(surelyRunning).as("trips running at %s", now).isGreaterThan(100);
      assertThat((long) positions.getEntityCount()).isBetween(surelyRunning, possiblyRunning);
      assertThat((long) updates.getEntityCount())
          .isBetween(surelyRunning, (long) positions.getEntityCount());
    }
  }

  @Test
  void publishesEveryCounterStationAndVehicleOfTheRegion() {
    for (SnapshotFile file : kind(FeedKind.COUNTER_CSV)) {
      assertThat(accepted(file)).isEqualTo(SMALL.counterSites()); // one minute per file
    }
    for (SnapshotFile file : kind(FeedKind.GBFS_STATION_STATUS)) {
      assertThat(accepted(file)).isEqualTo(SMALL.stations());
    }
    List<SnapshotFile> vehicles = kind(FeedKind.GBFS_FREE_VEHICLES);
    assertThat(accepted(vehicles.get(0))).isEqualTo(SMALL.freeFloatingFleet()); // all parked
    for (SnapshotFile file : vehicles) {
      assertThat(accepted(file))
          .isBetween(SMALL.freeFloatingFleet() / 2, SMALL.freeFloatingFleet());
    }
  }

  @Test
  void theDecodersAcceptEverythingButVehiclesOnLegsAcrossTheGrid() throws IOException {
    // The synthetic routes wrap from one edge of the stop grid to the other in one leg, at
    // speeds no vehicle reaches: the decoder rejects those vehicles, and only those.
    Set<String> wrapping = schedule.wrappingTrips();
    int accepted = 0;
    for (SnapshotFile file : SnapshotDirectory.scan(first.resolve("feeds"))) {
      FeedMessage message =
          file.kind() == FeedKind.GTFS_RT_VEHICLE_POSITIONS
              ? FeedMessage.parseFrom(Files.readAllBytes(Path.of(file.path())))
              : null;
      for (Decoded<?> decoded : FeedFormats.of(file.kind()).decoder().decode(file.read())) {
        if (decoded.isOk()) {
          accepted++;
          continue;
        }
        assertThat(file.kind())
            .as(decoded.toString())
            .isEqualTo(FeedKind.GTFS_RT_VEHICLE_POSITIONS);
        assertThat(decoded.reason()).isEqualTo(RejectReason.INVALID_VALUE);
        String trip =
            message.getEntity((int) decoded.source().line() - 1).getVehicle().getTrip().getTripId();
        assertThat(wrapping).as(decoded.detail()).contains(trip);
      }
    }
    assertThat(accepted).isPositive();
  }

  @Test
  void writesAConfigurationTheJobLoadsWithTheRegionsPlaces() throws Exception {
    Places places = PlacesLoader.load(ConfigLoader.load(first.resolve("mobiflow.yaml")));
    assertThat(places.zones()).hasSize(SMALL.zones());
    assertThat(places.counterSites()).hasSize(SMALL.counterSites());
    assertThat(places.stations()).hasSize(SMALL.stations());
    assertThat(places.stops()).hasSize(SMALL.feed().stops());
  }

  @Test
  void theSameSeedGivesTheSameBytesAndAnotherSeedOtherFeeds() throws Exception {
    Path again = temp.resolve("again");
    Path other = temp.resolve("other");
    RegionSimulator.generate(SMALL, 7, FROM, MINUTES, again, QUIET);
    RegionSimulator.generate(SMALL, 8, FROM, MINUTES, other, QUIET);
    assertThat(contents(again)).isEqualTo(contents(first));
    Map<Path, String> firstFeeds = contents(first.resolve("feeds"));
    Map<Path, String> otherFeeds = contents(other.resolve("feeds"));
    assertThat(otherFeeds.keySet()).isEqualTo(firstFeeds.keySet());
    for (Path file : firstFeeds.keySet()) {
      assertThat(otherFeeds.get(file)).as(file.toString()).isNotEqualTo(firstFeeds.get(file));
    }
  }

  private static List<SnapshotFile> kind(FeedKind kind) {
    try {
      return SnapshotDirectory.scan(first.resolve("feeds")).stream()
          .filter(f -> f.kind() == kind)
          .toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int accepted(SnapshotFile file) {
    List<? extends Decoded<?>> decoded = FeedFormats.of(file.kind()).decoder().decode(file.read());
    assertThat(decoded).allMatch(Decoded::isOk);
    return decoded.size();
  }

  private static long secondsOfDay(SnapshotFile file) {
    return file.fetchedAt().atZone(ZoneId.of("Europe/Paris")).toLocalTime().toSecondOfDay();
  }

  /**
   * The weekday trips' first departure and last arrival (seconds of the day), and the trips with a
   * leg over 10 km, read from the GTFS text files.
   */
  private record Schedule(List<int[]> weekdayTrips, Set<String> wrappingTrips) {

    static Schedule read(Path gtfs) throws IOException {
      Map<String, double[]> stops = new HashMap<>();
      try (Stream<String> lines = Files.lines(gtfs.resolve("stops.txt")).skip(1)) {
        lines
            .map(l -> l.split(","))
            .forEach(
                f ->
                    stops.put(
                        f[0], new double[] {Double.parseDouble(f[2]), Double.parseDouble(f[3])}));
      }
      Map<String, Boolean> weekday = new HashMap<>();
      try (Stream<String> lines = Files.lines(gtfs.resolve("trips.txt")).skip(1)) {
        lines.map(l -> l.split(",")).forEach(f -> weekday.put(f[2], f[1].equals("WEEK")));
      }
      Map<String, int[]> span = new HashMap<>();
      Set<String> wrapping = new HashSet<>();
      String[] previous = {null, null};
      try (Stream<String> lines = Files.lines(gtfs.resolve("stop_times.txt")).skip(1)) {
        lines
            .map(l -> l.split(","))
            .forEach(
                f -> {
                  int[] times = span.computeIfAbsent(f[0], id -> new int[] {-1, -1});
                  if (f[4].equals("1")) {
                    times[0] = seconds(f[2]);
                  } else if (f[0].equals(previous[0])) {
                    double[] a = stops.get(previous[1]);
                    double[] b = stops.get(f[3]);
                    if (Wgs84.distanceMeters(a[0], a[1], b[0], b[1]) > 10_000) {
                      wrapping.add(f[0]);
                    }
                  }
                  times[1] = Math.max(times[1], seconds(f[1]));
                  previous[0] = f[0];
                  previous[1] = f[3];
                });
      }
      List<int[]> trips = new ArrayList<>();
      span.forEach(
          (trip, times) -> {
            if (weekday.get(trip)) {
              trips.add(times);
            }
          });
      return new Schedule(trips, wrapping);
    }
  }

  private static int seconds(String clock) {
    String[] parts = clock.split(":");
    return Integer.parseInt(parts[0]) * 3600
        + Integer.parseInt(parts[1]) * 60
        + Integer.parseInt(parts[2]);
  }

  /** Every file under {@code root} by relative path, with the SHA-256 of its bytes. */
  private static Map<Path, String> contents(Path root) throws Exception {
    Map<Path, String> contents = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
        contents.put(root.relativize(file), HexFormat.of().formatHex(digest));
      }
    }
    return contents;
  }
}
