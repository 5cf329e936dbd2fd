package io.mobiflow.app.demo;

import io.mobiflow.connectors.common.FeedKind;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Produces the SIMULATED realtime feeds of a demo city for a period, as snapshot files in the
 * {@link io.mobiflow.connectors.source.SnapshotDirectory} layout: GTFS-Realtime VehiclePositions
 * and TripUpdates (protobuf), GBFS station_status and free_bike_status (JSON) and counter readings
 * (CSV), each at its own publication interval. The same city and settings give byte-identical
 * files.
 *
 * <p>It is also the load generator of the benchmarks: work grows linearly with the period and the
 * size of the city, and nothing is held in memory beyond one snapshot.
 */
public final class FeedSimulator {

  private FeedSimulator() {}

  /** Writes the feeds under {@code root}; returns the number of snapshots per kind. */
  public static Map<FeedKind, Integer> run(DemoCity city, SimulationSettings settings, Path root)
      throws IOException {
    SnapshotWriter writer = new SnapshotWriter(root);
    TransitSimulator transit =
        new TransitSimulator(city.feedId("transit"), city.timetable(), settings);
    BikeShareSimulator bikes =
        new BikeShareSimulator(
            city.feedId("bikes"), city.stations(), city.timetable().timeZone(), settings);
    FreeFloatingSimulator scooters =
        new FreeFloatingSimulator(
            city.feedId("scooters"),
            city.timetable().stops(),
            city.timetable().timeZone(),
            city.freeFloatingFleet(),
            settings);
    CounterSimulator counters =
        new CounterSimulator(
            city.feedId("counters"), city.counterSites(), city.timetable().timeZone(), settings);
    Instant start = settings.start();
    Instant end = settings.end();
    // Snapshots of the state at [start, end); counter files of the minutes in (start, end].
    forEachTick(start, end, settings.transitInterval(), time -> transit.publish(time, writer));
    forEachTick(start, end, settings.bikeInterval(), time -> bikes.publish(time, writer));
    forEachTick(start, end, settings.bikeInterval(), time -> scooters.publish(time, writer));
    Duration counterInterval = settings.counterInterval();
    forEachTick(
        start.plus(counterInterval),
        end.plusSeconds(1),
        counterInterval,
        time -> counters.publish(time, writer));
    return writer.counts();
  }

  private static void forEachTick(Instant first, Instant end, Duration interval, Tick tick)
      throws IOException {
    for (Instant time = first; time.isBefore(end); time = time.plus(interval)) {
      tick.at(time);
    }
  }

  @FunctionalInterface
  private interface Tick {
    void at(Instant time) throws IOException;
  }
}
