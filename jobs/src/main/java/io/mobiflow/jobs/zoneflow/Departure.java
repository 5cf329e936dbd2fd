package io.mobiflow.jobs.zoneflow;

import io.mobiflow.connectors.common.Require;
import io.mobiflow.connectors.gtfsrt.model.MatchedStopTimeUpdate;
import java.time.Instant;

/**
 * A trip's departure from a stop as GTFS-Realtime last predicted it before it happened.
 *
 * @param matched the last update of the trip at the stop, and the stop's zone
 * @param at the predicted departure (else arrival) time
 * @param headwaySeconds time since the previous departure of the same route at the stop, or null
 *     (first one seen, no route, or more than {@link #MAX_HEADWAY_SECONDS} before)
 */
public record Departure(MatchedStopTimeUpdate matched, Instant at, Integer headwaySeconds) {

  /** Gaps longer than this (2 h) are breaks in service, not headways. */
  public static final int MAX_HEADWAY_SECONDS = 7200;

  public Departure {
    Require.present(matched, "matched");
    Require.present(at, "at");
  }

  /** The same departure with its headway. */
  public Departure withHeadway(Integer seconds) {
    return new Departure(matched, at, seconds);
  }
}
