package io.mobiflow.app.demo;

import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.FeedHeader;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import com.google.transit.realtime.GtfsRealtime.Position;
import com.google.transit.realtime.GtfsRealtime.TripDescriptor;
import com.google.transit.realtime.GtfsRealtime.TripUpdate;
import com.google.transit.realtime.GtfsRealtime.VehicleDescriptor;
import com.google.transit.realtime.GtfsRealtime.VehiclePosition;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.gtfs.ScheduledTrip;
import io.mobiflow.connectors.gtfs.Timetable;
import io.mobiflow.connectors.gtfs.TransitStop;
import io.mobiflow.geodata.geom.Wgs84;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Simulates the GTFS-Realtime feeds of a timetable: every trip gets a seeded delay profile (a start
 * delay, drift from stop to stop that grows in the peaks, and in 6 % of trips an incident adding
 * 6–15 minutes, half of them skipping two stops); vehicles move in straight lines between stops at
 * their delayed times. Publishes FULL_DATASET VehiclePositions and TripUpdates (predicting the
 * current delay for all remaining stops, as many producers do).
 */
final class TransitSimulator {

  private static final double INCIDENT_SHARE = 0.06;

  private final String feedId;
  private final Map<String, TransitStop> stops;
  private final long serviceDayStartEpoch;
  private final String startDate;
  private final List<TripRun> runs = new ArrayList<>();

  TransitSimulator(String feedId, Timetable timetable, SimulationSettings settings) {
    this.feedId = feedId;
    this.stops = timetable.stopsById();
    this.serviceDayStartEpoch =
        timetable
            .serviceDate()
            .atTime(12, 0)
            .atZone(timetable.timeZone())
            .minusHours(12)
            .toEpochSecond();
    this.startDate = timetable.serviceDate().format(DateTimeFormatter.BASIC_ISO_DATE);
    long from = settings.start().getEpochSecond() - serviceDayStartEpoch - 3600;
    long to = settings.end().getEpochSecond() - serviceDayStartEpoch;
    for (ScheduledTrip trip : timetable.trips()) {
      if (trip.lastArrivalSeconds() >= from && trip.firstDepartureSeconds() - 600 <= to) {
        runs.add(new TripRun(trip, settings.seed()));
      }
    }
  }

  /** Writes one VehiclePositions and one TripUpdates snapshot at {@code time}. */
  void publish(Instant time, SnapshotWriter writer) throws IOException {
    long now = time.getEpochSecond() - serviceDayStartEpoch;
    FeedMessage.Builder positions = message(time);
    FeedMessage.Builder updates = message(time);
    Set<String> vehiclesOut = new HashSet<>();
    for (TripRun run : runs) {
      if (!run.activeAt(now)) {
        continue;
      }
      String vehicleId = run.vehicleId();
      if (vehiclesOut.add(vehicleId)) {
        positions.addEntity(
            FeedEntity.newBuilder().setId("vp-" + vehicleId).setVehicle(position(run, now, time)));
      }
      if (!run.finishedAt(now)) {
        updates.addEntity(
            FeedEntity.newBuilder()
                .setId("tu-" + run.trip.tripId())
                .setTripUpdate(update(run, now, time)));
      }
    }
    writer.write(
        feedId, FeedKind.GTFS_RT_VEHICLE_POSITIONS, time, "pb", positions.build().toByteArray());
    writer.write(feedId, FeedKind.GTFS_RT_TRIP_UPDATES, time, "pb", updates.build().toByteArray());
  }

  private static FeedMessage.Builder message(Instant time) {
    return FeedMessage.newBuilder()
        .setHeader(
            FeedHeader.newBuilder()
                .setGtfsRealtimeVersion("2.0")
                .setIncrementality(FeedHeader.Incrementality.FULL_DATASET)
                .setTimestamp(time.getEpochSecond()));
  }

  private TripDescriptor descriptor(TripRun run) {
    return TripDescriptor.newBuilder()
        .setTripId(run.trip.tripId())
        .setRouteId(run.trip.routeId())
        .setStartDate(startDate)
        .setScheduleRelationship(TripDescriptor.ScheduleRelationship.SCHEDULED)
        .build();
  }

  private VehiclePosition.Builder position(TripRun run, long now, Instant time) {
    int last = run.lastDepartedIndex(now);
    int n = run.trip.stops().size();
    TransitStop from = stops.get(run.trip.stops().get(Math.max(last, 0)).stopId());
    TransitStop to = stops.get(run.trip.stops().get(Math.min(last + 1, n - 1)).stopId());
    double fraction = 0;
    double speedMps = 0;
    if (last >= 0 && last < n - 1 && now < run.arrival[last + 1]) {
      long legSeconds = Math.max(1, run.arrival[last + 1] - run.departure[last]);
      fraction = (double) (now - run.departure[last]) / legSeconds;
      speedMps =
          Wgs84.distanceMeters(from.latitude(), from.longitude(), to.latitude(), to.longitude())
              / legSeconds;
    } else if (last >= 0 && last < n - 1) {
      fraction = 1; // dwelling at the next stop
    }
    double latitude = from.latitude() + fraction * (to.latitude() - from.latitude());
    double longitude = from.longitude() + fraction * (to.longitude() - from.longitude());
    VehiclePosition.Builder vehicle =
        VehiclePosition.newBuilder()
            .setTrip(descriptor(run))
            .setVehicle(VehicleDescriptor.newBuilder().setId(run.vehicleId()))
            .setPosition(
                Position.newBuilder()
                    .setLatitude((float) latitude)
                    .setLongitude((float) longitude)
                    .setBearing((float) bearing(from, to))
                    .setSpeed((float) speedMps))
            .setTimestamp(time.getEpochSecond())
            .setOccupancyStatus(run.occupancy(now));
    return vehicle;
  }

