package io.mobiflow.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mobiflow.connectors.gtfs.TransitStop;
import io.mobiflow.geodata.geom.Wgs84;
import io.mobiflow.geodata.locate.Zone;
import io.mobiflow.geodata.nearest.GridStopFinder;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.union.UnaryUnionOp;

class DemoCityBuilderTest {

  private static DemoCity city;

  @BeforeAll
  static void derive() throws IOException {
    city = DemoData.perigueux(DemoData.DEFAULT_DATE);
  }

  @Test
  void theBundledTimetableRunsOnTheDemoDay() {
    assertThat(city.timetable().stops()).hasSize(1329); // stops.txt rows, per SOURCES.md
    assertThat(city.timetable().trips()).hasSizeBetween(100, 2374);
    assertThat(city.timetable().timeZone().getId()).isEqualTo("Europe/Paris");
  }

  @Test
  void everyStopLiesInAZone() {
    List<Geometry> zones = city.zones().stream().map(Zone::geometry).toList();
    for (TransitStop stop : city.timetable().stops()) {
      assertThat(
              zones.stream()
                  .anyMatch(z -> z.covers(Wgs84.point(stop.latitude(), stop.longitude()))))
          .as(stop.stopId())
          .isTrue();
    }
  }

  @Test
  void zonesTileTheTerritoryWithoutOverlapping() {
    double sumOfAreas = city.zones().stream().mapToDouble(z -> z.geometry().getArea()).sum();
    double unionArea =
        UnaryUnionOp.union(city.zones().stream().map(Zone::geometry).toList()).getArea();
    assertThat(sumOfAreas).isCloseTo(unionArea, within(unionArea * 1e-9));
    assertThat(city.zones()).hasSize(30);
    assertThat(city.zones()).extracting(Zone::id).doesNotHaveDuplicates().startsWith("Z01", "Z02");
  }

  @Test
  void countersAndStationsStandNearTheBusiestPlaces() {
    assertThat(city.counterSites()).hasSize(20);
    assertThat(city.stations()).hasSize(16);
    // Every station is within 120 m of a stop (it was placed 60-120 m from a stop place).
    GridStopFinder stops =
        new GridStopFinder(city.timetable().stops().stream().map(TransitStop::location).toList());
    city.stations()
        .forEach(
            station ->
                assertThat(stops.nearest(station.latitude(), station.longitude(), 1, 120.001))
                    .as(station.stationId())
                    .hasSize(1));
  }
}
