package io.mobiflow.connectors.counters.model;

import io.mobiflow.connectors.common.Require;
import java.time.Instant;

/**
 * One reading of one counting site over one counting period. A measure the site did not deliver is
 * {@code null} (not zero); at least one measure is present.
 *
 * @param siteId the counting site
 * @param observedAt start of the counting period (so a period falls in the window it starts in),
 *     within years 1970–9999 ({@link Require#instant})
 * @param flowVehH traffic flow, vehicles per hour, in [0, 20000]
 * @param occupancyPct share of time the loop was occupied, percent in [0, 100]
 * @param speedKmh mean speed, km/h, in [0, 300]
 * @param state the traffic state the feed reports, or {@code null} when it reports none (or
 *     "unknown")
 */
public record CounterReading(
    String siteId,
    Instant observedAt,
    Double flowVehH,
    Double occupancyPct,
    Double speedKmh,
    TrafficState state) {

  /** The largest flow a reading may carry, vehicles per hour. */
  public static final double MAX_FLOW_VEH_H = 20_000;

  /** The largest occupancy, percent. */
  public static final double MAX_OCCUPANCY_PCT = 100;

  /** The largest mean speed, km/h. */
  public static final double MAX_SPEED_KMH = 300;

  public CounterReading {
    Require.id(siteId, "siteId");
    Require.instant(observedAt, "observedAt");
    Require.optionalInRange(flowVehH, 0, MAX_FLOW_VEH_H, "flowVehH");
    Require.optionalInRange(occupancyPct, 0, MAX_OCCUPANCY_PCT, "occupancyPct");
    Require.optionalInRange(speedKmh, 0, MAX_SPEED_KMH, "speedKmh");
    if (flowVehH == null && occupancyPct == null && speedKmh == null) {
      throw new IllegalArgumentException("reading of " + siteId + " has no measure");
    }
  }
}
