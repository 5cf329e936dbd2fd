package io.mobiflow.connectors.gtfsrt.model;

import io.mobiflow.connectors.common.Require;
import io.mobiflow.geodata.geom.Wgs84;
import java.time.Instant;

/**
 * Where a transit vehicle was, from a GTFS-Realtime VehiclePosition.
 *
 * @param vehicleId the vehicle (VehicleDescriptor id, else label, else entity id)
 * @param tripId the trip it runs, or {@code null} (deadheading, or a feed without trip ids)
 * @param routeId the route, or {@code null}
 * @param latitude degrees
 * @param longitude degrees
 * @param bearingDegrees clockwise from north, or {@code null}
 * @param speedKmh or {@code null}
 * @param occupancy or {@code null} when the feed does not publish it
 * @param observedAt the position's timestamp (else the feed header's)
 */
public record VehiclePosition(
    String vehicleId,
    String tripId,
    String routeId,
    double latitude,
    double longitude,
    Double bearingDegrees,
    Double speedKmh,
    OccupancyStatus occupancy,
    Instant observedAt) {

  public VehiclePosition {
    Require.id(vehicleId, "vehicleId");
    Wgs84.require(latitude, longitude);
    Require.optionalInRange(bearingDegrees, 0, 360, "bearingDegrees");
    Require.optionalInRange(speedKmh, 0, 400, "speedKmh");
    Require.present(observedAt, "observedAt");
  }
}
