package io.mobiflow.jobs.zoneflow.functions;

import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.common.SourceRef;
import io.mobiflow.connectors.gtfs.CompactTimetable;
import io.mobiflow.connectors.gtfs.TransitStop;
import io.mobiflow.jobs.zoneflow.SpatialUnit;
import io.mobiflow.jobs.zoneflow.match.PlaceIndex;
import io.mobiflow.jobs.zoneflow.match.Places;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The departures the static timetable schedules in a window, at a stop or at the stops of a zone
 * (the zone of each stop resolved once, at construction). A departure is a timed stop_time that is
 * not its trip's last, of a trip running on its service day; times are counted from the service
 * day's noon minus 12 h in the agency's time zone, as GTFS defines them, so trips past midnight and
 * DST days count where they run.
 */
final class ScheduledDepartures {

  private static final int DAY = 86_400;

  private final CompactTimetable timetable;
  private final Map<String, List<String>> stopsByZone = new HashMap<>();

  ScheduledDepartures(CompactTimetable timetable, Places places) {
    this.timetable = timetable;
    PlaceIndex index = places.index();
    SourceRef source = SourceRef.file("timetable", null);
    for (TransitStop stop : places.stops()) {
      Decoded<String> zone = index.zoneOfStop(stop.stopId(), source);
      if (zone.isOk()) {
        stopsByZone.computeIfAbsent(zone.value(), k -> new ArrayList<>()).add(stop.stopId());
      }
    }
  }

  /** Departures of the unit in [start, end), or null for units other than ZONE and STOP. */
  Integer count(SpatialUnit unit, String id, Instant start, Instant end) {
    return switch (unit) {
      case STOP -> atStop(id, start, end);
      case ZONE -> {
        int total = 0;
        for (String stop : stopsByZone.getOrDefault(id, List.of())) {
          total += atStop(stop, start, end);
        }
        yield total;
      }
      default -> null;
    };
  }

  private int atStop(String stopId, Instant start, Instant end) {
    LocalDate date = start.atZone(timetable.timeZone()).toLocalDate();
    long origin = timetable.serviceDayStart(date);
    int from = (int) (start.getEpochSecond() - origin);
    int to = (int) (end.getEpochSecond() - origin) - 1; // inclusive bound: [start, end)
    // trips of this service day and of the day before (after midnight)
    int count = timetable.departures(stopId, date, from, to).size();
    if (to >= DAY) { // the window runs into the next service day
      LocalDate next = date.plusDays(1);
      int offset = (int) (timetable.serviceDayStart(next) - origin);
      count +=
          (int)
              timetable.departures(stopId, next, from - offset, to - offset).stream()
                  .filter(d -> d.serviceDate().equals(next))
                  .count();
    }
    return count;
  }
}
