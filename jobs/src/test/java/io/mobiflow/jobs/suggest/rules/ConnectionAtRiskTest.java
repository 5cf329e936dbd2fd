package io.mobiflow.jobs.suggest.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.connectors.gtfs.CompactTimetable;
import io.mobiflow.connectors.gtfs.CompactTimetable.Departure;
import io.mobiflow.connectors.gtfs.CompactTimetableLoader;
import io.mobiflow.connectors.gtfs.ScheduledTrip;
import io.mobiflow.connectors.gtfs.ScheduledTrip.StopTime;
import io.mobiflow.connectors.gtfs.TransitStop;
import io.mobiflow.geodata.geom.Wgs84;
import io.mobiflow.jobs.suggest.TravelModel;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A connection at risk on the real Péribus network, 13 January 2026: the first trip that arrives at
 * a stop from which another route leaves, within 200 m and 10 minutes, with a later departure of
 * that route too — found here with plain loops over the timetable. A delay one minute too long
 * breaks the connection; the next departure of the same route is offered.
 */
class ConnectionAtRiskTest {

  private static final Path PERIBUS =
      Path.of("../connectors/src/test/resources/real/gtfs/peribus-gtfs.zip");
  private static final LocalDate DATE = LocalDate.of(2026, 1, 13);
  private static final int WINDOW = 600;

  @Test
  void aDelayOneMinuteTooLongBreaksARealConnection() throws Exception {
    CompactTimetable timetable = CompactTimetableLoader.load(PERIBUS);
    Map<String, TransitStop> stops = timetable.forDate(DATE).stopsById();
    Scenario scenario = find(timetable, stops);
    assertThat(scenario).as("Péribus has such a connection").isNotNull();
    ConnectionAtRisk rule = new ConnectionAtRisk(timetable, TravelModel.DEFAULT);

    int justMade = (int) (scenario.planned.secondsFrom(DATE) - scenario.arrival - scenario.change);
    assertThat(evaluate(rule, scenario, justMade)).isEmpty();

    int missed = justMade + 60;
    ConnectionAtRisk.Suggestion s = evaluate(rule, scenario, missed).orElseThrow();
    assertThat(s.missed()).isEqualTo(scenario.planned);
    long ready = scenario.arrival + missed + scenario.change;
    Departure next =
        timetable
            .departures(
                scenario.transfer.stopId(), DATE, (int) ready, scenario.arrival + 4 * WINDOW)
            .stream()
            .filter(d -> d.routeId().equals(scenario.planned.routeId()))
            .findFirst()
            .orElse(null);
    assertThat(s.nextReachable()).isEqualTo(next).isNotNull();
  }

  private static Optional<ConnectionAtRisk.Suggestion> evaluate(
      ConnectionAtRisk rule, Scenario s, int delay) {
    return rule.evaluate(
        s.trip.tripId(), s.trip.routeId(), s.at, s.arrival, DATE, delay, s.transfer, WINDOW);
  }

  private record Scenario(
      ScheduledTrip trip,
      TransitStop at,
      int arrival,
      TransitStop transfer,
      int change,
      Departure planned) {}

  /** The first trip, stop and nearby stop with another route leaving within 10 minutes, twice. */
  private static Scenario find(CompactTimetable timetable, Map<String, TransitStop> stops) {
    List<TransitStop> all = List.copyOf(stops.values());
    for (ScheduledTrip trip : timetable.forDate(DATE).trips()) {
      for (StopTime stop : trip.stops().subList(1, trip.stops().size())) {
        TransitStop at = stops.get(stop.stopId());
        for (TransitStop transfer : all) {
          double meters =
              Wgs84.distanceMeters(
                  at.latitude(), at.longitude(), transfer.latitude(), transfer.longitude());
          if (meters > 200) {
            continue;
          }
          int change = (int) Math.ceil(meters / (4.8 / 3.6)) + 60;
          int arrival = stop.arrivalSeconds();
          List<Departure> departures =
              timetable.departures(transfer.stopId(), DATE, arrival + change, arrival + 4 * WINDOW);
          Departure planned =
              departures.stream()
                  .filter(d -> !d.routeId().equals(trip.routeId()))
                  .filter(d -> d.secondsFrom(DATE) <= arrival + WINDOW)
                  .findFirst()
                  .orElse(null);
          if (planned != null
              && departures.stream()
                  .anyMatch(
                      d ->
                          d.routeId().equals(planned.routeId())
                              && d.secondsFrom(DATE) > planned.secondsFrom(DATE) + 60)) {
            return new Scenario(trip, at, arrival, transfer, change, planned);
          }
        }
      }
    }
    return null;
  }
}
