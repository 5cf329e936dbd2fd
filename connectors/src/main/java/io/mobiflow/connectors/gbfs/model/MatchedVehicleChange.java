package io.mobiflow.connectors.gbfs.model;

import io.mobiflow.connectors.common.Require;

/**
 * A pick-up or drop-off placed in a zone.
 *
 * @param change the change
 * @param zoneId the zone where the vehicle was taken or left
 */
public record MatchedVehicleChange(VehicleChange change, String zoneId) {

  public MatchedVehicleChange {
    Require.present(change, "change");
    Require.id(zoneId, "zoneId");
  }
}
