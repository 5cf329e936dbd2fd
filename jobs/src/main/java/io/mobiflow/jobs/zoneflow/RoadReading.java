package io.mobiflow.jobs.zoneflow;

import io.mobiflow.connectors.common.Require;
import io.mobiflow.connectors.counters.model.MatchedCounterReading;

/**
 * A counter reading with its site's free-flow speed as learned up to the reading.
 *
 * @param matched the reading and its zone
 * @param freeFlowSpeedKmh the site's free-flow speed, or null while too few speeds were seen
 */
public record RoadReading(MatchedCounterReading matched, Double freeFlowSpeedKmh) {

  public RoadReading {
    Require.present(matched, "matched");
  }
}
