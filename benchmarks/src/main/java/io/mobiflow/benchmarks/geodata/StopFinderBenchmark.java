package io.mobiflow.benchmarks.geodata;

import io.mobiflow.geodata.geom.Wgs84;
import io.mobiflow.geodata.nearest.GridStopFinder;
import io.mobiflow.geodata.nearest.NearbyStop;
import io.mobiflow.geodata.nearest.StopFinder;
import io.mobiflow.geodata.nearest.StopLocation;
import io.mobiflow.geodata.synth.SyntheticStops;
import java.util.List;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The nearest stop within 500 m, among 50,000 stops (Île-de-France's order of magnitude); queries
 * are vehicle-like positions within 300 m of a stop.
 */
@State(Scope.Benchmark)
public class StopFinderBenchmark extends GeodataBenchmark {

  @Param({"JTS_STRTREE_NEAREST", "GRID"})
  public String finder;

  @Param({"1"})
  public int k;

  /** Grid resolution (GRID only). */
  @Param({"0.5"})
  public double stopsPerCell;

  private StopFinder index;
  private double[] latitudes;
  private double[] longitudes;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    List<StopLocation> stops =
        SyntheticStops.around(42, 50_000, CENTRE_LATITUDE, CENTRE_LONGITUDE, 60_000);
    index =
        finder.equals("GRID")
            ? new GridStopFinder(stops, stopsPerCell)
            : new StrTreeStopFinder(stops);
    SplittableRandom random = new SplittableRandom(7);
    latitudes = new double[QUERIES];
    longitudes = new double[QUERIES];
    for (int i = 0; i < QUERIES; i++) {
      StopLocation stop = stops.get(random.nextInt(stops.size()));
      double[] q =
          Wgs84.destination(
              stop.latitude(), stop.longitude(), random.nextDouble(360), random.nextDouble(300));
      latitudes[i] = q[0];
      longitudes[i] = q[1];
    }
  }

  @Benchmark
  public List<NearbyStop> nearest() {
    int i = next++ & (QUERIES - 1);
    return index.nearest(latitudes[i], longitudes[i], k, 500);
  }
}
