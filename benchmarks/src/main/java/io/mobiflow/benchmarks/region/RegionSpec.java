package io.mobiflow.benchmarks.region;

import io.mobiflow.benchmarks.gtfs.SyntheticGtfsFeed;
import java.util.Objects;

/**
 * The size of a simulated region: its timetable and how many zones, counter sites, bike stations
 * and free-floating vehicles it has.
 *
 * @param feed the synthetic GTFS timetable
 * @param zoneColumns zones west to east (the zones are a grid of rectangles over the stops)
 * @param zoneRows zones south to north
 * @param counterSites traffic counters, one reading each per minute
 * @param stations docked bike-share stations (GBFS station_status)
 * @param freeFloatingFleet free-floating vehicles (GBFS free_bike_status)
 */
public record RegionSpec(
    SyntheticGtfsFeed feed,
    int zoneColumns,
    int zoneRows,
    int counterSites,
    int stations,
    int freeFloatingFleet) {

  public RegionSpec {
    Objects.requireNonNull(feed, "feed");
    if (zoneColumns < 1 || zoneRows < 1 || counterSites < 0 || stations < 0) {
      throw new IllegalArgumentException("a region needs zones and no negative counts");
    }
    if (freeFloatingFleet < 0) {
      throw new IllegalArgumentException("freeFloatingFleet must not be negative");
    }
  }

  /**
   * Île-de-France scale: the 13-million-stop_time timetable, 1,000 zones (40 × 25), 3,000 counter
   * sites, 1,500 bike stations and 20,000 free-floating vehicles.
   */
  public static RegionSpec full() {
    return new RegionSpec(SyntheticGtfsFeed.regionScale(), 40, 25, 3_000, 1_500, 20_000);
  }

  /** The number of zones. */
  public int zones() {
    return zoneColumns * zoneRows;
  }
}
