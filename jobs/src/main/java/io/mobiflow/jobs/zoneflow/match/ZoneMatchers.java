package io.mobiflow.jobs.zoneflow.match;

import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.common.SourceRef;
import io.mobiflow.connectors.counters.model.CounterReading;
import io.mobiflow.connectors.counters.model.MatchedCounterReading;
import io.mobiflow.connectors.gbfs.model.MatchedStationStatus;
import io.mobiflow.connectors.gbfs.model.StationStatus;
import io.mobiflow.connectors.gtfsrt.model.MatchedStopTimeUpdate;
import io.mobiflow.connectors.gtfsrt.model.MatchedVehiclePosition;
import io.mobiflow.connectors.gtfsrt.model.StopTimeUpdate;
import io.mobiflow.connectors.gtfsrt.model.VehiclePosition;

/** The zone matchers of each event type, as {@link Matcher}s by method reference. */
public final class ZoneMatchers {

  private ZoneMatchers() {}

  /** A reading lies in the zone of its counting site. */
  public static Decoded<MatchedCounterReading> counterReading(
      CounterReading reading, SourceRef source, PlaceIndex places) {
    return places
        .zoneOfSite(reading.siteId(), source)
        .map(zone -> new MatchedCounterReading(reading, zone, null));
  }

  /** A vehicle lies in the zone covering its position. */
  public static Decoded<MatchedVehiclePosition> vehiclePosition(
      VehiclePosition position, SourceRef source, PlaceIndex places) {
    return places
        .zoneAt(position.latitude(), position.longitude(), source)
        .map(zone -> new MatchedVehiclePosition(position, zone));
  }

  /** An update lies in the zone of its stop (updates that give only a sequence are rejected). */
  public static Decoded<MatchedStopTimeUpdate> stopTimeUpdate(
      StopTimeUpdate update, SourceRef source, PlaceIndex places) {
    return places
        .zoneOfStop(update.stopId(), source)
        .map(zone -> new MatchedStopTimeUpdate(update, update.stopId(), zone));
  }

  /** A station status lies in the zone of its station. */
  public static Decoded<MatchedStationStatus> stationStatus(
      StationStatus status, SourceRef source, PlaceIndex places) {
    return places
        .zoneOfStation(status.stationId(), source)
        .map(zone -> new MatchedStationStatus(status, zone));
  }
}
