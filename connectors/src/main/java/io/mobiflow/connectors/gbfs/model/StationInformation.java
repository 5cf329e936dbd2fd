package io.mobiflow.connectors.gbfs.model;

import io.mobiflow.connectors.common.Require;
import io.mobiflow.geodata.geom.Wgs84;
import java.io.Serializable;

/**
 * A docking station of a shared-mobility system (GBFS station_information).
 *
 * @param stationId the station
 * @param name its name (first translation in GBFS 3.0)
 * @param latitude degrees
 * @param longitude degrees
 * @param capacity number of docks, or {@code null} when not published
 */
public record StationInformation(
    String stationId, String name, double latitude, double longitude, Integer capacity)
    implements Serializable {

  public StationInformation {
    Require.id(stationId, "stationId");
    Require.present(name, "name");
    Wgs84.require(latitude, longitude);
    Require.optionalNonNegative(capacity, "capacity");
  }
}
