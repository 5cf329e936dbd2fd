package io.mobiflow.connectors.gtfsrt.model;

import io.mobiflow.connectors.common.Require;

/**
 * A stop time update placed on the map through its stop.
 *
 * @param update the update
 * @param stopId the GTFS stop (resolved from the sequence when the feed gave only that)
 * @param zoneId the zone containing the stop
 */
public record MatchedStopTimeUpdate(StopTimeUpdate update, String stopId, String zoneId) {

  public MatchedStopTimeUpdate {
    Require.present(update, "update");
    Require.id(stopId, "stopId");
    Require.id(zoneId, "zoneId");
  }
}
