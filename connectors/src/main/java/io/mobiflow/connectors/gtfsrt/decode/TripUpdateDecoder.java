package io.mobiflow.connectors.gtfsrt.decode;

import com.google.transit.realtime.GtfsRealtime.TripDescriptor;
import com.google.transit.realtime.GtfsRealtime.TripUpdate;
import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.common.FeedDecoder;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.gtfsrt.model.StopRelationship;
import io.mobiflow.connectors.gtfsrt.model.StopTimeUpdate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Decodes the TripUpdate entities of a GTFS-Realtime FeedMessage into one {@link StopTimeUpdate}
 * per stop the update lists, with the delays and predicted times the feed gives. Turning times into
 * delays and propagating them to the stops the update does not list needs the static timetable:
 * {@link DelayPropagation} does it.
 */
public final class TripUpdateDecoder implements FeedDecoder<StopTimeUpdate> {

  private static final long serialVersionUID = 1L;

  @Override
  public List<Decoded<StopTimeUpdate>> decode(FeedSnapshot snapshot) {
    return FeedMessages.decodeEntities(
        snapshot,
        (context, out) -> {
          if (context.entity().hasTripUpdate()) {
            decode(context, out);
          }
        });
  }

  private static void decode(EntityContext context, List<Decoded<StopTimeUpdate>> out) {
    TripUpdate update = context.entity().getTripUpdate();
    TripDescriptor trip = update.getTrip();
    if (!trip.hasTripId() || trip.getTripId().isBlank()) {
      out.add(
          Decoded.rejected(
              context.source(), RejectReason.MISSING_FIELD, "trip update without trip_id"));
      return;
    }
    Instant observedAt =
        FeedMessages.timeOf(update.hasTimestamp(), update.getTimestamp(), context.headerTime());
    if (observedAt == null) {
      out.add(
          Decoded.rejected(
              context.source(),
              RejectReason.MISSING_FIELD,
              "no timestamp on trip update nor header"));
      return;
    }
    String startDate =
        trip.hasStartDate() && !trip.getStartDate().isBlank() ? trip.getStartDate() : null;
    try {
      if (startDate != null) {
        LocalDate.parse(startDate, DateTimeFormatter.BASIC_ISO_DATE);
      }
    } catch (DateTimeParseException e) {
      out.add(
          Decoded.rejected(
              context.source(),
              RejectReason.INVALID_VALUE,
              "start_date '" + startDate + "' of trip " + trip.getTripId() + " is not YYYYMMDD"));
      return;
    }
    boolean canceled =
        trip.getScheduleRelationship() == TripDescriptor.ScheduleRelationship.CANCELED;
    if (update.getStopTimeUpdateCount() == 0) {
      out.add(
          canceled
              ? Decoded.ok(
                  context.source(),
                  new StopTimeUpdate(
                      trip.getTripId(),
                      trip.hasRouteId() ? trip.getRouteId() : null,
                      startDate,
                      null,
                      null,
                      StopRelationship.TRIP_CANCELED,
                      null,
                      null,
                      null,
                      null,
                      observedAt))
              : Decoded.rejected(
                  context.source(),
                  RejectReason.MISSING_FIELD,
                  "trip update of " + trip.getTripId() + " lists no stop"));
      return;
    }
    for (TripUpdate.StopTimeUpdate stop : update.getStopTimeUpdateList()) {
      try {
        out.add(
            Decoded.ok(
                context.source(),
                new StopTimeUpdate(
                    trip.getTripId(),
                    trip.hasRouteId() ? trip.getRouteId() : null,
                    startDate,
                    stop.hasStopId() && !stop.getStopId().isBlank() ? stop.getStopId() : null,
                    stop.hasStopSequence() ? stop.getStopSequence() : null,
                    canceled ? StopRelationship.TRIP_CANCELED : relationship(stop),
                    stop.hasArrival() && stop.getArrival().hasDelay()
                        ? stop.getArrival().getDelay()
                        : null,
                    stop.hasDeparture() && stop.getDeparture().hasDelay()
                        ? stop.getDeparture().getDelay()
                        : null,
                    stop.hasArrival() && stop.getArrival().hasTime()
                        ? Instant.ofEpochSecond(stop.getArrival().getTime())
                        : null,
                    stop.hasDeparture() && stop.getDeparture().hasTime()
                        ? Instant.ofEpochSecond(stop.getDeparture().getTime())
                        : null,
                    observedAt)));
      } catch (IllegalArgumentException e) {
        out.add(Decoded.rejected(context.source(), RejectReason.INVALID_VALUE, e.getMessage()));
      }
    }
  }

  private static StopRelationship relationship(TripUpdate.StopTimeUpdate stop) {
    return switch (stop.getScheduleRelationship()) {
      case SKIPPED -> StopRelationship.SKIPPED;
      case NO_DATA -> StopRelationship.NO_DATA;
      default -> StopRelationship.SCHEDULED;
    };
  }
}
