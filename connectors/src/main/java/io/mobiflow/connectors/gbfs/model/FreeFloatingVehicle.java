package io.mobiflow.connectors.gbfs.model;

import io.mobiflow.connectors.common.Require;
import io.mobiflow.geodata.geom.Wgs84;
import java.time.Instant;

/**
 * A shared vehicle parked outside any station (GBFS free_bike_status / vehicle_status). GBFS
 * rotates {@code vehicleId} after each trip, so it identifies a parked vehicle, not a vehicle.
 *
 * @param vehicleId the (rotating) vehicle id
 * @param latitude degrees
 * @param longitude degrees
 * @param vehicleTypeId the vehicle type, or {@code null}
 * @param reserved whether it is reserved
 * @param disabled whether it is out of service
 * @param observedAt the vehicle's last_reported, else the document's last_updated; within years
 *     1970–9999 ({@link Require#instant})
 */
public record FreeFloatingVehicle(
    String vehicleId,
    double latitude,
    double longitude,
    String vehicleTypeId,
    boolean reserved,
    boolean disabled,
    Instant observedAt) {

  public FreeFloatingVehicle {
    Require.id(vehicleId, "vehicleId");
    Wgs84.require(latitude, longitude);
    Require.instant(observedAt, "observedAt");
  }
}