  private TripUpdate.Builder update(TripRun run, long now, Instant time) {
    int last = run.lastDepartedIndex(now);
    int delay = run.delay[Math.max(last, 0)];
    TripUpdate.Builder update =
        TripUpdate.newBuilder()
            .setTrip(descriptor(run))
            .setVehicle(VehicleDescriptor.newBuilder().setId(run.vehicleId()))
            .setTimestamp(time.getEpochSecond())
            .setDelay(delay);
    for (int k = last + 1; k < run.trip.stops().size(); k++) {
      ScheduledTrip.StopTime stopTime = run.trip.stops().get(k);
      TripUpdate.StopTimeUpdate.Builder stop =
          TripUpdate.StopTimeUpdate.newBuilder()
              .setStopSequence(stopTime.stopSequence())
              .setStopId(stopTime.stopId());
      if (run.skipped[k]) {
        stop.setScheduleRelationship(TripUpdate.StopTimeUpdate.ScheduleRelationship.SKIPPED);
      } else {
        stop.setArrival(
            TripUpdate.StopTimeEvent.newBuilder()
                .setDelay(delay)
                .setTime(serviceDayStartEpoch + stopTime.arrivalSeconds() + delay));
      }
      update.addStopTimeUpdate(stop);
    }
    return update;
  }

  private static double bearing(TransitStop from, TransitStop to) {
    double phi1 = Math.toRadians(from.latitude());
    double phi2 = Math.toRadians(to.latitude());
    double dLambda = Math.toRadians(to.longitude() - from.longitude());
    double y = Math.sin(dLambda) * Math.cos(phi2);
    double x =
        Math.cos(phi1) * Math.sin(phi2) - Math.sin(phi1) * Math.cos(phi2) * Math.cos(dLambda);
    return (Math.toDegrees(Math.atan2(y, x)) + 360) % 360;
  }

  /** One trip as it runs on the simulated day: realised delays and times per stop. */
  private static final class TripRun {
    final ScheduledTrip trip;
    final int[] delay;
    final boolean[] skipped;
    final long[] arrival;
    final long[] departure;
    final long occupancySeed;

    TripRun(ScheduledTrip trip, long seed) {
      this.trip = trip;
      int n = trip.stops().size();
      SplittableRandom random =
          new SplittableRandom(seed * 0x9E3779B97F4A7C15L + trip.tripId().hashCode());
      delay = new int[n];
      skipped = new boolean[n];
      arrival = new long[n];
      departure = new long[n];
      int d = (int) Math.max(-60, Math.min(300, Math.round(45 + 60 * random.nextGaussian())));
      for (int k = 0; k < n; k++) {
        ScheduledTrip.StopTime stop = trip.stops().get(k);
        if (k > 0) {
          double peak = DailyProfile.demand(stop.arrivalSeconds() / 3600.0);
          d = Math.max(-90, d + (int) Math.round(20 * peak * random.nextGaussian() + 8 * peak));
        }
        delay[k] = d;
      }
      if (n > 3 && random.nextDouble() < INCIDENT_SHARE) {
        int from = 1 + random.nextInt(n - 2);
        int extra = 360 + random.nextInt(540);
        for (int k = from; k < n; k++) {
          delay[k] += extra;
        }
        if (random.nextBoolean()) {
          for (int k = from; k < Math.min(from + 2, n - 1); k++) {
            skipped[k] = true;
          }
        }
      }
      for (int k = 0; k < n; k++) {
        ScheduledTrip.StopTime stop = trip.stops().get(k);
        arrival[k] = stop.arrivalSeconds() + delay[k];
        departure[k] = Math.max(arrival[k], stop.departureSeconds() + delay[k]);
        if (k > 0 && arrival[k] < departure[k - 1]) {
          arrival[k] = departure[k - 1];
          departure[k] = Math.max(departure[k], arrival[k]);
        }
      }
      occupancySeed = random.nextLong();
    }

    String vehicleId() {
      return "bus-" + (trip.blockId() != null ? trip.blockId() : trip.tripId());
    }

    boolean activeAt(long now) {
      return now >= departure[0] - 300 && now <= arrival[arrival.length - 1];
    }

    boolean finishedAt(long now) {
      return lastDepartedIndex(now) >= trip.stops().size() - 1;
    }

    /** The last stop the vehicle has left, or -1 before the first departure. */
    int lastDepartedIndex(long now) {
      int last = -1;
      for (int k = 0; k < departure.length && departure[k] <= now; k++) {
        last = k;
      }
      return last;
    }

    VehiclePosition.OccupancyStatus occupancy(long now) {
      double load =
          DailyProfile.demand(now / 3600.0)
              * (0.6 + 0.8 * new SplittableRandom(occupancySeed + now / 300).nextDouble());
      if (load < 0.35) {
        return VehiclePosition.OccupancyStatus.MANY_SEATS_AVAILABLE;
      } else if (load < 0.75) {
        return VehiclePosition.OccupancyStatus.FEW_SEATS_AVAILABLE;
      } else if (load < 1.1) {
        return VehiclePosition.OccupancyStatus.STANDING_ROOM_ONLY;
      }
      return VehiclePosition.OccupancyStatus.CRUSHED_STANDING_ROOM_ONLY;
    }
  }
}
