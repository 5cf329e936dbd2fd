package io.mobiflow.jobs.suggest.rules;

import io.mobiflow.connectors.gtfs.CompactTimetable;
import io.mobiflow.connectors.gtfs.TransitStop;
import io.mobiflow.jobs.suggest.TravelModel;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The "first/last-mile gap" rule, a rebalancing hint for operators: a stop where at least {@code
 * minCalls} vehicles are scheduled in the coming window and no shared vehicle is available within
 * the model's radius.
 */
public final class FirstLastMileGap {

  /**
   * A stop busy with transit and bare of shared vehicles.
   *
   * @param stopId the stop
   * @param scheduledCalls departures scheduled there in the window
   * @param from window start
   * @param to window end
   */
  public record Gap(String stopId, int scheduledCalls, Instant from, Instant to) {}

  private final CompactTimetable timetable;
  private final TravelModel model;
  private final int minCalls;

  public FirstLastMileGap(CompactTimetable timetable, TravelModel model, int minCalls) {
    this.timetable = timetable;
    this.model = model;
    this.minCalls = minCalls;
  }

  /** The gap at {@code stop} over [from, to) of {@code date}'s service day, if there is one. */
  public Optional<Gap> evaluate(
      TransitStop stop, LocalDate date, int fromSeconds, int toSeconds, List<VehicleSpot> spots) {
    int calls = timetable.departures(stop.stopId(), date, fromSeconds, toSeconds - 1).size();
    boolean vehicleNear =
        spots.stream()
            .anyMatch(
                s ->
                    s.vehiclesAvailable() > 0
                        && s.metersTo(stop.latitude(), stop.longitude()) <= model.radiusMeters());
    if (calls < minCalls || vehicleNear) {
      return Optional.empty();
    }
    long dayStart = timetable.serviceDayStart(date);
    return Optional.of(
        new Gap(
            stop.stopId(),
            calls,
            Instant.ofEpochSecond(dayStart + fromSeconds),
            Instant.ofEpochSecond(dayStart + toSeconds)));
  }
}
