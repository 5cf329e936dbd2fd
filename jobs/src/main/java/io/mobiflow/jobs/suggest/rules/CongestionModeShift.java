package io.mobiflow.jobs.suggest.rules;

import io.mobiflow.connectors.counters.model.TrafficState;
import io.mobiflow.connectors.gtfs.CompactTimetable;
import io.mobiflow.connectors.gtfs.CompactTimetable.Departure;
import io.mobiflow.jobs.suggest.Suggestion;
import io.mobiflow.jobs.zoneflow.ZoneFlow;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The "congestion → mode shift" rule: a zone whose road indicators say CONGESTED or BLOCKED gets
 * the transit routes that serve it in the coming window (scheduled departures from its stops), each
 * with its current on-time share where known, and the shared vehicles available there. It holds for
 * one window after the congested one. A zone no route serves in that window gets no suggestion
 * (there is no transit to shift to, and no entity to inform).
 */
public final class CongestionModeShift {

  /**
   * One route serving the zone.
   *
   * @param routeId the route
   * @param departures its scheduled departures from the zone's stops in the window
   * @param onTimeShare its current on-time share, or null where not known
   */
  public record RouteOption(String routeId, int departures, Double onTimeShare) {}

  /**
   * The suggestion.
   *
   * @param zoneId the congested zone
   * @param congestion its level
   * @param routes the routes serving it now, by route id
   * @param vehiclesAvailable shared vehicles available there (time-weighted), or null
   * @param validUntil the end of the next window
   */
  public record Suggestion(
      String zoneId,
      TrafficState congestion,
      List<RouteOption> routes,
      Double vehiclesAvailable,
      Instant validUntil) {}

  private final CompactTimetable timetable;

  public CongestionModeShift(CompactTimetable timetable) {
    this.timetable = timetable;
  }

  /**
   * @param zone the zone's indicators of the window just closed
   * @param zoneStops the zone's stops
   * @param date the service day of the coming window
   * @param fromSeconds the coming window, seconds from the service day's start
   * @param toSeconds its end (exclusive)
   * @param onTimeShareByRoute the routes' current on-time shares
   */
  public Optional<Suggestion> evaluate(
      ZoneFlow zone,
      List<String> zoneStops,
      LocalDate date,
      int fromSeconds,
      int toSeconds,
      Map<String, Double> onTimeShareByRoute) {
    TrafficState congestion = zone.road().congestion();
    if (congestion == null || congestion.compareTo(TrafficState.CONGESTED) < 0) {
      return Optional.empty();
    }
    Map<String, Integer> departures = new TreeMap<>();
    for (String stop : zoneStops) {
      for (Departure d : timetable.departures(stop, date, fromSeconds, toSeconds - 1)) {
        departures.merge(d.routeId(), 1, Integer::sum);
      }
    }
    List<RouteOption> routes =
        departures.entrySet().stream()
            .map(e -> new RouteOption(e.getKey(), e.getValue(), onTimeShareByRoute.get(e.getKey())))
            .toList();
    if (routes.isEmpty()) {
      return Optional.empty();
    }
    long window = zone.windowEnd().getEpochSecond() - zone.windowStart().getEpochSecond();
    return Optional.of(
        new Suggestion(
            zone.unitId(),
            congestion,
            routes,
            zone.shared().vehiclesAvailable(),
            zone.windowEnd().plusSeconds(window)));
  }
}
