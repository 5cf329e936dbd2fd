package io.mobiflow.geodata.nearest;

import io.mobiflow.geodata.geom.UnitSphere;
import io.mobiflow.geodata.geom.Wgs84;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The reference {@link StopFinder}: measures every stop, sorts those in range. */
public final class SimpleStopFinder implements StopFinder {

  private final List<StopLocation> stops;
  private final double[] vectors;

  public SimpleStopFinder(List<StopLocation> stops) {
    this.stops = List.copyOf(stops);
    this.vectors = new double[3 * this.stops.size()];
    for (int i = 0; i < this.stops.size(); i++) {
      UnitSphere.vector(
          this.stops.get(i).latitude(), this.stops.get(i).longitude(), vectors, 3 * i);
    }
  }

  @Override
  public List<NearbyStop> nearest(double latitude, double longitude, int k, double radiusMeters) {
    Wgs84.require(latitude, longitude);
    double[] q = new double[3];
    UnitSphere.vector(latitude, longitude, q, 0);
    double limit = UnitSphere.squaredChordOf(radiusMeters);
    record Candidate(int index, double squaredChord) {}
    List<Candidate> inRange = new ArrayList<>();
    for (int i = 0; i < stops.size(); i++) {
      double dx = vectors[3 * i] - q[0];
      double dy = vectors[3 * i + 1] - q[1];
      double dz = vectors[3 * i + 2] - q[2];
      double squaredChord = dx * dx + dy * dy + dz * dz;
      if (squaredChord <= limit) {
        inRange.add(new Candidate(i, squaredChord));
      }
    }
    inRange.sort(
        Comparator.comparingDouble(Candidate::squaredChord).thenComparingInt(Candidate::index));
    List<NearbyStop> result = new ArrayList<>();
    for (Candidate c : inRange.subList(0, Math.min(k, inRange.size()))) {
      result.add(new NearbyStop(stops.get(c.index()), UnitSphere.metersOf(c.squaredChord())));
    }
    return result;
  }
}
