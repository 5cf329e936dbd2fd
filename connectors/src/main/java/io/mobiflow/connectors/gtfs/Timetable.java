package io.mobiflow.connectors.gtfs;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A static GTFS timetable resolved for one service date: every stop, and the trips that run that
 * day (calendar and calendar_dates applied). Immutable and thread-safe.
 *
 * @param timeZone the agency's time zone, in which stop times are written
 * @param serviceDate the date the trips run
 * @param stops all stops and stations, by stop id
 * @param trips the trips running on the date, by first departure then trip id
 */
public record Timetable(
    ZoneId timeZone, LocalDate serviceDate, List<TransitStop> stops, List<ScheduledTrip> trips) {

  public Timetable {
    stops = List.copyOf(stops);
    trips = List.copyOf(trips);
  }

  /** Stops by stop id. */
  public Map<String, TransitStop> stopsById() {
    return stops.stream()
        .collect(Collectors.toUnmodifiableMap(TransitStop::stopId, Function.identity()));
  }
}
