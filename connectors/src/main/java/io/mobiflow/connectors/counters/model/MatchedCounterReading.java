package io.mobiflow.connectors.counters.model;

import io.mobiflow.connectors.common.Require;

/**
 * A counter reading placed on the map.
 *
 * @param reading the reading
 * @param zoneId the zone containing the site
 * @param segmentId the road segment of the site, or {@code null} when no network is configured
 */
public record MatchedCounterReading(CounterReading reading, String zoneId, String segmentId) {

  public MatchedCounterReading {
    Require.present(reading, "reading");
    Require.id(zoneId, "zoneId");
  }
}
