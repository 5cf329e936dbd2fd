package io.mobiflow.benchmarks.geodata;

import io.mobiflow.geodata.locate.GridZoneLocator;
import io.mobiflow.geodata.locate.Zone;
import io.mobiflow.geodata.match.GridRoadSnapper;
import io.mobiflow.geodata.match.RoadSegment;
import io.mobiflow.geodata.nearest.GridStopFinder;
import io.mobiflow.geodata.nearest.StopLocation;
import io.mobiflow.geodata.synth.SyntheticRoads;
import io.mobiflow.geodata.synth.SyntheticStops;
import io.mobiflow.geodata.synth.SyntheticZones;
import java.util.List;
import org.locationtech.jts.geom.Envelope;

/**
 * Prints the build time and the memory of each fast index on the benchmarks' data sets, per zone
 * vertex, per stop and per road part. Build times are the best of five builds (the first ones warm
 * the JIT up). Run: {@code java -cp ... io.mobiflow.benchmarks.geodata.IndexFootprint}.
 */
public final class IndexFootprint {

  private IndexFootprint() {}

  public static void main(String[] args) {
    List<Zone> zones = SyntheticZones.tiling(42, 1_000, new Envelope(1.55, 3.35, 48.15, 49.35), 40);
    long vertices = zones.stream().mapToLong(z -> z.geometry().getNumPoints()).sum();
    GridZoneLocator locator = null;
    long zoneNanos = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      locator = new GridZoneLocator(zones);
      zoneNanos = Math.min(zoneNanos, locator.buildNanos());
    }
    print(
        "GridZoneLocator",
        zones.size() + " zones, " + vertices + " vertices",
        zoneNanos,
        locator.footprintBytes(),
        vertices,
        "vertex");

    List<StopLocation> stops =
        SyntheticStops.around(
            42,
            50_000,
            GeodataBenchmark.CENTRE_LATITUDE,
            GeodataBenchmark.CENTRE_LONGITUDE,
            60_000);
    GridStopFinder finder = null;
    long stopNanos = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      finder = new GridStopFinder(stops);
      stopNanos = Math.min(stopNanos, finder.buildNanos());
    }
    print(
        "GridStopFinder",
        stops.size() + " stops",
        stopNanos,
        finder.footprintBytes(),
        stops.size(),
        "stop");

    List<RoadSegment> roads =
        SyntheticRoads.around(
            42,
            100_000,
            GeodataBenchmark.CENTRE_LATITUDE,
            GeodataBenchmark.CENTRE_LONGITUDE,
            40_000);
    long parts = roads.stream().mapToLong(r -> r.geometry().getNumPoints() - 1).sum();
    GridRoadSnapper snapper = null;
    long roadNanos = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      snapper = new GridRoadSnapper(roads, 60);
      roadNanos = Math.min(roadNanos, snapper.buildNanos());
    }
    print(
        "GridRoadSnapper",
        roads.size() + " segments, " + parts + " parts",
        roadNanos,
        snapper.footprintBytes(),
        parts,
        "part");
  }

  private static void print(
      String index, String data, long nanos, long bytes, long units, String unit) {
    System.out.printf(
        "| %s | %s | %.0f ms | %.1f MB | %.1f bytes per %s |%n",
        index, data, nanos / 1e6, bytes / 1e6, (double) bytes / units, unit);
  }
}
