package io.mobiflow.jobs.zoneflow.functions;

import io.mobiflow.connectors.counters.model.CounterSite;
import io.mobiflow.connectors.gbfs.model.StationInformation;
import io.mobiflow.connectors.gtfs.TransitStop;
import io.mobiflow.geodata.key.H3CellKeys;
import io.mobiflow.jobs.zoneflow.match.Places;
import java.util.HashMap;
import java.util.Map;

/**
 * The H3 cell of a position, and of every place that feeds name by id only, resolved once per task
 * so that an observation of a known place costs a hash lookup.
 */
public final class CellLocator {

  private final H3CellKeys keys;
  private final Map<String, String> siteCells = new HashMap<>();
  private final Map<String, String> stationCells = new HashMap<>();
  private final Map<String, String> stopCells = new HashMap<>();

  CellLocator(Places places, int resolution) {
    this.keys = new H3CellKeys(resolution);
    for (CounterSite site : places.counterSites()) {
      siteCells.put(site.siteId(), at(site.latitude(), site.longitude()));
    }
    for (StationInformation station : places.stations()) {
      stationCells.put(station.stationId(), at(station.latitude(), station.longitude()));
    }
    for (TransitStop stop : places.stops()) {
      stopCells.put(stop.stopId(), at(stop.latitude(), stop.longitude()));
    }
  }

  /** The cell of a position. */
  public String at(double latitude, double longitude) {
    return keys.address(latitude, longitude);
  }

  /** The cell of a counting site, or null for an unknown one. */
  public String ofSite(String siteId) {
    return siteCells.get(siteId);
  }

  /** The cell of a station, or null for an unknown one. */
  public String ofStation(String stationId) {
    return stationCells.get(stationId);
  }

  /** The cell of a stop, or null for an unknown one. */
  public String ofStop(String stopId) {
    return stopCells.get(stopId);
  }
}
