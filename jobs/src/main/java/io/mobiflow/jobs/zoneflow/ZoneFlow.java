package io.mobiflow.jobs.zoneflow;

import io.mobiflow.connectors.common.Require;
import io.mobiflow.connectors.counters.model.TrafficState;
import java.time.Instant;

/**
 * The flow indicators of one spatial unit (a zone, an H3 cell, a counter site, a stop, a route or a
 * station) over one event-time window: road, transit and shared mobility side by side. A count of
 * zero means the feed said nothing about the unit in the window; its means are then {@code null}
 * ("no data", not zero), and the source's completeness flag is false. {@code docs/indicators.md}
 * defines every field.
 *
 * @param unit what kind of place {@code unitId} is
 * @param unitId the zone id, H3 address, site id, stop id, route id or station id
 * @param windowStart inclusive
 * @param windowEnd exclusive
 * @param roadData whether counters reported in the unit and window
 * @param counterReadings traffic-counter readings
 * @param meanFlowVehH mean flow over the readings, vehicles per hour
 * @param meanOccupancyPct mean loop occupancy, percent
 * @param meanSpeedKmh flow-weighted mean speed, km/h (the plain mean where no flow is given)
 * @param freeFlowSpeedKmh mean of the sites' learned free-flow speeds, km/h
 * @param speedIndex mean speed / free-flow speed
 * @param congestion congestion level from the mean occupancy, else from the speed index
 * @param transitData whether transit vehicles or stop updates were reported
 * @param vehiclePositions transit vehicle positions reported
 * @param crowdedShare share of the positions giving an occupancy status that say standing room only
 *     or fuller
 * @param stopTimeUpdates stop time updates
 * @param meanDelaySeconds mean predicted delay over those updates that carry one, seconds
 * @param p90DelaySeconds 90th percentile of those delays (nearest rank), seconds
 * @param onTimeShare share of those delays within −60 s to +300 s, in [0, 1]
 * @param stopsNotServed updates saying a stop will be skipped or its trip is cancelled
 * @param scheduledDepartures departures the static timetable schedules in the window (stops and
 *     zones, with a timetable configured; else null)
 * @param realtimeDepartures departures at the last time GTFS-Realtime predicted them
 * @param meanHeadwaySeconds mean time between consecutive departures of a route at a stop
 * @param headwayCv coefficient of variation of those headways (regularity: 0 is regular)
 * @param sharedMobilityData whether stations or free-floating vehicles were reported
 * @param stationReports station status reports
 * @param vehiclesAvailable time-weighted mean of the vehicles available at the unit's stations
 * @param minVehiclesAvailable fewest vehicles available at one station at any time of the window
 * @param docksAvailable time-weighted mean of the docks available
 * @param emptyStationMinutes station-minutes without a vehicle available
 * @param fullStationMinutes station-minutes without a dock available
 * @param meanVehiclesDisabled mean disabled vehicles per station report
 * @param pickUps free-floating vehicles taken (see {@code FreeVehicleChanges}); {@code null} when
 *     suppressed: from 1 to k − 1 ({@link PrivacySettings#minCount}), or in an H3 cell finer than
 *     {@link PrivacySettings#maxH3ResolutionForTripCounts}
 * @param pickUpsSuppressed whether {@code pickUps} was suppressed (it is then {@code null})
 * @param dropOffs free-floating vehicles left; {@code null} when suppressed, as {@code pickUps}
 * @param dropOffsSuppressed whether {@code dropOffs} was suppressed
 */
public record ZoneFlow(
    SpatialUnit unit,
    String unitId,
    Instant windowStart,
    Instant windowEnd,
    boolean roadData,
    long counterReadings,
    Double meanFlowVehH,
    Double meanOccupancyPct,
    Double meanSpeedKmh,
    Double freeFlowSpeedKmh,
    Double speedIndex,
    TrafficState congestion,
    boolean transitData,
    long vehiclePositions,
    Double crowdedShare,
    long stopTimeUpdates,
    Double meanDelaySeconds,
    Integer p90DelaySeconds,
    Double onTimeShare,
    long stopsNotServed,
    Integer scheduledDepartures,
    long realtimeDepartures,
    Double meanHeadwaySeconds,
    Double headwayCv,
    boolean sharedMobilityData,
    long stationReports,
    Double vehiclesAvailable,
    Integer minVehiclesAvailable,
    Double docksAvailable,
    Double emptyStationMinutes,
    Double fullStationMinutes,
    Double meanVehiclesDisabled,
    Long pickUps,
    boolean pickUpsSuppressed,
    Long dropOffs,
    boolean dropOffsSuppressed) {

  public ZoneFlow {
    Require.present(unit, "unit");
    Require.id(unitId, "unitId");
    Require.present(windowStart, "windowStart");
    Require.present(windowEnd, "windowEnd");
    if (!windowEnd.isAfter(windowStart)) {
      throw new IllegalArgumentException("window ends before it starts");
    }
    if ((pickUps == null) != pickUpsSuppressed || (dropOffs == null) != dropOffsSuppressed) {
      throw new IllegalArgumentException("a trip count is null exactly when it is suppressed");
    }
  }

  /**
   * All published observations of the unit in the window, of every feed kind (suppressed trip
   * counts are not among them).
   */
  public long observations() {
    return counterReadings
        + vehiclePositions
        + stopTimeUpdates
        + stationReports
        + (pickUps == null ? 0 : pickUps)
        + (dropOffs == null ? 0 : dropOffs);
  }
}
