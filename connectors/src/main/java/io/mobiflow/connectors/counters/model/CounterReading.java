package io.mobiflow.connectors.counters.model;

import io.mobiflow.connectors.common.Require;
import java.time.Instant;

/**
 * One reading of one counting site over one counting period. A measure the site did not deliver is
 * {@code null} (not zero); at least one measure is present.
 *
 * @param siteId the counting site
 * @param observedAt start of the counting period (so a period falls in the window it starts in)
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

  public CounterReading {
    Require.id(siteId, "siteId");
    Require.present(observedAt, "observedAt");
    Require.optionalInRange(flowVehH, 0, 20_000, "flowVehH");
    Require.optionalInRange(occupancyPct, 0, 100, "occupancyPct");
    Require.optionalInRange(speedKmh, 0, 300, "speedKmh");
    if (flowVehH == null && occupancyPct == null && speedKmh == null) {
      throw new IllegalArgumentException("reading of " + siteId + " has no measure");
    }
  }
}
