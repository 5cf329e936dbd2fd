package io.mobiflow.connectors.gbfs.model;

import io.mobiflow.connectors.common.Require;

/**
 * A free-floating vehicle placed on the map.
 *
 * @param vehicle the vehicle
 * @param zoneId the zone containing it
 */
public record MatchedFreeFloatingVehicle(FreeFloatingVehicle vehicle, String zoneId) {

  public MatchedFreeFloatingVehicle {
    Require.present(vehicle, "vehicle");
    Require.id(zoneId, "zoneId");
  }
}
