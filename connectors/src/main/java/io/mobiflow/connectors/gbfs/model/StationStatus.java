package io.mobiflow.connectors.gbfs.model;

import io.mobiflow.connectors.common.Require;
import java.time.Instant;
import java.util.Map;

/**
 * The state of a station at one moment (GBFS station_status).
 *
 * @param stationId the station
 * @param vehiclesAvailable vehicles ready to rent (num_bikes_available / num_vehicles_available)
 * @param vehiclesDisabled vehicles present but not rentable, or {@code null}
 * @param docksAvailable free docks, or {@code null} for virtual stations
 * @param renting whether the station rents vehicles now
 * @param returning whether it accepts returns now
 * @param reportedAt last_reported, else the document's last_updated; both instants within years
 *     1970–9999 ({@link Require#instant})
 * @param observedAt when this state was published: the document's last_updated, else {@code
 *     reportedAt}; the event time of availability indicators (a station that last reported a year
 *     ago still has its bikes now)
 * @param vehiclesByType vehicles available per vehicle type id (GBFS 2.1+ {@code
 *     vehicle_types_available}, or Vélib's {@code num_bikes_available_types}); empty when the feed
 *     does not break them down
 */
public record StationStatus(
    String stationId,
    int vehiclesAvailable,
    Integer vehiclesDisabled,
    Integer docksAvailable,
    boolean renting,
    boolean returning,
    Instant reportedAt,
    Instant observedAt,
    Map<String, Integer> vehiclesByType) {

  public StationStatus {
    Require.id(stationId, "stationId");
    Require.nonNegative(vehiclesAvailable, "vehiclesAvailable");
    Require.optionalNonNegative(vehiclesDisabled, "vehiclesDisabled");
    Require.optionalNonNegative(docksAvailable, "docksAvailable");
    Require.instant(reportedAt, "reportedAt");
    Require.instant(observedAt, "observedAt");
    vehiclesByType = Map.copyOf(vehiclesByType);
    vehiclesByType.forEach((type, count) -> Require.nonNegative(count, "vehicles of type " + type));
  }
}
