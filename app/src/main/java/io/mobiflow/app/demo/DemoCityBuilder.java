package io.mobiflow.app.demo;

import io.mobiflow.connectors.counters.model.CounterSite;
import io.mobiflow.connectors.gbfs.model.StationInformation;
import io.mobiflow.connectors.gtfs.ScheduledTrip;
import io.mobiflow.connectors.gtfs.Timetable;
import io.mobiflow.connectors.gtfs.TransitStop;
import io.mobiflow.geodata.geom.Wgs84;
import io.mobiflow.geodata.locate.Zone;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.util.GeometryTransformer;
import org.locationtech.jts.triangulate.VoronoiDiagramBuilder;

/**
 * Derives a demo city from a real timetable. No official district file is available for the demo
 * territory, so:
 *
 * <ul>
 *   <li><b>zones</b> are the Voronoi cells of the busiest stop places (a station with its stops, or
 *       a lone stop), ranked by departures on the day and at least {@value #ZONE_SEPARATION_METERS}
 *       m apart, clipped to the convex hull of all stops grown by {@value #TERRITORY_MARGIN_METERS}
 *       m. Cells are computed in a local equirectangular plane so they are not stretched east-west;
 *   <li><b>counter sites</b> sit on bus corridors: at the middle of the stop-to-stop leg nearest to
 *       each of the busiest places (at least 150 m from it);
 *   <li><b>bike stations</b> stand 60–120 m from the busiest places, with 12–23 docks.
 * </ul>
 *
 * Deterministic: the same timetable gives the same city.
 */
public final class DemoCityBuilder {

  static final double ZONE_SEPARATION_METERS = 900;
  static final double TERRITORY_MARGIN_METERS = 1000;
  private static final int MAX_ZONES = 30;
  private static final int COUNTER_SITES = 20;
  private static final int STATIONS = 16;
  private static final long GEOMETRY_SEED = 2026;
  private static final double METERS_PER_DEGREE = 111_320;

  private DemoCityBuilder() {}

  /** The demo city of a timetable. */
  public static DemoCity derive(String id, String name, Timetable timetable) {
    List<StopPlace> places = busiestPlaces(timetable);
    List<StopPlace> seeds = spreadOut(places, ZONE_SEPARATION_METERS, MAX_ZONES);
    return new DemoCity(
        id,
        name,
        timetable,
        zones(seeds, timetable.stops()),
        counterSites(seeds, timetable),
        stations(seeds),
        FreeFloatingSimulator.FLEET);
  }

  /** A station with its stops (or a lone stop), with its departures on the day. */
  record StopPlace(String id, String name, double latitude, double longitude, int departures) {}

  private static List<StopPlace> busiestPlaces(Timetable timetable) {
    Map<String, TransitStop> stops = timetable.stopsById();
    Map<String, Integer> departures = new HashMap<>();
    for (ScheduledTrip trip : timetable.trips()) {
      for (ScheduledTrip.StopTime stopTime : trip.stops()) {
        TransitStop stop = stops.get(stopTime.stopId());
        String place =
            stop.parentStationId() != null && stops.containsKey(stop.parentStationId())
                ? stop.parentStationId()
                : stop.stopId();
        departures.merge(place, 1, Integer::sum);
      }
    }
    List<StopPlace> places = new ArrayList<>();
    departures.forEach(
        (id, count) -> {
          TransitStop stop = stops.get(id);
          places.add(new StopPlace(id, stop.name(), stop.latitude(), stop.longitude(), count));
        });
    places.sort(
        Comparator.comparingInt(StopPlace::departures).reversed().thenComparing(StopPlace::id));
    return places;
  }

  private static List<StopPlace> spreadOut(List<StopPlace> ranked, double minMeters, int max) {
    List<StopPlace> chosen = new ArrayList<>();
    for (StopPlace place : ranked) {
      boolean farEnough =
          chosen.stream()
              .allMatch(
                  c ->
                      Wgs84.distanceMeters(
                              c.latitude(), c.longitude(), place.latitude(), place.longitude())
                          >= minMeters);
      if (farEnough) {
        chosen.add(place);
        if (chosen.size() == max) {
          break;
        }
      }
    }
    return chosen;
  }

