package io.mobiflow.geodata.synth;

import io.mobiflow.geodata.geom.Wgs84;
import io.mobiflow.geodata.nearest.StopLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Stops as a transit network places them: dense along lines in town centres, sparse outside. Each
 * stop lies 150–600 m after the previous one of its line; lines start near random hubs.
 */
public final class SyntheticStops {

  private SyntheticStops() {}

  /** {@code count} stops around (latitude, longitude), within about {@code spreadMeters}. */
  public static List<StopLocation> around(
      long seed, int count, double latitude, double longitude, double spreadMeters) {
    SplittableRandom random = new SplittableRandom(seed);
    List<StopLocation> stops = new ArrayList<>(count);
    double[] at = null;
    double heading = 0;
    for (int i = 0; i < count; i++) {
      if (i % 25 == 0) { // a new line from a hub: hubs cluster towards the centre
        double r = spreadMeters * Math.pow(random.nextDouble(), 2);
        at = Wgs84.destination(latitude, longitude, random.nextDouble(360), r);
        heading = random.nextDouble(360);
      } else {
        heading += random.nextGaussian() * 25;
        at = Wgs84.destination(at[0], at[1], heading, 150 + random.nextDouble(450));
      }
      stops.add(new StopLocation("s" + i, at[0], at[1]));
    }
    return stops;
  }
}
