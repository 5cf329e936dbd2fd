package io.mobiflow.jobs.suggest.rules;

import io.mobiflow.connectors.gtfs.ScheduledTrip.StopTime;
import io.mobiflow.connectors.gtfs.TransitStop;
import io.mobiflow.jobs.suggest.TravelModel;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The "delay → shared vehicle" rule. A trip predicted at least {@link TravelModel#minDelay()} late
 * at stop S, a shared vehicle within {@link TravelModel#radiusMeters()} of S (the nearest is
 * taken), and a later stop T of the same trip that the traveller reaches first by walking to the
 * vehicle, unlocking it and riding (straight distance × detour factor) — to T itself for a
 * free-floating vehicle, to the nearest station with a free dock within the radius of T and on foot
 * from there for a station-based one. Of the stops reached first, the one with the largest gain is
 * suggested. The trip's later stops are taken at their scheduled arrival plus the same delay. The
 * suggestion holds until the trip's predicted departure from S.
 */
public final class DelayToSharedVehicle {

  private final TravelModel model;
  private final Map<String, TransitStop> stops = new HashMap<>();

  public DelayToSharedVehicle(TravelModel model, List<TransitStop> stops) {
    this.model = model;
    stops.forEach(stop -> this.stops.put(stop.stopId(), stop));
  }

  /**
   * @param tripId the delayed trip
   * @param routeId its route
   * @param at the trip's stop where the traveller waits
   * @param following the trip's later stops, in order, with scheduled times
   * @param serviceDayStart the trip's service day origin (noon − 12 h), epoch seconds
   * @param delaySeconds the predicted delay at {@code at}
   * @param now when the traveller would set off
   * @param spots shared vehicles and stations with their current availability
   * @return the suggestion, or empty when the rule does not hold
   */
  public Optional<SharedVehicleSuggestion> evaluate(
      String tripId,
      String routeId,
      StopTime at,
      List<StopTime> following,
      long serviceDayStart,
      int delaySeconds,
      Instant now,
      List<VehicleSpot> spots) {
    TransitStop from = stops.get(at.stopId());
    if (from == null || delaySeconds < model.minDelay().toSeconds()) {
      return Optional.empty();
    }
    Optional<VehicleSpot> pickUp = nearest(spots, from, spot -> spot.vehiclesAvailable() > 0);
    if (pickUp.isEmpty()) {
      return Optional.empty();
    }
    VehicleSpot vehicle = pickUp.get();
    double walkMeters = vehicle.metersTo(from.latitude(), from.longitude());
    double setOff =
        now.toEpochMilli() / 1000.0 + model.walkSeconds(walkMeters) + model.pickUp().toSeconds();
    SharedVehicleSuggestion best = null;
    for (StopTime stop : following) {
      TransitStop to = stops.get(stop.stopId());
      if (to == null || stop.arrivalSeconds() < 0) {
        continue;
      }
      VehicleSpot drop = null;
      double arrival;
      if (vehicle.isStation()) {
        Optional<VehicleSpot> dock = nearest(spots, to, s -> s.isStation() && s.takesReturns());
        if (dock.isEmpty()) {
          continue;
        }
        drop = dock.get();
        arrival =
            setOff
                + model.rideSeconds(vehicle.metersTo(drop.latitude(), drop.longitude()))
                + model.walkSeconds(drop.metersTo(to.latitude(), to.longitude()));
      } else {
        arrival = setOff + model.rideSeconds(vehicle.metersTo(to.latitude(), to.longitude()));
      }
      long byTrip = serviceDayStart + stop.arrivalSeconds() + delaySeconds;
      if (arrival < byTrip && (best == null || byTrip - arrival > best.gainSeconds())) {
        best =
            new SharedVehicleSuggestion(
                tripId,
                routeId,
                from.stopId(),
                delaySeconds,
                vehicle.id(),
                walkMeters,
                to.stopId(),
                drop == null ? null : drop.id(),
                Instant.ofEpochSecond((long) Math.ceil(arrival)),
                Instant.ofEpochSecond(byTrip),
                Instant.ofEpochSecond(serviceDayStart + at.departureSeconds() + delaySeconds));
      }
    }
    return Optional.ofNullable(best);
  }

  private Optional<VehicleSpot> nearest(
      List<VehicleSpot> spots, TransitStop stop, Predicate<VehicleSpot> usable) {
    return spots.stream()
        .filter(usable)
        .filter(s -> s.metersTo(stop.latitude(), stop.longitude()) <= model.radiusMeters())
        .min(
            Comparator.comparingDouble(
                    (VehicleSpot s) -> s.metersTo(stop.latitude(), stop.longitude()))
                .thenComparing(VehicleSpot::id));
  }
}