  private static List<Zone> zones(List<StopPlace> seeds, List<TransitStop> allStops) {
    double meanLatitude =
        allStops.stream().mapToDouble(TransitStop::latitude).average().orElseThrow();
    double xScale = Math.cos(Math.toRadians(meanLatitude));
    Map<Coordinate, Integer> seedIndex = new LinkedHashMap<>();
    for (int i = 0; i < seeds.size(); i++) {
      seedIndex.put(new Coordinate(seeds.get(i).longitude() * xScale, seeds.get(i).latitude()), i);
    }
    Coordinate[] stopCoordinates =
        allStops.stream()
            .map(s -> new Coordinate(s.longitude() * xScale, s.latitude()))
            .toArray(Coordinate[]::new);
    Geometry territory =
        Wgs84.GEOMETRY_FACTORY
            .createMultiPointFromCoords(stopCoordinates)
            .convexHull()
            .buffer(TERRITORY_MARGIN_METERS / METERS_PER_DEGREE, 16);

    VoronoiDiagramBuilder voronoi = new VoronoiDiagramBuilder();
    voronoi.setSites(seedIndex.keySet());
    var clip = territory.getEnvelopeInternal();
    clip.expandBy(0.1);
    voronoi.setClipEnvelope(clip);
    GeometryCollection cells = (GeometryCollection) voronoi.getDiagram(Wgs84.GEOMETRY_FACTORY);

    Zone[] zones = new Zone[seeds.size()];
    GeometryTransformer toDegrees = new Unscale(xScale);
    for (int i = 0; i < cells.getNumGeometries(); i++) {
      Geometry cell = cells.getGeometryN(i);
      int seed = seedIndex.get((Coordinate) cell.getUserData());
      Geometry clipped = toDegrees.transform(cell.intersection(territory));
      clipped.setSRID(Wgs84.GEOMETRY_FACTORY.getSRID());
      StopPlace place = seeds.get(seed);
      zones[seed] = new Zone(String.format("Z%02d", seed + 1), place.name(), clipped);
    }
    return List.of(zones);
  }

  private static List<CounterSite> counterSites(List<StopPlace> seeds, Timetable timetable) {
    Map<String, TransitStop> stops = timetable.stopsById();
    Map<String, double[]> legMidpoints = new LinkedHashMap<>();
    for (ScheduledTrip trip : timetable.trips()) {
      for (int i = 1; i < trip.stops().size(); i++) {
        TransitStop from = stops.get(trip.stops().get(i - 1).stopId());
        TransitStop to = stops.get(trip.stops().get(i).stopId());
        double length =
            Wgs84.distanceMeters(from.latitude(), from.longitude(), to.latitude(), to.longitude());
        if (length >= 200 && length <= 1500) {
          legMidpoints.putIfAbsent(
              from.stopId() + ">" + to.stopId(),
              new double[] {
                (from.latitude() + to.latitude()) / 2, (from.longitude() + to.longitude()) / 2
              });
        }
      }
    }
    List<CounterSite> sites = new ArrayList<>();
    List<String> used = new ArrayList<>();
    for (StopPlace seed : seeds.subList(0, Math.min(COUNTER_SITES, seeds.size()))) {
      String best = null;
      double bestDistance = Double.MAX_VALUE;
      for (Map.Entry<String, double[]> leg : legMidpoints.entrySet()) {
        double d =
            Wgs84.distanceMeters(
                seed.latitude(), seed.longitude(), leg.getValue()[0], leg.getValue()[1]);
        if (d >= 150 && d < bestDistance && !used.contains(leg.getKey())) {
          best = leg.getKey();
          bestDistance = d;
        }
      }
      if (best != null) {
        used.add(best);
        double[] point = legMidpoints.get(best);
        sites.add(
            CounterSite.atPoint(
                String.format("CNT-%02d", sites.size() + 1),
                "Road near " + seed.name(),
                point[0],
                point[1]));
      }
    }
    return sites;
  }

  private static List<StationInformation> stations(List<StopPlace> seeds) {
    SplittableRandom random = new SplittableRandom(GEOMETRY_SEED);
    List<StationInformation> stations = new ArrayList<>();
    for (StopPlace seed : seeds.subList(0, Math.min(STATIONS, seeds.size()))) {
      double[] point =
          Wgs84.destination(
              seed.latitude(),
              seed.longitude(),
              random.nextDouble(360),
              60 + random.nextDouble(60));
      stations.add(
          new StationInformation(
              String.format("velo-%02d", stations.size() + 1),
              "Vélo " + seed.name(),
              point[0],
              point[1],
              12 + random.nextInt(12)));
    }
    return stations;
  }

  /** Maps the local plane (x = longitude * cos(mean latitude)) back to degrees. */
  private static final class Unscale extends GeometryTransformer {
    private final double xScale;

    Unscale(double xScale) {
      this.xScale = xScale;
    }

    @Override
    protected org.locationtech.jts.geom.CoordinateSequence transformCoordinates(
        org.locationtech.jts.geom.CoordinateSequence coordinates, Geometry parent) {
      var copy = coordinates.copy();
      for (int i = 0; i < copy.size(); i++) {
        copy.setOrdinate(i, 0, copy.getOrdinate(i, 0) / xScale);
      }
      return copy;
    }
  }
}
