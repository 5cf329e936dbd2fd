package io.mobiflow.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.counters.decode.CounterCsvDecoder;
import io.mobiflow.connectors.gbfs.decode.FreeFloatingVehicleDecoder;
import io.mobiflow.connectors.gbfs.decode.StationStatusDecoder;
import io.mobiflow.connectors.source.SnapshotDirectory;
import io.mobiflow.connectors.source.SnapshotFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedSimulatorTest {

  private static final Instant START = Instant.parse("2026-01-13T06:30:00Z"); // 07:30 local
  private static DemoCity city;

  @TempDir Path dir;

  @BeforeAll
  static void loadCity() throws IOException {
    city = DemoData.perigueux(DemoData.DEFAULT_DATE);
  }

  @Test
  void theSameSeedGivesByteIdenticalFeedsAndAnotherSeedDoesNot() throws IOException {
    Map<String, byte[]> first = simulate(7, dir.resolve("a"));
    Map<String, byte[]> second = simulate(7, dir.resolve("b"));
    Map<String, byte[]> other = simulate(8, dir.resolve("c"));

    assertThat(first).isNotEmpty();
    assertThat(second.keySet()).isEqualTo(first.keySet());
    first.forEach((file, bytes) -> assertThat(second.get(file)).as(file).isEqualTo(bytes));
    assertThat(other.keySet()).isEqualTo(first.keySet());
    long differing =
        first.keySet().stream()
            .filter(f -> !java.util.Arrays.equals(first.get(f), other.get(f)))
            .count();
    assertThat(differing).isGreaterThan(first.size() / 2);
  }

  @Test
  void publishesEachFeedAtItsIntervalForTheWholePeriod() throws IOException {
    Map<FeedKind, Integer> counts =
        FeedSimulator.run(city, SimulationSettings.typical(1, START, Duration.ofMinutes(20)), dir);
    // 20 minutes: GTFS-RT every 30 s (40), GBFS (stations, scooters) every 60 s (20), counters
    // every 5 min (4).
    assertThat(counts)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                FeedKind.GTFS_RT_VEHICLE_POSITIONS, 40,
                FeedKind.GTFS_RT_TRIP_UPDATES, 40,
                FeedKind.GBFS_STATION_STATUS, 20,
                FeedKind.GBFS_FREE_VEHICLES, 20,
                FeedKind.COUNTER_CSV, 4));
  }

  @Test
  void gtfsRealtimeParsesWithTheBindingsAndNamesRealTripsAndStops() throws IOException {
    FeedSimulator.run(city, SimulationSettings.typical(3, START, Duration.ofMinutes(10)), dir);
    Set<String> tripIds =
        city.timetable().trips().stream().map(t -> t.tripId()).collect(Collectors.toSet());
    Set<String> stopIds = city.timetable().stopsById().keySet();
    Set<String> seenTrips = new HashSet<>();
    for (SnapshotFile file : SnapshotDirectory.scan(dir)) {
      if (file.kind() == FeedKind.GTFS_RT_VEHICLE_POSITIONS
          || file.kind() == FeedKind.GTFS_RT_TRIP_UPDATES) {
        FeedMessage message = FeedMessage.parseFrom(Files.readAllBytes(Path.of(file.path())));
        assertThat(message.getHeader().getTimestamp()).isEqualTo(file.fetchedAt().getEpochSecond());
        assertThat(message.getEntityCount()).isPositive();
        for (FeedEntity entity : message.getEntityList()) {
          String tripId =
              entity.hasVehicle()
                  ? entity.getVehicle().getTrip().getTripId()
                  : entity.getTripUpdate().getTrip().getTripId();
          assertThat(tripIds).contains(tripId);
          seenTrips.add(tripId);
          entity
              .getTripUpdate()
              .getStopTimeUpdateList()
              .forEach(stop -> assertThat(stopIds).contains(stop.getStopId()));
        }
      }
    }
    assertThat(seenTrips).hasSizeGreaterThan(20);
  }

  @Test
  void gbfsAndCounterSnapshotsDecodeWithoutRejection() throws IOException {
    FeedSimulator.run(city, SimulationSettings.typical(5, START, Duration.ofMinutes(10)), dir);
    for (SnapshotFile file : SnapshotDirectory.scan(dir)) {
      List<? extends Decoded<?>> decoded =
          switch (file.kind()) {
            case GBFS_STATION_STATUS -> new StationStatusDecoder().decode(file.read());
            case GBFS_FREE_VEHICLES -> new FreeFloatingVehicleDecoder().decode(file.read());
            case COUNTER_CSV -> new CounterCsvDecoder().decode(file.read());
            default -> List.of();
          };
      assertThat(decoded).allMatch(Decoded::isOk);
    }
  }

  private static Map<String, byte[]> simulate(long seed, Path root) throws IOException {
    FeedSimulator.run(city, SimulationSettings.typical(seed, START, Duration.ofMinutes(10)), root);
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .collect(Collectors.toMap(f -> root.relativize(f).toString(), FeedSimulatorTest::bytes));
    }
  }

  private static byte[] bytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
