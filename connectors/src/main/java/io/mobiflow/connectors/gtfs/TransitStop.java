package io.mobiflow.connectors.gtfs;

import io.mobiflow.connectors.common.Require;
import io.mobiflow.geodata.geom.Wgs84;
import io.mobiflow.geodata.nearest.StopLocation;
import java.io.Serializable;

/**
 * A GTFS stop or station (stops.txt).
 *
 * @param stopId the GTFS stop_id, as realtime feeds name it
 * @param name stop_name
 * @param latitude degrees
 * @param longitude degrees
 * @param station whether this is a station (location_type 1) grouping stops
 * @param parentStationId parent_station, or {@code null}
 */
public record TransitStop(
    String stopId,
    String name,
    double latitude,
    double longitude,
    boolean station,
    String parentStationId)
    implements Serializable {

  public TransitStop {
    Require.id(stopId, "stopId");
    Require.present(name, "name");
    Wgs84.require(latitude, longitude);
  }

  /** The stop as the geo core's nearest-stop indexes take it. */
  public StopLocation location() {
    return new StopLocation(stopId, latitude, longitude);
  }
}
