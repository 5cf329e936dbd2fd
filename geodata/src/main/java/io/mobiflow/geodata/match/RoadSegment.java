package io.mobiflow.geodata.match;

import io.mobiflow.geodata.geom.Wgs84;
import java.io.Serializable;
import java.util.Objects;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.LineString;

/**
 * A directed road segment (a counted section, a GTFS shape, a street), in WGS84.
 *
 * @param id the segment id
 * @param geometry a LineString of at least two points, x = longitude, y = latitude, in the
 *     direction of travel
 */
public record RoadSegment(String id, LineString geometry) implements Serializable {

  public RoadSegment {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(geometry, "geometry");
    if (geometry.getNumPoints() < 2) {
      throw new IllegalArgumentException("road segment " + id + " has fewer than two points");
    }
    for (Coordinate c : geometry.getCoordinates()) {
      Wgs84.require(c.y, c.x);
    }
  }
}
