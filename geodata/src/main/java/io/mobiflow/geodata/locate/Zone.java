package io.mobiflow.geodata.locate;

import java.io.Serializable;
import java.util.Objects;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * A named area in WGS84: a district, a Voronoi cell around a stop, an operator geofence.
 *
 * @param id stable identifier, used as the key of spatial windows
 * @param name human-readable name
 * @param geometry a valid (OGC) Polygon or MultiPolygon, holes allowed, x = longitude, y = latitude
 */
public record Zone(String id, String name, Geometry geometry) implements Serializable {

  public Zone {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(geometry, "geometry");
    if (id.isBlank()) {
      throw new IllegalArgumentException("zone id is blank");
    }
    if (!(geometry instanceof Polygonal) || geometry.isEmpty()) {
      throw new IllegalArgumentException(
          "zone "
              + id
              + " must be a non-empty Polygon or MultiPolygon, not "
              + geometry.getGeometryType());
    }
    TopologyValidationError error = new IsValidOp(geometry).getValidationError();
    if (error != null) {
      throw new IllegalArgumentException("zone " + id + " is not a valid polygon: " + error);
    }
  }
}
