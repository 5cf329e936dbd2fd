package io.mobiflow.jobs.suggest.rules;

import io.mobiflow.connectors.common.Require;
import io.mobiflow.geodata.geom.Wgs84;

/**
 * Where shared vehicles can be taken or left: a station, or a free-floating vehicle.
 *
 * @param id station id or vehicle id
 * @param latitude position
 * @param longitude position
 * @param vehiclesAvailable vehicles ready to rent there (1 for a free-floating vehicle)
 * @param docksAvailable free docks, or null where a vehicle can be left anywhere (free-floating)
 */
public record VehicleSpot(
    String id, double latitude, double longitude, int vehiclesAvailable, Integer docksAvailable) {

  public VehicleSpot {
    Require.id(id, "id");
    Wgs84.require(latitude, longitude);
    Require.nonNegative(vehiclesAvailable, "vehiclesAvailable");
    Require.optionalNonNegative(docksAvailable, "docksAvailable");
  }

  /** Whether a vehicle can be left here (a free dock, or free-floating). */
  public boolean takesReturns() {
    return docksAvailable == null || docksAvailable > 0;
  }

  /** Whether this is a station (vehicles must be returned to a dock). */
  public boolean isStation() {
    return docksAvailable != null;
  }

  double metersTo(double lat, double lon) {
    return Wgs84.distanceMeters(latitude, longitude, lat, lon);
  }
}
