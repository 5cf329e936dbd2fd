package io.mobiflow.geodata.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.uber.h3core.H3Core;
import com.uber.h3core.util.LatLng;
import io.mobiflow.geodata.geom.InvalidCoordinateException;
import io.mobiflow.geodata.geom.Wgs84;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Polygon;

class H3CellKeysTest {

  @Test
  void theKeyedCellContainsThePointAndHasTheResolution() throws Exception {
    H3Core h3 = H3Core.newInstance();
    H3CellKeys keys = new H3CellKeys(8);
    SplittableRandom random = new SplittableRandom(8);
    for (int i = 0; i < 1_000; i++) {
      double lat = 45.1 + random.nextDouble() * 0.2;
      double lon = 0.6 + random.nextDouble() * 0.3;
      long cell = keys.cell(lat, lon);
      assertThat(h3.getResolution(cell)).isEqualTo(8);
      assertThat(keys.address(lat, lon)).isEqualTo(h3.h3ToString(cell));
      // Independently: the cell's hexagon, as a JTS polygon, covers the point.
      List<LatLng> boundary = h3.cellToBoundary(cell);
      Coordinate[] ring = new Coordinate[boundary.size() + 1];
      for (int v = 0; v < boundary.size(); v++) {
        ring[v] = new Coordinate(boundary.get(v).lng, boundary.get(v).lat);
      }
      ring[boundary.size()] = ring[0];
      Polygon hexagon = Wgs84.GEOMETRY_FACTORY.createPolygon(ring);
      assertThat(hexagon.buffer(1e-9).covers(Wgs84.point(lat, lon))).isTrue();
    }
  }

  @Test
  void nearbyPointsShareACellAndDistantOnesDoNot() {
    H3CellKeys keys = new H3CellKeys(7);
    assertThat(keys.cell(45.1840, 0.7210)).isEqualTo(keys.cell(45.1841, 0.7211));
    assertThat(keys.cell(45.1840, 0.7210)).isNotEqualTo(keys.cell(45.30, 0.90));
  }

  @Test
  void refusesBadResolutionsAndCoordinates() {
    assertThatThrownBy(() -> new H3CellKeys(16)).hasMessageContaining("0..15");
    assertThatThrownBy(() -> new H3CellKeys(8).cell(Double.NaN, 1))
        .isInstanceOf(InvalidCoordinateException.class);
  }
}
