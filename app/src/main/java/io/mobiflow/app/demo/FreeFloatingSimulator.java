package io.mobiflow.app.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.gtfs.TransitStop;
import io.mobiflow.geodata.geom.Wgs84;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Simulates a fleet of free-floating e-scooters (GBFS 2.3 free_bike_status): parked within {@value
 * #PARK_RADIUS_M} m of a transit stop, each taken minute by minute with a chance that follows the
 * daily profile, ridden for 4 to 15 minutes and left near another stop. As GBFS 2.x asks, a vehicle
 * gets a new random {@code bike_id} after every trip. These ids are the personal data the engine
 * must not publish (docs/privacy.md); the privacy tests look for them in every output.
 */
final class FreeFloatingSimulator {

  /** Vehicles in the demo city's fleet. */
  static final int FLEET = 300;

  /** How far from its stop a vehicle is parked, at most. */
  static final double PARK_RADIUS_M = 120;

  private final String feedId;
  private final List<TransitStop> stops;
  private final ZoneId timeZone;
  private final SplittableRandom random;
  private final List<Vehicle> parked = new ArrayList<>();
  private final List<Vehicle> riding = new ArrayList<>();
  private Instant clock;

  /** A vehicle: its current id and position, and when a ride ends. */
  private static final class Vehicle {
    String id;
    double latitude;
    double longitude;
    Instant ridingUntil;
  }

  FreeFloatingSimulator(
      String feedId,
      List<TransitStop> stops,
      ZoneId timeZone,
      int fleet,
      SimulationSettings settings) {
    this.feedId = feedId;
    this.stops =
        stops.stream().sorted(Comparator.comparing(TransitStop::stopId)).toList(); // stable order
    this.timeZone = timeZone;
    this.random = new SplittableRandom(settings.seed() ^ 0x5C007E4L);
    for (int i = 0; i < fleet; i++) {
      Vehicle vehicle = new Vehicle();
      park(vehicle);
      parked.add(vehicle);
    }
    this.clock = settings.start();
  }

  /** Advances the simulation to {@code time} and writes free_bike_status as published then. */
  void publish(Instant time, SnapshotWriter writer) throws IOException {
    while (clock.isBefore(time)) {
      step(clock);
      clock = clock.plusSeconds(60);
    }
    GbfsDocument document = new GbfsDocument(time, "bikes");
    for (Vehicle vehicle : parked) {
      ObjectNode node = document.add();
      node.put("bike_id", vehicle.id);
      node.put("lat", vehicle.latitude);
      node.put("lon", vehicle.longitude);
      node.put("is_reserved", false);
      node.put("is_disabled", false);
      node.put("vehicle_type_id", "e-scooter");
    }
    writer.write(feedId, FeedKind.GBFS_FREE_VEHICLES, time, "json", document.bytes());
  }

  private void step(Instant minute) {
    double hour = minute.atZone(timeZone).toLocalTime().toSecondOfDay() / 3600.0;
    double takeChance = 0.03 * DailyProfile.demand(hour);
    List<Vehicle> taken = new ArrayList<>();
    for (Vehicle vehicle : parked) {
      if (random.nextDouble() < takeChance) {
        vehicle.ridingUntil = minute.plusSeconds(60L * (4 + random.nextInt(12)));
        taken.add(vehicle);
      }
    }
    parked.removeAll(taken);
    riding.addAll(taken);
    List<Vehicle> arrived = riding.stream().filter(v -> !v.ridingUntil.isAfter(minute)).toList();
    riding.removeAll(arrived);
    for (Vehicle vehicle : arrived) {
      park(vehicle);
      parked.add(vehicle);
    }
  }

  /** Parks a vehicle near a random stop under a new id. */
  private void park(Vehicle vehicle) {
    TransitStop stop = stops.get(random.nextInt(stops.size()));
    double[] at =
        Wgs84.destination(
            stop.latitude(),
            stop.longitude(),
            random.nextDouble(360),
            random.nextDouble(PARK_RADIUS_M));
    vehicle.id = String.format(Locale.ROOT, "pgx-%08x", random.nextInt());
    vehicle.latitude = Math.round(at[0] * 1e6) / 1e6;
    vehicle.longitude = Math.round(at[1] * 1e6) / 1e6;
  }
}
