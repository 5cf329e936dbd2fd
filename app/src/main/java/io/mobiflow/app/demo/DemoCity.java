package io.mobiflow.app.demo;

import io.mobiflow.connectors.counters.model.CounterSite;
import io.mobiflow.connectors.gbfs.model.StationInformation;
import io.mobiflow.connectors.gtfs.Timetable;
import io.mobiflow.geodata.locate.Zone;
import io.mobiflow.jobs.zoneflow.match.Places;
import java.util.List;

/**
 * A city to simulate: its real timetable, and the zones, counter sites and bike stations derived
 * from it.
 *
 * @param id short identifier, the prefix of the simulated feeds' ids
 * @param name display name
 * @param timetable the real GTFS timetable, resolved for the simulated day
 * @param zones zones covering the territory, busiest first
 * @param counterSites traffic counters on bus corridors
 * @param stations shared-bike stations near the main stops
 * @param freeFloatingFleet free-floating vehicles of the simulated e-scooter fleet
 */
public record DemoCity(
    String id,
    String name,
    Timetable timetable,
    List<Zone> zones,
    List<CounterSite> counterSites,
    List<StationInformation> stations,
    int freeFloatingFleet) {

  public DemoCity {
    io.mobiflow.connectors.common.Require.id(id, "id");
    zones = List.copyOf(zones);
    counterSites = List.copyOf(counterSites);
    stations = List.copyOf(stations);
    if (freeFloatingFleet < 0) {
      throw new IllegalArgumentException("freeFloatingFleet must not be negative");
    }
  }

  /** The id of one of this city's simulated feeds, e.g. {@code perigueux-transit-sim}. */
  public String feedId(String mode) {
    return id + "-" + mode + "-sim";
  }

  /** The reference data the zone-flow job matches this city's feeds against. */
  public Places places() {
    return new Places(zones, counterSites, stations, timetable.stops());
  }
}
