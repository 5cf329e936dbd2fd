package io.mobiflow.jobs.zoneflow.match;

import io.mobiflow.connectors.counters.model.CounterSite;
import io.mobiflow.connectors.gbfs.model.StationInformation;
import io.mobiflow.connectors.gtfs.TransitStop;
import io.mobiflow.geodata.locate.Zone;
import java.io.Serializable;
import java.util.List;

/**
 * The static reference data that observations are matched against: zones, and the places that feeds
 * name by id only (counter sites, bike stations, transit stops). Shipped with the job graph; each
 * task builds its {@link PlaceIndex} from it once, in {@code open()}.
 *
 * @param zones the zones, in priority order (the first covering zone wins)
 * @param counterSites counting sites by position
 * @param stations shared-mobility stations
 * @param stops transit stops
 */
public record Places(
    List<Zone> zones,
    List<CounterSite> counterSites,
    List<StationInformation> stations,
    List<TransitStop> stops)
    implements Serializable {

  public Places {
    zones = List.copyOf(zones);
    counterSites = List.copyOf(counterSites);
    stations = List.copyOf(stations);
    stops = List.copyOf(stops);
    if (zones.isEmpty()) {
      throw new IllegalArgumentException("no zones configured");
    }
  }

  /** Builds the lookup structures. Call once per task. */
  public PlaceIndex index() {
    return new PlaceIndex(this);
  }
}
