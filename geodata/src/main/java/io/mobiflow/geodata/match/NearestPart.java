package io.mobiflow.geodata.match;

import io.mobiflow.geodata.geom.Wgs84;
import java.util.Optional;

/**
 * One snapping query: the position, its tangent plane, the heading filter, and the nearest part
 * offered so far. Both snappers offer parts to it, so they share the measurement and the tie rule
 * (the lower part index wins, whatever the order parts are offered in). Not thread-safe: one per
 * query.
 */
final class NearestPart {

  private final RoadParts parts;
  private final double latitude;
  private final double longitude;
  private final double metersPerDegreeLongitude;
  private final double direction;
  private final double maxDifference;
  private final double[] t = new double[1];
  private int best = -1;
  private double bestT;
  private double bestDistance;

  NearestPart(
      RoadParts parts,
      double latitude,
      double longitude,
      double radiusMeters,
      double heading,
      double maxDifference) {
    Wgs84.require(latitude, longitude);
    this.parts = parts;
    this.latitude = latitude;
    this.longitude = longitude;
    this.metersPerDegreeLongitude = RoadParts.metersPerDegreeLongitude(latitude);
    this.direction = RoadParts.normalize(heading);
    this.maxDifference = maxDifference;
    this.bestDistance = radiusMeters * radiusMeters;
  }

  /** Metres per degree of longitude at the position (zero at a pole). */
  double metersPerDegreeLongitude() {
    return metersPerDegreeLongitude;
  }

  /** Measures part p and keeps it if it heads right and is the nearest so far. */
  void offer(int p) {
    if (!parts.heads(p, direction, maxDifference)) {
      return;
    }
    double d = parts.squaredDistance(p, latitude, longitude, metersPerDegreeLongitude, t);
    if (d < bestDistance || (d == bestDistance && (best < 0 || p < best))) {
      best = p;
      bestT = t[0];
      bestDistance = d;
    }
  }

  /** The snap onto the nearest part offered, if any was within the radius. */
  Optional<RoadSnap> result() {
    return best < 0 ? Optional.empty() : parts.snap(best, bestT, bestDistance);
  }
}
