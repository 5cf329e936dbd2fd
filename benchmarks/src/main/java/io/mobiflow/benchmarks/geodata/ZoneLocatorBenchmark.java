package io.mobiflow.benchmarks.geodata;

import io.mobiflow.geodata.geom.Wgs84;
import io.mobiflow.geodata.locate.GridZoneLocator;
import io.mobiflow.geodata.locate.Zone;
import io.mobiflow.geodata.locate.ZoneLocator;
import io.mobiflow.geodata.synth.SyntheticZones;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Point → zone over 1,000 irregular district-like zones (about 500 vertices each) tiling
 * Île-de-France; a third of the query points lie within 20 m of a zone boundary.
 */
@State(Scope.Benchmark)
public class ZoneLocatorBenchmark extends GeodataBenchmark {

  @Param({"JTS_STRTREE_PREPARED", "GRID"})
  public String locator;

  /** Grid resolution (GRID only). */
  @Param({"4"})
  public double cellsPerVertex;

  private ZoneLocator index;
  private double[] latitudes;
  private double[] longitudes;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    Envelope area = new Envelope(1.55, 3.35, 48.15, 49.35);
    List<Zone> zones = SyntheticZones.tiling(42, 1_000, area, 40);
    index =
        locator.equals("GRID")
            ? new GridZoneLocator(zones, cellsPerVertex)
            : new PreparedStrTreeZoneLocator(zones);
    SplittableRandom random = new SplittableRandom(7);
    latitudes = new double[QUERIES];
    longitudes = new double[QUERIES];
    for (int i = 0; i < QUERIES; i++) {
      if (i % 3 == 0) {
        Zone zone = zones.get(random.nextInt(zones.size()));
        Coordinate[] ring = zone.geometry().getCoordinates();
        Coordinate vertex = ring[random.nextInt(ring.length)];
        double[] near =
            Wgs84.destination(vertex.y, vertex.x, random.nextDouble(360), random.nextDouble(20));
        latitudes[i] = near[0];
        longitudes[i] = near[1];
      } else {
        latitudes[i] = area.getMinY() + random.nextDouble() * area.getHeight();
        longitudes[i] = area.getMinX() + random.nextDouble() * area.getWidth();
      }
    }
  }

  @Benchmark
  public Optional<Zone> findZone() {
    int i = next++ & (QUERIES - 1);
    return index.findZone(latitudes[i], longitudes[i]);
  }
}
