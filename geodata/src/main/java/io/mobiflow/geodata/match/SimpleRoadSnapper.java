package io.mobiflow.geodata.match;

import io.mobiflow.geodata.geom.Wgs84;
import java.util.List;
import java.util.Optional;

/** The reference {@link RoadSnapper}: measures every part of every segment. */
public final class SimpleRoadSnapper implements RoadSnapper {

  private final RoadParts parts;

  public SimpleRoadSnapper(List<RoadSegment> segments) {
    this.parts = new RoadParts(segments);
  }

  @Override
  public Optional<RoadSnap> snap(
      double latitude,
      double longitude,
      double radiusMeters,
      double heading,
      double maxDifference) {
    Wgs84.require(latitude, longitude);
    double kx = RoadParts.metersPerDegreeLongitude(latitude);
    double direction = RoadParts.normalize(heading);
    double[] t = new double[1];
    int best = -1;
    double bestT = 0;
    double bestDistance = radiusMeters * radiusMeters;
    for (int p = 0; p < parts.count; p++) {
      if (!parts.heads(p, direction, maxDifference)) {
        continue;
      }
      double d = parts.squaredDistance(p, latitude, longitude, kx, t);
      if (d < bestDistance || (d == bestDistance && best < 0)) {
        best = p;
        bestT = t[0];
        bestDistance = d;
      }
    }
    return best < 0 ? Optional.empty() : parts.snap(best, bestT, bestDistance);
  }
}
