package io.mobiflow.benchmarks.geodata;

import io.mobiflow.geodata.geom.Wgs84;
import io.mobiflow.geodata.match.GridRoadSnapper;
import io.mobiflow.geodata.match.RoadSegment;
import io.mobiflow.geodata.synth.SyntheticRoads;
import java.util.List;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Snapping GPS-like positions (within 40 m of a road vertex) to the nearest of 100,000 road
 * segments within 30 m.
 */
@State(Scope.Benchmark)
public class RoadSnapBenchmark extends GeodataBenchmark {

  @Param({"JTS_STRTREE", "GRID"})
  public String snapper;

  private StrTreeRoadSnapper baseline;
  private GridRoadSnapper grid;
  private double[] latitudes;
  private double[] longitudes;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    List<RoadSegment> roads =
        SyntheticRoads.around(42, 100_000, CENTRE_LATITUDE, CENTRE_LONGITUDE, 40_000);
    if (snapper.equals("GRID")) {
      grid = new GridRoadSnapper(roads, 60);
    } else {
      baseline = new StrTreeRoadSnapper(roads);
    }
    SplittableRandom random = new SplittableRandom(7);
    latitudes = new double[QUERIES];
    longitudes = new double[QUERIES];
    for (int i = 0; i < QUERIES; i++) {
      RoadSegment road = roads.get(random.nextInt(roads.size()));
      Coordinate v = road.geometry().getCoordinateN(random.nextInt(road.geometry().getNumPoints()));
      double[] q = Wgs84.destination(v.y, v.x, random.nextDouble(360), random.nextDouble(40));
      latitudes[i] = q[0];
      longitudes[i] = q[1];
    }
  }

  @Benchmark
  public Object snap() {
    int i = next++ & (QUERIES - 1);
    return grid != null
        ? grid.snap(latitudes[i], longitudes[i], 30)
        : baseline.snap(latitudes[i], longitudes[i], 30);
  }
}
