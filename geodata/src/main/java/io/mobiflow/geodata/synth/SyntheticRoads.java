package io.mobiflow.geodata.synth;

import io.mobiflow.geodata.geom.Wgs84;
import io.mobiflow.geodata.match.RoadSegment;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;

/**
 * Road segments like a street network's: polylines of 2 to 8 vertices, 30–150 m apart, turning
 * gently, their starts clustered towards the centre.
 */
public final class SyntheticRoads {

  private SyntheticRoads() {}

  /** {@code count} segments around (latitude, longitude), within about {@code spreadMeters}. */
  public static List<RoadSegment> around(
      long seed, int count, double latitude, double longitude, double spreadMeters) {
    SplittableRandom random = new SplittableRandom(seed);
    List<RoadSegment> segments = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      double[] at =
          Wgs84.destination(
              latitude,
              longitude,
              random.nextDouble(360),
              spreadMeters * Math.sqrt(random.nextDouble()));
      double heading = random.nextDouble(360);
      int points = 2 + random.nextInt(7);
      Coordinate[] line = new Coordinate[points];
      line[0] = new Coordinate(at[1], at[0]);
      for (int v = 1; v < points; v++) {
        heading += random.nextGaussian() * 15;
        at = Wgs84.destination(at[0], at[1], heading, 30 + random.nextDouble(120));
        line[v] = new Coordinate(at[1], at[0]);
      }
      segments.add(new RoadSegment("r" + i, Wgs84.GEOMETRY_FACTORY.createLineString(line)));
    }
    return segments;
  }
}
