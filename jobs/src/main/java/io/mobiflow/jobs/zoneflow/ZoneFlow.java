package io.mobiflow.jobs.zoneflow;

import io.mobiflow.connectors.common.Require;
import java.time.Instant;

/**
 * The first zone-flow indicators of one zone over one event-time window: counts and simple means
 * per feed kind. A count of zero means the feed said nothing about the zone in the window; its
 * means are then {@code null} ("no data", not zero).
 *
 * @param zoneId the zone
 * @param windowStart inclusive
 * @param windowEnd exclusive
 * @param counterReadings traffic-counter readings in the window
 * @param meanFlowVehH mean flow over those readings, vehicles per hour
 * @param meanOccupancyPct mean loop occupancy, percent
 * @param meanSpeedKmh mean speed, km/h (plain mean of the readings' speeds)
 * @param vehiclePositions transit vehicle positions reported in the zone
 * @param stopTimeUpdates stop time updates for stops in the zone
 * @param meanDelaySeconds mean predicted delay over those updates that carry one, seconds
 * @param p90DelaySeconds 90th percentile of those delays (nearest rank), seconds
 * @param onTimeShare share of those delays within −60 s to +300 s, in [0, 1]
 * @param stopsNotServed updates saying a stop will be skipped or its trip is cancelled
 * @param stationReports station status reports of stations in the zone
 * @param meanVehiclesAvailable mean vehicles available per report
 * @param meanDocksAvailable mean docks available per report (stations that publish docks)
 * @param pickUps free-floating vehicles taken in the zone (see {@code FreeVehicleChanges})
 * @param dropOffs free-floating vehicles left in the zone
 */
public record ZoneFlow(
    String zoneId,
    Instant windowStart,
    Instant windowEnd,
    long counterReadings,
    Double meanFlowVehH,
    Double meanOccupancyPct,
    Double meanSpeedKmh,
    long vehiclePositions,
    long stopTimeUpdates,
    Double meanDelaySeconds,
    Integer p90DelaySeconds,
    Double onTimeShare,
    long stopsNotServed,
    long stationReports,
    Double meanVehiclesAvailable,
    Double meanDocksAvailable,
    long pickUps,
    long dropOffs) {

  public ZoneFlow {
    Require.id(zoneId, "zoneId");
    Require.present(windowStart, "windowStart");
    Require.present(windowEnd, "windowEnd");
    if (!windowEnd.isAfter(windowStart)) {
      throw new IllegalArgumentException("window ends before it starts");
    }
  }

  /** All observations of the zone in the window, of every feed kind. */
  public long observations() {
    return counterReadings
        + vehiclePositions
        + stopTimeUpdates
        + stationReports
        + pickUps
        + dropOffs;
  }
}
