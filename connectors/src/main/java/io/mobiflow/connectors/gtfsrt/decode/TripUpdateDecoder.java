package io.mobiflow.connectors.gtfsrt.decode;

import com.google.transit.realtime.GtfsRealtime.TripDescriptor;
import com.google.transit.realtime.GtfsRealtime.TripUpdate;
import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.common.EpochTime;
import io.mobiflow.connectors.common.FeedDecoder;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.gtfsrt.model.StopRelationship;
import io.mobiflow.connectors.gtfsrt.model.StopTimeUpdate;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the TripUpdate entities of a GTFS-Realtime FeedMessage into one {@link StopTimeUpdate}
 * per stop the update lists, with the delays and predicted times the feed gives, both kept as
 * given: without the static timetable a time cannot become a delay, nor be checked against one.
 * Turning times into delays (a time takes precedence over a delay, as the spec says), matching
 * stops to the static trip and propagating delays to the stops the update does not list needs the
 * timetable: {@link DelayPropagation} does it.
 *
 * <p>A TripUpdate is one observation: it is decoded whole or rejected whole, with one rejection
 * naming the first stop and field at fault (a time outside {@link EpochTime}'s range, a delay over
 * {@link StopTimeUpdate#MAX_DELAY_SECONDS} either way, a stop_sequence over 2^31 - 1). Entities of
 * other kinds are rejected as {@link RejectReason#WRONG_KIND} (see {@link FeedMessages}).
 */
public final class TripUpdateDecoder implements FeedDecoder<StopTimeUpdate> {

  private static final long serialVersionUID = 1L;

  @Override
  public List<Decoded<StopTimeUpdate>> decode(FeedSnapshot snapshot) {
    return FeedMessages.decodeEntities(
        snapshot, FeedKind.GTFS_RT_TRIP_UPDATES, (context, out) -> out.addAll(decode(context)));
  }

  private static List<Decoded<StopTimeUpdate>> decode(EntityContext context) {
    TripUpdate update = context.entity().getTripUpdate();
    TripDescriptor trip = update.getTrip();
    if (!trip.hasTripId() || trip.getTripId().isBlank()) {
      return List.of(
          Decoded.rejected(
              context.source(), RejectReason.MISSING_FIELD, "trip update without trip_id"));
    }
    EpochTime observedAt =
        FeedMessages.timeOf(
            "trip update timestamp", update.hasTimestamp(), update.getTimestamp(), context);
    if (observedAt == null) {
      return List.of(
          Decoded.rejected(
              context.source(),
              RejectReason.MISSING_FIELD,
              "no timestamp on trip update nor header"));
    }
    if (!observedAt.isValid()) {
      return List.of(observedAt.rejected(context.source()));
    }
    String startDate =
        trip.hasStartDate() && !trip.getStartDate().isBlank() ? trip.getStartDate() : null;
    try {
      if (startDate != null) {
        LocalDate.parse(startDate, DateTimeFormatter.BASIC_ISO_DATE);
      }
    } catch (DateTimeParseException e) {
      return List.of(
          Decoded.rejected(
              context.source(),
              RejectReason.INVALID_VALUE,
              "start_date '" + startDate + "' of trip " + trip.getTripId() + " is not YYYYMMDD"));
    }
    String routeId = trip.hasRouteId() ? trip.getRouteId() : null;
    boolean canceled =
        trip.getScheduleRelationship() == TripDescriptor.ScheduleRelationship.CANCELED;
    if (update.getStopTimeUpdateCount() == 0) {
      return List.of(
          canceled
              ? Decoded.ok(
                  context.source(),
                  new StopTimeUpdate(
                      trip.getTripId(),
                      routeId,
                      startDate,
                      null,
                      null,
                      StopRelationship.TRIP_CANCELED,
                      null,
                      null,
                      null,
                      null,
                      observedAt.instant()))
              : Decoded.rejected(
                  context.source(),
                  RejectReason.MISSING_FIELD,
                  "trip update of " + trip.getTripId() + " lists no stop"));
    }
    List<Decoded<StopTimeUpdate>> out = new ArrayList<>();
    for (TripUpdate.StopTimeUpdate stop : update.getStopTimeUpdateList()) {
      String stopId = stop.hasStopId() && !stop.getStopId().isBlank() ? stop.getStopId() : null;
      EpochTime arrivalTime = time("arrival time", stop.hasArrival(), stop.getArrival());
      EpochTime departureTime = time("departure time", stop.hasDeparture(), stop.getDeparture());
      for (EpochTime time : new EpochTime[] {arrivalTime, departureTime}) {
        if (time != null && !time.isValid()) {
          return List.of(
              Decoded.rejected(
                  context.source(), RejectReason.INVALID_VALUE, time.problem() + at(trip, stop)));
        }
      }
      try {
        out.add(
            Decoded.ok(
                context.source(),
                new StopTimeUpdate(
                    trip.getTripId(),
                    routeId,
                    startDate,
                    stopId,
                    stop.hasStopSequence() ? stop.getStopSequence() : null,
                    canceled ? StopRelationship.TRIP_CANCELED : relationship(stop),
                    stop.hasArrival() && stop.getArrival().hasDelay()
                        ? stop.getArrival().getDelay()
                        : null,
                    stop.hasDeparture() && stop.getDeparture().hasDelay()
                        ? stop.getDeparture().getDelay()
                        : null,
                    arrivalTime == null ? null : arrivalTime.instant(),
                    departureTime == null ? null : departureTime.instant(),
                    observedAt.instant())));
      } catch (IllegalArgumentException e) {
        return List.of(
            Decoded.rejected(
                context.source(), RejectReason.INVALID_VALUE, e.getMessage() + at(trip, stop)));
      }
    }
    return out;
  }

  /** The event's time, or {@code null} when it gives none. */
  private static EpochTime time(String field, boolean present, TripUpdate.StopTimeEvent event) {
    return present && event.hasTime() ? EpochTime.ofSeconds(field, event.getTime()) : null;
  }

  /** Where a rejected stop time update is, for the rejection's detail. */
  private static String at(TripDescriptor trip, TripUpdate.StopTimeUpdate stop) {
    return ", at stop "
        + (stop.hasStopId() ? stop.getStopId() : "")
        + (stop.hasStopSequence()
            ? " (stop_sequence " + Integer.toUnsignedString(stop.getStopSequence()) + ")"
            : "")
        + " of trip "
        + trip.getTripId();
  }

  private static StopRelationship relationship(TripUpdate.StopTimeUpdate stop) {
    return switch (stop.getScheduleRelationship()) {
      case SKIPPED -> StopRelationship.SKIPPED;
      case NO_DATA -> StopRelationship.NO_DATA;
      default -> StopRelationship.SCHEDULED;
    };
  }
}
