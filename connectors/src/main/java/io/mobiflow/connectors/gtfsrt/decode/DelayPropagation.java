package io.mobiflow.connectors.gtfsrt.decode;

import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.common.SourceRef;
import io.mobiflow.connectors.gtfs.CompactTimetable;
import io.mobiflow.connectors.gtfs.ScheduledTrip;
import io.mobiflow.connectors.gtfsrt.model.StopRelationship;
import io.mobiflow.connectors.gtfsrt.model.StopTimeUpdate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves decoded TripUpdates against the static timetable, as the GTFS-Realtime spec asks of a
 * consumer:
 *
 * <ul>
 *   <li>a predicted time becomes a delay against the scheduled time of the trip's service date
 *       ({@code start_date}, else the date, of the feed time or the day before, that runs the trip
 *       and is closest to the prediction);
 *   <li>a delay propagates to the following stops the update does not list ({@link
 *       StopRelationship#PROPAGATED}), and past SKIPPED stops, until a stop gives its own; NO_DATA
 *       stops it;
 *   <li>every stop with a delay carries its predicted arrival and departure times: the scheduled
 *       ones plus the delay;
 *   <li>a CANCELED trip gives every stop of the trip as {@link StopRelationship#TRIP_CANCELED};
 *   <li>a trip the timetable does not know, or a stop not on the trip, is rejected as {@link
 *       RejectReason#UNKNOWN_REFERENCE}.
 * </ul>
 *
 * Stops before the first one the update lists are not emitted: they are passed.
 */
public final class DelayPropagation {

  private final CompactTimetable timetable;

  public DelayPropagation(CompactTimetable timetable) {
    this.timetable = timetable;
  }

  /**
   * Resolves the output of {@link TripUpdateDecoder} for one document: updates of one entity are
   * resolved together; rejections pass through unchanged.
   */
  public List<Decoded<StopTimeUpdate>> resolve(List<Decoded<StopTimeUpdate>> decoded) {
    List<Decoded<StopTimeUpdate>> out = new ArrayList<>();
    List<StopTimeUpdate> entity = new ArrayList<>();
    SourceRef entitySource = null;
    for (Decoded<StopTimeUpdate> d : decoded) {
      if (!d.isOk()) {
        out.add(d);
        continue;
      }
      if (entitySource != null && !d.source().equals(entitySource)) {
        out.addAll(resolveTrip(entity, entitySource));
        entity.clear();
      }
      entitySource = d.source();
      entity.add(d.value());
    }
    if (!entity.isEmpty()) {
      out.addAll(resolveTrip(entity, entitySource));
    }
    return out;
  }

  private List<Decoded<StopTimeUpdate>> resolveTrip(
      List<StopTimeUpdate> updates, SourceRef source) {
    List<Decoded<StopTimeUpdate>> out = new ArrayList<>();
    StopTimeUpdate first = updates.get(0);
    List<ScheduledTrip.StopTime> stops = timetable.stopsOf(first.tripId());
    if (stops.isEmpty()) {
      out.add(
          Decoded.rejected(
              source,
              RejectReason.UNKNOWN_REFERENCE,
              "trip " + first.tripId() + " is not in the timetable"));
      return out;
    }
    LocalDate serviceDate = serviceDate(first, updates, stops);
    if (first.relationship() == StopRelationship.TRIP_CANCELED) {
      for (ScheduledTrip.StopTime stop : stops) {
        out.add(
            Decoded.ok(
                source,
                propagated(first, serviceDate, stop, StopRelationship.TRIP_CANCELED, null)));
      }
      return out;
    }
    StopTimeUpdate[] byStop = new StopTimeUpdate[stops.size()];
    int firstListed = stops.size();
    int from = 0;
    for (StopTimeUpdate update : updates) {
      int at = indexOf(stops, update, from);
      if (at < 0) {
        out.add(
            Decoded.rejected(
                source,
                RejectReason.UNKNOWN_REFERENCE,
                "stop "
                    + (update.stopId() != null ? update.stopId() : "#" + update.stopSequence())
                    + " is not on trip "
                    + update.tripId()));
        continue;
      }
      byStop[at] = update;
      firstListed = Math.min(firstListed, at);
      from = at + 1;
    }
    long serviceStart = timetable.serviceDayStart(serviceDate);
    Integer carried = null;
    for (int k = firstListed; k < stops.size(); k++) {
      ScheduledTrip.StopTime stop = stops.get(k);
      StopTimeUpdate update = byStop[k];
      if (update == null) {
        if (carried != null) {
          out.add(
              Decoded.ok(
                  source,
                  propagated(first, serviceDate, stop, StopRelationship.PROPAGATED, carried)));
        }
        continue;
      }
      switch (update.relationship()) {
        case NO_DATA -> {
          carried = null;
          out.add(Decoded.ok(source, update));
        }
        case SKIPPED -> out.add(Decoded.ok(source, update));
        default -> {
          Integer arrival =
              delay(
                  update.arrivalDelaySeconds(),
                  update.arrivalTime(),
                  serviceStart,
                  stop.arrivalSeconds());
          Integer departure =
              delay(
                  update.departureDelaySeconds(),
                  update.departureTime(),
                  serviceStart,
                  stop.departureSeconds());
          if (arrival == null && departure == null) {
            arrival = carried;
            departure = carried;
          } else if (departure == null) {
            departure = arrival;
          }
          carried = departure;
          out.add(
              Decoded.ok(
                  source, update.withDelays(StopRelationship.SCHEDULED, arrival, departure)));
        }
      }
    }
    return out;
  }

  private static Integer delay(Integer given, Instant predicted, long serviceStart, int scheduled) {
    if (given != null) {
      return given;
    }
    if (predicted == null || scheduled == CompactTimetable.NO_TIME) {
      return null;
    }
    return (int) (predicted.getEpochSecond() - serviceStart - scheduled);
  }

  private static int indexOf(List<ScheduledTrip.StopTime> stops, StopTimeUpdate update, int from) {
    for (int k = 0; k < stops.size(); k++) {
      ScheduledTrip.StopTime stop = stops.get(k);
      if (update.stopSequence() != null
          ? stop.stopSequence() == update.stopSequence()
          : k >= from && stop.stopId().equals(update.stopId())) {
        return k;
      }
    }
    return -1;
  }

  private StopTimeUpdate propagated(
      StopTimeUpdate trip,
      LocalDate serviceDate,
      ScheduledTrip.StopTime stop,
      StopRelationship relationship,
      Integer delay) {
    return new StopTimeUpdate(
        trip.tripId(),
        trip.routeId(),
        serviceDate.format(DateTimeFormatter.BASIC_ISO_DATE),
        stop.stopId(),
        stop.stopSequence(),
        relationship,
        delay,
        delay,
        predicted(serviceDate, stop.arrivalSeconds(), delay),
        predicted(serviceDate, stop.departureSeconds(), delay),
        trip.observedAt());
  }

  /** The scheduled time plus the delay, or null for an untimed stop or without a delay. */
  private Instant predicted(LocalDate serviceDate, int scheduledSeconds, Integer delay) {
    return delay == null || scheduledSeconds < 0
        ? null
        : Instant.ofEpochSecond(timetable.serviceDayStart(serviceDate) + scheduledSeconds + delay);
  }

  private LocalDate serviceDate(
      StopTimeUpdate first, List<StopTimeUpdate> updates, List<ScheduledTrip.StopTime> stops) {
    if (first.startDate() != null) {
      return first.serviceDate();
    }
    LocalDate today = first.observedAt().atZone(timetable.timeZone()).toLocalDate();
    LocalDate best = today;
    long bestGap = Long.MAX_VALUE;
    for (LocalDate candidate : List.of(today, today.minusDays(1))) {
      if (!timetable.runsOn(first.tripId(), candidate)) {
        continue;
      }
      long gap = Long.MAX_VALUE - 1;
      for (StopTimeUpdate update : updates) {
        Instant predicted =
            update.departureTime() != null ? update.departureTime() : update.arrivalTime();
        int at = indexOf(stops, update, 0);
        if (predicted != null && at >= 0) {
          gap =
              Math.abs(
                  predicted.getEpochSecond()
                      - timetable.serviceDayStart(candidate)
                      - stops.get(at).departureSeconds());
          break;
        }
      }
      if (gap < bestGap) {
        best = candidate;
        bestGap = gap;
      }
    }
    return best;
  }
}
