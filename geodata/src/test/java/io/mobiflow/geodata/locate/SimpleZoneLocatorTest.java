package io.mobiflow.geodata.locate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mobiflow.geodata.geom.Wgs84;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

class SimpleZoneLocatorTest {

  private static final WKTReader WKT = new WKTReader(Wgs84.GEOMETRY_FACTORY);

  // West [0,1]x[0,1] with a hole [0.4,0.6]^2; East [1,2]x[0,1]; Overlay [1.5,2.5]x[0.5,1.5]
  // overlaps East.
  private final Zone west =
      zone(
          "W", "POLYGON((0 0, 1 0, 1 1, 0 1, 0 0), (0.4 0.4, 0.6 0.4, 0.6 0.6, 0.4 0.6, 0.4 0.4))");
  private final Zone east = zone("E", "POLYGON((1 0, 2 0, 2 1, 1 1, 1 0))");
  private final Zone overlay = zone("O", "POLYGON((1.5 0.5, 2.5 0.5, 2.5 1.5, 1.5 1.5, 1.5 0.5))");
  private final SimpleZoneLocator locator = new SimpleZoneLocator(List.of(west, east, overlay));

  @Test
  void findsTheZoneContainingAnInteriorPoint() {
    assertThat(locator.findZone(0.2, 0.2)).contains(west);
    assertThat(locator.zonesCovering(0.2, 1.2)).containsExactly(east);
  }

  @Test
  void aPointOnASharedEdgeIsCoveredByBothZonesAndTheFirstWins() {
    assertThat(locator.zonesCovering(0.5, 1.0)).containsExactly(west, east);
    assertThat(locator.findZone(0.5, 1.0)).contains(west);
  }

  @Test
  void aVertexBelongsToEveryZoneThatHasIt() {
    assertThat(locator.zonesCovering(1, 1)).containsExactly(west, east);
    assertThat(locator.zonesCovering(0, 2)).containsExactly(east);
  }

  @Test
  void overlappingZonesAreReturnedInConfigurationOrder() {
    assertThat(locator.zonesCovering(0.75, 1.75)).containsExactly(east, overlay);
    assertThat(locator.zonesCovering(1.2, 2.2)).containsExactly(overlay);
  }

  @Test
  void aPointInAHoleIsNotInTheZoneButItsRimIs() {
    assertThat(locator.findZone(0.5, 0.5)).isEmpty();
    assertThat(locator.findZone(0.4, 0.5)).contains(west);
  }

  @Test
  void aPointOutsideEveryZoneFindsNothing() {
    assertThat(locator.findZone(5, 5)).isEmpty();
    assertThat(locator.zonesCovering(-0.1, 0.5)).isEmpty();
  }

  @Test
  void zonesMustBePolygonal() {
    assertThatThrownBy(() -> zone("L", "LINESTRING(0 0, 1 1)"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("LineString");
  }

  private static Zone zone(String id, String wkt) {
    try {
      return new Zone(id, "zone " + id, WKT.read(wkt));
    } catch (ParseException e) {
      throw new IllegalStateException(e);
    }
  }
}
