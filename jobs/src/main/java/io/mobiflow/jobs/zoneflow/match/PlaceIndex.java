package io.mobiflow.jobs.zoneflow.match;

import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.common.SourceRef;
import io.mobiflow.geodata.locate.GridZoneLocator;
import io.mobiflow.geodata.locate.Zone;
import io.mobiflow.geodata.locate.ZoneLocator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The per-task lookup structures of {@link Places}: the grid zone locator for positions, and the
 * zone of every site, station and stop resolved once at build time so that matching them by id is a
 * hash lookup. Immutable and thread-safe.
 */
public final class PlaceIndex {

  private final ZoneLocator locator;
  private final Map<String, String> zoneBySite = new HashMap<>();
  private final Map<String, String> zoneByStation = new HashMap<>();
  private final Map<String, String> zoneByStop = new HashMap<>();

  PlaceIndex(Places places) {
    this.locator = new GridZoneLocator(places.zones());
    places.counterSites().forEach(s -> zoneOf(s.latitude(), s.longitude(), s.siteId(), zoneBySite));
    places
        .stations()
        .forEach(s -> zoneOf(s.latitude(), s.longitude(), s.stationId(), zoneByStation));
    places.stops().forEach(s -> zoneOf(s.latitude(), s.longitude(), s.stopId(), zoneByStop));
  }

  private void zoneOf(double latitude, double longitude, String id, Map<String, String> into) {
    // Places outside every zone map to null: known, but not matchable.
    into.put(id, locator.findZone(latitude, longitude).map(Zone::id).orElse(null));
  }

  /** The stops of each zone, by zone id (stops in no zone are left out). */
  public Map<String, List<String>> stopsByZone() {
    Map<String, List<String>> stops = new TreeMap<>();
    zoneByStop.forEach(
        (stop, zone) -> {
          if (zone != null) {
            stops.computeIfAbsent(zone, z -> new ArrayList<>()).add(stop);
          }
        });
    stops.values().forEach(Collections::sort);
    return stops;
  }

  /** The zone covering a position, or OUTSIDE_ZONES. */
  public Decoded<String> zoneAt(double latitude, double longitude, SourceRef source) {
    return locator
        .findZone(latitude, longitude)
        .map(zone -> Decoded.ok(source, zone.id()))
        .orElseGet(
            () ->
                Decoded.rejected(
                    source,
                    RejectReason.OUTSIDE_ZONES,
                    "position (" + latitude + ", " + longitude + ") is in no zone"));
  }

  /** The zone of a counting site. */
  public Decoded<String> zoneOfSite(String siteId, SourceRef source) {
    return lookup(zoneBySite, "counter site", "places.counter_sites", siteId, source);
  }

  /** The zone of a shared-mobility station. */
  public Decoded<String> zoneOfStation(String stationId, SourceRef source) {
    return lookup(zoneByStation, "station", "places.stations", stationId, source);
  }

  /** The zone of a transit stop. */
  public Decoded<String> zoneOfStop(String stopId, SourceRef source) {
    return lookup(zoneByStop, "stop", "places.gtfs", stopId, source);
  }

  /**
   * The zone of a place known by id; when the reference data of that kind of place is not
   * configured at all, the rejection names the configuration key that would give it.
   */
  private static Decoded<String> lookup(
      Map<String, String> zones, String what, String key, String id, SourceRef source) {
    if (id == null || !zones.containsKey(id)) {
      return Decoded.rejected(
          source,
          RejectReason.UNKNOWN_REFERENCE,
          "unknown " + what + " " + id + (zones.isEmpty() ? " (no " + key + " configured)" : ""));
    }
    String zone = zones.get(id);
    return zone == null
        ? Decoded.rejected(source, RejectReason.OUTSIDE_ZONES, what + " " + id + " is in no zone")
        : Decoded.ok(source, zone);
  }
}
