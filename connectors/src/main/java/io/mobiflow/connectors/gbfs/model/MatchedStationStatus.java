package io.mobiflow.connectors.gbfs.model;

import io.mobiflow.connectors.common.Require;

/**
 * A station status placed on the map through its station.
 *
 * @param status the status
 * @param zoneId the zone containing the station
 */
public record MatchedStationStatus(StationStatus status, String zoneId) {

  public MatchedStationStatus {
    Require.present(status, "status");
    Require.id(zoneId, "zoneId");
  }
}
