package io.mobiflow.benchmarks.region;

import io.mobiflow.app.demo.DemoCity;
import io.mobiflow.connectors.counters.model.CounterSite;
import io.mobiflow.connectors.gbfs.model.StationInformation;
import io.mobiflow.connectors.gtfs.ScheduledTrip;
import io.mobiflow.connectors.gtfs.Timetable;
import io.mobiflow.connectors.gtfs.TransitStop;
import io.mobiflow.geodata.geom.Wgs84;
import io.mobiflow.geodata.locate.Zone;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Envelope;

/**
 * Derives a region's places from its timetable, as the demo's {@code DemoCityBuilder} does for a
 * city but at region scale:
 *
 * <ul>
 *   <li><b>zones</b>: a grid of {@link RegionSpec#zoneColumns()} × {@link RegionSpec#zoneRows()}
 *       rectangles over the stops' extent grown by {@value #MARGIN_DEGREES}°, ids {@code Z0001}..
 *       row by row from the south-west;
 *   <li><b>counter sites</b>: at the middle of distinct stop-to-stop legs that trips run (a leg and
 *       its reverse are one road), drawn at random, as the demo places its counters; legs longer
 *       than a tenth of the region's diagonal are left out (the synthetic routes wrap from one edge
 *       of the grid to the other in one leg);
 *   <li><b>bike stations</b>: 60–120 m from distinct stops that trips serve, drawn at random, with
 *       12–23 docks.
 * </ul>
 *
 * Deterministic: the same timetable and spec give the same places.
 */
public final class RegionCityBuilder {

  /** How far the zone grid reaches beyond the outermost stops, in degrees. */
  static final double MARGIN_DEGREES = 0.005;

  private static final long GEOMETRY_SEED = 2026;

  private RegionCityBuilder() {}

  /**
   * The region's city.
   *
   * @throws IllegalArgumentException if the trips run fewer legs than counter sites asked for or
   *     serve fewer stops than stations asked for
   */
  public static DemoCity derive(String id, String name, Timetable timetable, RegionSpec spec) {
    Map<String, TransitStop> stops = timetable.stopsById();
    Envelope extent = new Envelope();
    timetable.stops().forEach(s -> extent.expandToInclude(s.longitude(), s.latitude()));
    double longestLegMeters =
        Wgs84.distanceMeters(extent.getMinY(), extent.getMinX(), extent.getMaxY(), extent.getMaxX())
            / 10;
    Set<String> served = new LinkedHashSet<>();
    Map<String, String[]> legs = new LinkedHashMap<>();
    for (ScheduledTrip trip : timetable.trips()) {
      List<ScheduledTrip.StopTime> times = trip.stops();
      for (int k = 0; k < times.size(); k++) {
        served.add(times.get(k).stopId());
        if (k > 0) {
          String from = times.get(k - 1).stopId();
          String to = times.get(k).stopId();
          if (!from.equals(to)
              && distanceMeters(stops.get(from), stops.get(to)) <= longestLegMeters) {
            String[] leg =
                from.compareTo(to) < 0 ? new String[] {from, to} : new String[] {to, from};
            legs.putIfAbsent(leg[0] + ">" + leg[1], leg);
          }
        }
      }
    }
    SplittableRandom random = new SplittableRandom(GEOMETRY_SEED);
    return new DemoCity(
        id,
        name,
        timetable,
        zones(extent, spec),
        counterSites(drawn(new ArrayList<>(legs.values()), spec.counterSites(), random), stops),
        stations(
            drawn(new ArrayList<>(served), spec.stations(), random).stream()
                .map(stops::get)
                .toList(),
            random),
        spec.freeFloatingFleet());
  }

  private static double distanceMeters(TransitStop from, TransitStop to) {
    return Wgs84.distanceMeters(from.latitude(), from.longitude(), to.latitude(), to.longitude());
  }

  private static List<Zone> zones(Envelope stops, RegionSpec spec) {
    Envelope extent = new Envelope(stops);
    extent.expandBy(MARGIN_DEGREES);
    double width = extent.getWidth() / spec.zoneColumns();
    double height = extent.getHeight() / spec.zoneRows();
    List<Zone> zones = new ArrayList<>(spec.zones());
    for (int row = 0; row < spec.zoneRows(); row++) {
      for (int column = 0; column < spec.zoneColumns(); column++) {
        double west = extent.getMinX() + column * width;
        double south = extent.getMinY() + row * height;
        // The last column and row end exactly on the extent, so no sliver is left uncovered.
        double east = column + 1 == spec.zoneColumns() ? extent.getMaxX() : west + width;
        double north = row + 1 == spec.zoneRows() ? extent.getMaxY() : south + height;
        zones.add(
            new Zone(
                String.format(Locale.ROOT, "Z%04d", zones.size() + 1),
                "Zone " + (row + 1) + "-" + (column + 1),
                Wgs84.GEOMETRY_FACTORY.toGeometry(new Envelope(west, east, south, north))));
      }
    }
    return zones;
  }

  private static List<CounterSite> counterSites(
      List<String[]> legs, Map<String, TransitStop> stops) {
    List<CounterSite> sites = new ArrayList<>(legs.size());
    for (String[] leg : legs) {
      TransitStop from = stops.get(leg[0]);
      TransitStop to = stops.get(leg[1]);
      sites.add(
          CounterSite.atPoint(
              String.format(Locale.ROOT, "CNT-%04d", sites.size() + 1),
              "Road " + from.name() + " – " + to.name(),
              (from.latitude() + to.latitude()) / 2,
              (from.longitude() + to.longitude()) / 2));
    }
    return sites;
  }

  private static List<StationInformation> stations(
      List<TransitStop> stops, SplittableRandom random) {
    List<StationInformation> stations = new ArrayList<>(stops.size());
    for (TransitStop stop : stops) {
      double[] point =
          Wgs84.destination(
              stop.latitude(),
              stop.longitude(),
              random.nextDouble(360),
              60 + random.nextDouble(60));
      stations.add(
          new StationInformation(
              String.format(Locale.ROOT, "bike-%04d", stations.size() + 1),
              "Bikes " + stop.name(),
              point[0],
              point[1],
              12 + random.nextInt(12)));
    }
    return stations;
  }

  /** {@code count} of {@code candidates}, drawn without replacement. */
  private static <T> List<T> drawn(List<T> candidates, int count, SplittableRandom random) {
    if (candidates.size() < count) {
      throw new IllegalArgumentException(
          "the timetable offers " + candidates.size() + " places for " + count);
    }
    Collections.shuffle(candidates, new java.util.Random(random.nextLong()));
    return candidates.subList(0, count);
  }
}
