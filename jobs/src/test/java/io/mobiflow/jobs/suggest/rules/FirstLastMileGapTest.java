package io.mobiflow.jobs.suggest.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.connectors.gtfs.CompactTimetable;
import io.mobiflow.connectors.gtfs.CompactTimetableLoader;
import io.mobiflow.connectors.gtfs.TransitStop;
import io.mobiflow.geodata.geom.Wgs84;
import io.mobiflow.jobs.suggest.TravelModel;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The first/last-mile gap on the real Péribus network: the busiest stop of 07:00–07:30 on 13
 * January 2026 (departures counted here from the timetable with a plain loop over all stops) is a
 * gap without a shared vehicle in reach, and is none with one 100 m away.
 */
class FirstLastMileGapTest {

  private static final Path PERIBUS =
      Path.of("../connectors/src/test/resources/real/gtfs/peribus-gtfs.zip");
  private static final LocalDate DATE = LocalDate.of(2026, 1, 13);
  private static final int FROM = 7 * 3600;
  private static final int TO = 7 * 3600 + 1800;

  @Test
  void theBusiestStopWithoutVehiclesNearIsAGap() throws Exception {
    CompactTimetable timetable = CompactTimetableLoader.load(PERIBUS);
    Map<String, TransitStop> stops = timetable.forDate(DATE).stopsById();
    TransitStop busiest = null;
    int most = 0;
    for (TransitStop stop : stops.values()) {
      int calls = timetable.departures(stop.stopId(), DATE, FROM, TO - 1).size();
      if (calls > most) {
        most = calls;
        busiest = stop;
      }
    }
    assertThat(most).isGreaterThanOrEqualTo(6);
    FirstLastMileGap rule = new FirstLastMileGap(timetable, TravelModel.DEFAULT, 6);

    double[] far = Wgs84.destination(busiest.latitude(), busiest.longitude(), 0, 300);
    FirstLastMileGap.Gap gap =
        rule.evaluate(
                busiest, DATE, FROM, TO, List.of(new VehicleSpot("far", far[0], far[1], 5, 3)))
            .orElseThrow();
    assertThat(gap.stopId()).isEqualTo(busiest.stopId());
    assertThat(gap.scheduledCalls()).isEqualTo(most);
    assertThat(gap.to().getEpochSecond() - gap.from().getEpochSecond()).isEqualTo(1800);

    double[] near = Wgs84.destination(busiest.latitude(), busiest.longitude(), 0, 100);
    VehicleSpot emptyStation = new VehicleSpot("empty", near[0], near[1], 0, 20);
    VehicleSpot scooter = new VehicleSpot("near", near[0], near[1], 1, null);
    // an empty station at the stop is no help; a scooter 100 m away is
    assertThat(rule.evaluate(busiest, DATE, FROM, TO, List.of(emptyStation))).isPresent();
    assertThat(rule.evaluate(busiest, DATE, FROM, TO, List.of(scooter))).isEmpty();
    assertThat(
            new FirstLastMileGap(timetable, TravelModel.DEFAULT, most + 1)
                .evaluate(busiest, DATE, FROM, TO, List.of()))
        .isEmpty();
  }
}
