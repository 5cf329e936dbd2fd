package io.mobiflow.connectors.gtfsrt.model;

import io.mobiflow.connectors.common.Require;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The realtime state of one stop of one trip, from a GTFS-Realtime TripUpdate. Delays are in
 * seconds, positive when late, at most {@link #MAX_DELAY_SECONDS} either way; a field the feed does
 * not give is {@code null}.
 *
 * @param tripId the trip
 * @param routeId the route, or {@code null}
 * @param startDate the trip's service date as the feed writes it (TripDescriptor start_date,
 *     YYYYMMDD), or {@code null}
 * @param stopId the stop, or {@code null} when only the sequence is given (both {@code null}: the
 *     whole of a cancelled trip that lists no stop)
 * @param stopSequence the stop_sequence, or {@code null} when only the stop id is given
 * @param relationship how the stop is served
 * @param arrivalDelaySeconds predicted arrival delay, or {@code null}
 * @param departureDelaySeconds predicted departure delay, or {@code null}
 * @param arrivalTime predicted arrival time, or {@code null}
 * @param departureTime predicted departure time, or {@code null}
 * @param observedAt when the prediction was made (TripUpdate timestamp, else the feed header's)
 */
public record StopTimeUpdate(
    String tripId,
    String routeId,
    String startDate,
    String stopId,
    Integer stopSequence,
    StopRelationship relationship,
    Integer arrivalDelaySeconds,
    Integer departureDelaySeconds,
    Instant arrivalTime,
    Instant departureTime,
    Instant observedAt) {

  /** The largest delay, early or late, taken as a delay rather than an error: one day. */
  public static final int MAX_DELAY_SECONDS = 86_400;

  public StopTimeUpdate {
    Require.id(tripId, "tripId");
    if (stopId == null && stopSequence == null && relationship != StopRelationship.TRIP_CANCELED) {
      throw new IllegalArgumentException("stop time update of " + tripId + " has no stop");
    }
    Require.optionalNonNegative(stopSequence, "stopSequence");
    Require.present(relationship, "relationship");
    Require.present(observedAt, "observedAt");
    checkDelay(arrivalDelaySeconds, "arrival delay");
    checkDelay(departureDelaySeconds, "departure delay");
    if (startDate != null) {
      parseStartDate(startDate);
    }
  }

  /** Whether {@code seconds} is a delay within {@link #MAX_DELAY_SECONDS} either way. */
  public static boolean isDelay(long seconds) {
    return seconds >= -MAX_DELAY_SECONDS && seconds <= MAX_DELAY_SECONDS;
  }

  private static void checkDelay(Integer seconds, String field) {
    if (seconds != null && !isDelay(seconds)) {
      throw new IllegalArgumentException(
          field + " = " + seconds + " s is over " + MAX_DELAY_SECONDS + " s either way");
    }
  }

  /** The service date of {@link #startDate}, or {@code null}. */
  public LocalDate serviceDate() {
    return startDate == null ? null : parseStartDate(startDate);
  }

  /**
   * A YYYYMMDD date, read by hand: records are rebuilt (and so checked) each time they cross the
   * network, where {@code DateTimeFormatter} cost a tenth of the whole job's time.
   */
  private static LocalDate parseStartDate(String yyyymmdd) {
    if (yyyymmdd.length() != 8) {
      throw notADate(yyyymmdd);
    }
    int value = 0;
    for (int i = 0; i < 8; i++) {
      char c = yyyymmdd.charAt(i);
      if (c < '0' || c > '9') {
        throw notADate(yyyymmdd);
      }
      value = value * 10 + (c - '0');
    }
    try {
      return LocalDate.of(value / 10_000, value / 100 % 100, value % 100);
    } catch (DateTimeException e) {
      throw notADate(yyyymmdd);
    }
  }

  private static IllegalArgumentException notADate(String text) {
    return new IllegalArgumentException("start_date '" + text + "' is not YYYYMMDD");
  }

  /** The same update placed at a stop of the static trip, named by its id and sequence there. */
  public StopTimeUpdate atStop(String resolvedStopId, int resolvedStopSequence) {
    return new StopTimeUpdate(
        tripId,
        routeId,
        startDate,
        resolvedStopId,
        resolvedStopSequence,
        relationship,
        arrivalDelaySeconds,
        departureDelaySeconds,
        arrivalTime,
        departureTime,
        observedAt);
  }

  /** The same stop with delays (and relationship) resolved against the schedule. */
  public StopTimeUpdate withDelays(
      StopRelationship resolved, Integer arrivalDelay, Integer departureDelay) {
    return new StopTimeUpdate(
        tripId,
        routeId,
        startDate,
        stopId,
        stopSequence,
        resolved,
        arrivalDelay,
        departureDelay,
        arrivalTime,
        departureTime,
        observedAt);
  }

  /** The delay that best describes this stop: departure if given, else arrival, else null. */
  public Integer delaySeconds() {
    return departureDelaySeconds != null ? departureDelaySeconds : arrivalDelaySeconds;
  }
}
