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
 * Resolves decoded TripUpdates against the static timetable, by the GTFS-Realtime rules for a
 * consumer:
 *
 * <ul>
 *   <li>each stop time update is placed on one stop of the static trip: by stop_sequence; when its
 *       stop_id names another stop than the sequence does, by the stop_id (on a trip that visits
 *       the stop more than once, its visit nearest the sequence); by stop_id alone, its first visit
 *       after the stop placed before. It is then reported under that stop's id and sequence. An
 *       update that fits no stop is rejected as {@link RejectReason#UNKNOWN_REFERENCE} naming what
 *       it gave (both when it gave both); a second update for a stop already placed in the same
 *       TripUpdate is rejected as {@link RejectReason#DUPLICATE}, so a stop gets at most one;
 *   <li>a predicted time takes precedence over a delay given with it: the delay is the time minus
 *       the scheduled time on the trip's service date ({@code start_date}, else the date, of the
 *       feed time or the day before, that runs the trip and is closest to the prediction); a delay
 *       is used as given only where there is no time, or the stop is untimed;
 *   <li>a stop's delay applies to the following stops of the static trip the update does not list
 *       ({@link StopRelationship#PROPAGATED}), and across SKIPPED stops, up to the next listed
 *       stop; from a NO_DATA stop, or a listed stop whose delay is unknown (no time nor delay, or a
 *       time at an untimed stop), the following stops have no delay and are not emitted. The delay
 *       carried is the stop's departure delay, else its arrival delay;
 *   <li>propagated stops carry predicted arrival and departure times: the scheduled ones plus the
 *       delay; listed stops keep the times the feed gave;
 *   <li>a CANCELED trip gives every stop of the trip as {@link StopRelationship#TRIP_CANCELED};
 *   <li>a trip the timetable does not know is rejected as {@link RejectReason#UNKNOWN_REFERENCE}; a
 *       time more than {@link StopTimeUpdate#MAX_DELAY_SECONDS} from its scheduled time rejects the
 *       whole TripUpdate as {@link RejectReason#INVALID_VALUE}.
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
    String startDate = serviceDate.format(DateTimeFormatter.BASIC_ISO_DATE);
    long serviceStart = timetable.serviceDayStart(serviceDate);
    if (first.relationship() == StopRelationship.TRIP_CANCELED) {
      for (ScheduledTrip.StopTime stop : stops) {
        out.add(
            Decoded.ok(
                source,
                propagated(
                    first, startDate, serviceStart, stop, StopRelationship.TRIP_CANCELED, null)));
      }
      return out;
    }
    StopTimeUpdate[] byStop = new StopTimeUpdate[stops.size()];
    int firstListed = stops.size();
    int from = 0;
    for (StopTimeUpdate update : updates) {
      int at = indexOf(stops, update, from);
      if (at < 0) {
        out.add(Decoded.rejected(source, RejectReason.UNKNOWN_REFERENCE, unplaced(stops, update)));
        continue;
      }
      ScheduledTrip.StopTime stop = stops.get(at);
      if (byStop[at] != null) {
        out.add(
            Decoded.rejected(
                source,
                RejectReason.DUPLICATE,
                "stop "
                    + stop.stopId()
                    + " (stop_sequence "
                    + stop.stopSequence()
                    + ") of trip "
                    + update.tripId()
                    + " is updated twice in one trip update"));
        continue;
      }
      byStop[at] = update.atStop(stop.stopId(), stop.stopSequence());
      firstListed = Math.min(firstListed, at);
      from = at + 1;
    }
    Integer carried = null;
    for (int k = firstListed; k < stops.size(); k++) {
      ScheduledTrip.StopTime stop = stops.get(k);
      StopTimeUpdate update = byStop[k];
      if (update == null) {
        if (carried != null) {
          out.add(
              Decoded.ok(
                  source,
                  propagated(
                      first, startDate, serviceStart, stop, StopRelationship.PROPAGATED, carried)));
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
          Long arrival =
              delay(
                  update.arrivalDelaySeconds(),
                  update.arrivalTime(),
                  serviceStart,
                  stop.arrivalSeconds());
          Long departure =
              delay(
                  update.departureDelaySeconds(),
                  update.departureTime(),
                  serviceStart,
                  stop.departureSeconds());
          if (departure == null) {
            departure = arrival;
          }
          for (Long delay : new Long[] {arrival, departure}) {
            if (delay != null && !StopTimeUpdate.isDelay(delay)) {
              return List.of(
                  Decoded.rejected(source, RejectReason.INVALID_VALUE, farFromSchedule(update)));
            }
          }
          carried = departure == null ? null : departure.intValue();
          out.add(
              Decoded.ok(
                  source,
                  update.withDelays(
                      StopRelationship.SCHEDULED,
                      arrival == null ? null : arrival.intValue(),
                      carried)));
        }
      }
    }
    return out;
  }

  /**
   * The delay of one event: its predicted time minus the scheduled time when both are known (the
   * time takes precedence), else the delay given, else {@code null}.
   */
  private static Long delay(Integer given, Instant predicted, long serviceStart, int scheduled) {
    if (predicted != null && scheduled != CompactTimetable.NO_TIME) {
      return predicted.getEpochSecond() - serviceStart - scheduled;
    }
    return given == null ? null : given.longValue();
  }

  private static String farFromSchedule(StopTimeUpdate update) {
    return "predicted time "
        + (update.departureTime() != null ? update.departureTime() : update.arrivalTime())
        + " of stop "
        + update.stopId()
        + " (stop_sequence "
        + update.stopSequence()
        + ") of trip "
        + update.tripId()
        + " is over "
        + StopTimeUpdate.MAX_DELAY_SECONDS
        + " s from its scheduled time";
  }

  /**
   * The index on the trip of the stop the update names, or -1: see the class comment. {@code from}
   * is where an update that gives only a stop_id starts looking.
   */
  private static int indexOf(List<ScheduledTrip.StopTime> stops, StopTimeUpdate update, int from) {
    Integer sequence = update.stopSequence();
    String stopId = update.stopId();
    if (sequence == null) {
      for (int k = from; k < stops.size(); k++) {
        if (stops.get(k).stopId().equals(stopId)) {
          return k;
        }
      }
      return -1;
    }
    int bySequence = indexOfSequence(stops, sequence);
    if (bySequence >= 0 && (stopId == null || stops.get(bySequence).stopId().equals(stopId))) {
      return bySequence;
    }
    int nearestVisit = -1;
    for (int k = 0; stopId != null && k < stops.size(); k++) {
      if (stops.get(k).stopId().equals(stopId)
          && (nearestVisit < 0
              || gap(stops.get(k), sequence) < gap(stops.get(nearestVisit), sequence))) {
        nearestVisit = k;
      }
    }
    return nearestVisit;
  }

  private static int indexOfSequence(List<ScheduledTrip.StopTime> stops, int sequence) {
    for (int k = 0; k < stops.size(); k++) {
      if (stops.get(k).stopSequence() == sequence) {
        return k;
      }
    }
    return -1;
  }

  private static long gap(ScheduledTrip.StopTime stop, int sequence) {
    return Math.abs((long) stop.stopSequence() - sequence);
  }

  /** Why {@link #indexOf} found no stop for the update, naming what the update gave. */
  private static String unplaced(List<ScheduledTrip.StopTime> stops, StopTimeUpdate update) {
    String trip = " of trip " + update.tripId();
    if (update.stopSequence() == null) {
      return "stop_id " + update.stopId() + " is not a stop" + trip + " after the stops before it";
    }
    int bySequence = indexOfSequence(stops, update.stopSequence());
    String sequence =
        "stop_sequence "
            + update.stopSequence()
            + (bySequence < 0
                ? " is not a stop_sequence" + trip
                : " is stop " + stops.get(bySequence).stopId() + trip);
    return update.stopId() == null
        ? sequence
        : sequence + " and stop_id " + update.stopId() + " is not a stop" + trip;
  }

  /**
   * A stop of the trip the update does not list, on the service day {@code startDate} (YYYYMMDD)
   * that starts at {@code serviceStart} (epoch seconds).
   */
  private static StopTimeUpdate propagated(
      StopTimeUpdate trip,
      String startDate,
      long serviceStart,
      ScheduledTrip.StopTime stop,
      StopRelationship relationship,
      Integer delay) {
    return new StopTimeUpdate(
        trip.tripId(),
        trip.routeId(),
        startDate,
        stop.stopId(),
        stop.stopSequence(),
        relationship,
        delay,
        delay,
        predicted(serviceStart, stop.arrivalSeconds(), delay),
        predicted(serviceStart, stop.departureSeconds(), delay),
        trip.observedAt());
  }

  /** The scheduled time plus the delay, or null for an untimed stop or without a delay. */
  private static Instant predicted(long serviceStart, int scheduledSeconds, Integer delay) {
    return delay == null || scheduledSeconds < 0
        ? null
        : Instant.ofEpochSecond(serviceStart + scheduledSeconds + delay);
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
