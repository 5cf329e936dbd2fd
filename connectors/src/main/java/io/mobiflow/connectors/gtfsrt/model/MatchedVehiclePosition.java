package io.mobiflow.connectors.gtfsrt.model;

import io.mobiflow.connectors.common.Require;

/**
 * A vehicle position placed on the map.
 *
 * @param position the position
 * @param zoneId the zone containing it
 */
public record MatchedVehiclePosition(VehiclePosition position, String zoneId) {

  public MatchedVehiclePosition {
    Require.present(position, "position");
    Require.id(zoneId, "zoneId");
  }
}
