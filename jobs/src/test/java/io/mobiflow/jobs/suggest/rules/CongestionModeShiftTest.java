package io.mobiflow.jobs.suggest.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.connectors.counters.model.TrafficState;
import io.mobiflow.connectors.gtfs.CompactTimetable;
import io.mobiflow.connectors.gtfs.CompactTimetableLoader;
import io.mobiflow.connectors.gtfs.TransitStop;
import io.mobiflow.geodata.geom.Wgs84;
import io.mobiflow.jobs.zoneflow.SpatialUnit;
import io.mobiflow.jobs.zoneflow.ZoneFlow;
import io.mobiflow.jobs.zoneflow.indicators.RoadIndicators.Road;
import io.mobiflow.jobs.zoneflow.indicators.SharedMobilityIndicators.SharedMobility;
import io.mobiflow.jobs.zoneflow.indicators.TransitIndicators.Transit;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Congestion → mode shift on the real Péribus network: a zone made of the stops within 300 m of
 * Périgueux's busiest morning stop; the routes offered and their departures are counted here from
 * stop_times with a plain loop.
 */
class CongestionModeShiftTest {

  private static final Path PERIBUS =
      Path.of("../connectors/src/test/resources/real/gtfs/peribus-gtfs.zip");
  private static final LocalDate DATE = LocalDate.of(2026, 1, 13);
  private static final int FROM = 7 * 3600 + 1800;
  private static final int TO = FROM + 900;

  @Test
  void aCongestedZoneGetsTheRoutesServingItNow() throws Exception {
    CompactTimetable timetable = CompactTimetableLoader.load(PERIBUS);
    Map<String, TransitStop> stops = timetable.forDate(DATE).stopsById();
    TransitStop centre = null;
    int most = -1;
    for (TransitStop stop : stops.values()) {
      int calls = timetable.departures(stop.stopId(), DATE, FROM, TO - 1).size();
      if (calls > most) {
        most = calls;
        centre = stop;
      }
    }
    List<String> zoneStops = new java.util.ArrayList<>();
    for (TransitStop stop : stops.values()) {
      if (Wgs84.distanceMeters(
              centre.latitude(), centre.longitude(), stop.latitude(), stop.longitude())
          <= 300) {
        zoneStops.add(stop.stopId());
      }
    }
    Map<String, Integer> expected = new TreeMap<>();
    for (String stop : zoneStops) {
      timetable
          .departures(stop, DATE, FROM, TO - 1)
          .forEach(d -> expected.merge(d.routeId(), 1, Integer::sum));
    }
    String someRoute = expected.keySet().iterator().next();
    Map<String, Double> onTime = new HashMap<>(Map.of(someRoute, 0.8));
    CongestionModeShift rule = new CongestionModeShift(timetable);

    CongestionModeShift.Suggestion s =
        rule.evaluate(zone(TrafficState.BLOCKED, 4.0), zoneStops, DATE, FROM, TO, onTime)
            .orElseThrow();
    assertThat(s.routes())
        .extracting(
            CongestionModeShift.RouteOption::routeId, CongestionModeShift.RouteOption::departures)
        .containsExactlyElementsOf(
            expected.entrySet().stream()
                .map(e -> org.assertj.core.groups.Tuple.tuple(e.getKey(), e.getValue()))
                .toList());
    assertThat(s.routes().get(0).onTimeShare()).isEqualTo(0.8);
    assertThat(s.vehiclesAvailable()).isEqualTo(4.0);
    assertThat(s.validUntil()).isEqualTo(Instant.parse("2026-01-13T06:40:00Z"));

    assertThat(rule.evaluate(zone(TrafficState.HEAVY, 4.0), zoneStops, DATE, FROM, TO, onTime))
        .isEmpty();
    assertThat(rule.evaluate(zone(null, 4.0), zoneStops, DATE, FROM, TO, onTime)).isEmpty();
  }

  /** The zone's indicators for 06:30–06:35Z with only what the rule reads. */
  private static ZoneFlow zone(TrafficState congestion, Double vehicles) {
    return new ZoneFlow(
        SpatialUnit.ZONE,
        "centre",
        Instant.parse("2026-01-13T06:30:00Z"),
        Instant.parse("2026-01-13T06:35:00Z"),
        new Road(true, 1, 900.0, 40.0, 20.0, null, null, congestion),
        new Transit(false, 0, null, 0, null, null, null, 0, null, 0, null, null),
        new SharedMobility(true, 1, vehicles, null, null, null, null, null, 0L, false, 0L, false),
        false);
  }
}
