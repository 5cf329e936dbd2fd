package io.mobiflow.jobs.zoneflow;

import io.mobiflow.connectors.common.Require;
import io.mobiflow.connectors.gbfs.model.MatchedStationStatus;
import java.time.Instant;

/**
 * A time during which a station's state was the one of a report: the report's counts hold from
 * {@code from} (inclusive) to {@code to} (exclusive). Intervals never cross a window boundary.
 *
 * @param matched the report in force, and the station's zone
 * @param from start of the interval
 * @param to end of the interval
 */
public record StationInterval(MatchedStationStatus matched, Instant from, Instant to) {

  public StationInterval {
    Require.present(matched, "matched");
    Require.present(from, "from");
    Require.present(to, "to");
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("interval ends before it starts: " + from + " " + to);
    }
  }
}
