package io.mobiflow.jobs.suggest.rules;

import io.mobiflow.connectors.gtfs.CompactTimetable;
import io.mobiflow.connectors.gtfs.CompactTimetable.Departure;
import io.mobiflow.connectors.gtfs.TransitStop;
import io.mobiflow.geodata.geom.Wgs84;
import io.mobiflow.jobs.suggest.Suggestion;
import io.mobiflow.jobs.suggest.TravelModel;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The "connection at risk" rule. A traveller on a delayed trip arrives at stop A and planned to
 * change, at stop B within {@link #MAX_TRANSFER_METERS} of A, to the first departure of another
 * route that the schedule lets them reach (walking A → B at the model's pace plus {@link
 * #MARGIN_SECONDS}) within {@code window}. If the delay makes that departure unreachable, the
 * suggestion names it and the next departure of the same route from B that can still be made.
 */
public final class ConnectionAtRisk {

  /** Stops farther apart than this are no transfer. */
  public static final double MAX_TRANSFER_METERS = 200;

  /** Time to find one's way at a transfer, on top of walking. */
  public static final int MARGIN_SECONDS = 60;

  /**
   * A connection the delay breaks.
   *
   * @param tripId the delayed trip
   * @param atStopId where it arrives
   * @param toStopId where the connection leaves
   * @param missed the planned departure, now out of reach
   * @param nextReachable the next departure of the same route that can be made, or null
   * @param delaySeconds the delay that breaks it
   * @param arrival the delayed arrival at {@code atStopId}
   */
  public record Suggestion(
      String tripId,
      String atStopId,
      String toStopId,
      Departure missed,
      Departure nextReachable,
      int delaySeconds,
      Instant arrival) {}

  private final CompactTimetable timetable;
  private final TravelModel model;

  public ConnectionAtRisk(CompactTimetable timetable, TravelModel model) {
    this.timetable = timetable;
    this.model = model;
  }

  /**
   * @param tripId the delayed trip
   * @param routeId its route (departures of it are no connection)
   * @param at the stop where it arrives
   * @param scheduledArrival its scheduled arrival there, seconds from the service day's start
   * @param date the service day
   * @param delaySeconds its predicted delay there
   * @param transfer the stop to change at (A itself, or a stop near it)
   * @param windowSeconds how long after the scheduled arrival a planned connection may leave
   */
  public Optional<Suggestion> evaluate(
      String tripId,
      String routeId,
      TransitStop at,
      int scheduledArrival,
      LocalDate date,
      int delaySeconds,
      TransitStop transfer,
      int windowSeconds) {
    double meters =
        Wgs84.distanceMeters(
            at.latitude(), at.longitude(), transfer.latitude(), transfer.longitude());
    if (meters > MAX_TRANSFER_METERS) {
      return Optional.empty();
    }
    int change = (int) Math.ceil(model.walkSeconds(meters)) + MARGIN_SECONDS;
    long delayedReady = scheduledArrival + delaySeconds + change;
    // Only a departure of another route between the scheduled and the delayed readiness can be
    // broken: a short look first (most delays break nothing), the full one when there is one.
    int brokenUntil = (int) Math.min(delayedReady - 1, scheduledArrival + windowSeconds);
    if (brokenUntil < scheduledArrival + change
        || timetable
            .departures(transfer.stopId(), date, scheduledArrival + change, brokenUntil)
            .stream()
            .allMatch(d -> d.routeId().equals(routeId))) {
      return Optional.empty();
    }
    List<Departure> departures =
        timetable.departures(
            transfer.stopId(),
            date,
            scheduledArrival + change,
            scheduledArrival + 4 * windowSeconds);
    Departure planned = null;
    for (Departure d : departures) {
      if (!d.routeId().equals(routeId) && d.secondsFrom(date) <= scheduledArrival + windowSeconds) {
        planned = d;
        break;
      }
    }
    if (planned == null) {
      return Optional.empty();
    }
    if (planned.secondsFrom(date) >= delayedReady) {
      return Optional.empty(); // still made
    }
    String connectingRoute = planned.routeId();
    Departure next =
        departures.stream()
            .filter(d -> d.routeId().equals(connectingRoute) && d.secondsFrom(date) >= delayedReady)
            .findFirst()
            .orElse(null);
    long dayStart = timetable.serviceDayStart(date);
    return Optional.of(
        new Suggestion(
            tripId,
            at.stopId(),
            transfer.stopId(),
            planned,
            next,
            delaySeconds,
            Instant.ofEpochSecond(dayStart + scheduledArrival + delaySeconds)));
  }
}
