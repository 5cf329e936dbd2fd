package io.mobiflow.geodata.match;

import io.mobiflow.geodata.geom.Wgs84;
import java.util.List;
import java.util.Optional;
import org.locationtech.jts.geom.Coordinate;

/**
 * The parts (consecutive vertex pairs) of a road network in flat arrays, with what is known at load
 * time: offset of each part's start along its segment, length and bearing. It also holds the one
 * measurement both snappers use, so they agree to the bit. Immutable.
 */
final class RoadParts {

  /** Metres per degree of latitude on the mean sphere. */
  static final double METERS_PER_DEGREE = Math.toRadians(Wgs84.EARTH_RADIUS_METERS);

  final List<RoadSegment> segments;
  final int count;
  final int[] segment;
  final double[] lat1;
  final double[] lon1;
  final double[] lat2;
  final double[] lon2;
  final double[] startOffset;
  final double[] length;
  final double[] bearing;

  RoadParts(List<RoadSegment> segments) {
    this.segments = List.copyOf(segments);
    int parts = 0;
    for (RoadSegment s : this.segments) {
      parts += s.geometry().getNumPoints() - 1;
    }
    count = parts;
    segment = new int[parts];
    lat1 = new double[parts];
    lon1 = new double[parts];
    lat2 = new double[parts];
    lon2 = new double[parts];
    startOffset = new double[parts];
    length = new double[parts];
    bearing = new double[parts];
    int p = 0;
    for (int s = 0; s < this.segments.size(); s++) {
      Coordinate[] points = this.segments.get(s).geometry().getCoordinates();
      double offset = 0;
      for (int i = 1; i < points.length; i++, p++) {
        segment[p] = s;
        lat1[p] = points[i - 1].y;
        lon1[p] = points[i - 1].x;
        lat2[p] = points[i].y;
        lon2[p] = points[i].x;
        startOffset[p] = offset;
        length[p] = Wgs84.distanceMeters(lat1[p], lon1[p], lat2[p], lon2[p]);
        bearing[p] = initialBearing(lat1[p], lon1[p], lat2[p], lon2[p]);
        offset += length[p];
      }
    }
  }

  /**
   * Whether part p's direction is within {@code maxDifference} degrees of {@code heading}, which
   * must be {@link #normalize normalized}.
   */
  boolean heads(int p, double heading, double maxDifference) {
    if (maxDifference >= 180) {
      return true;
    }
    double difference = Math.abs(bearing[p] - heading); // both in [0, 360)
    return Math.min(difference, 360 - difference) <= maxDifference;
  }

  /** A heading in [0, 360). */
  static double normalize(double heading) {
    double h = heading % 360;
    return h < 0 ? h + 360 : h;
  }

  /**
   * Squared distance in metres from the query to part p, in the query's tangent plane; writes the
   * position along the part (0..1) into {@code t[0]}.
   */
  double squaredDistance(
      int p, double latitude, double longitude, double metersPerDegreeLon, double[] t) {
    double ax = (lon1[p] - longitude) * metersPerDegreeLon;
    double ay = (lat1[p] - latitude) * METERS_PER_DEGREE;
    double dx = (lon2[p] - longitude) * metersPerDegreeLon - ax;
    double dy = (lat2[p] - latitude) * METERS_PER_DEGREE - ay;
    double squaredLength = dx * dx + dy * dy;
    double along = squaredLength == 0 ? 0 : -(ax * dx + ay * dy) / squaredLength;
    along = Math.max(0, Math.min(1, along));
    t[0] = along;
    double px = ax + along * dx;
    double py = ay + along * dy;
    return px * px + py * py;
  }

  /** The snap onto part p at position {@code t}. */
  Optional<RoadSnap> snap(int p, double t, double squaredDistance) {
    return Optional.of(
        new RoadSnap(
            segments.get(segment[p]),
            Math.sqrt(squaredDistance),
            startOffset[p] + t * length[p],
            bearing[p],
            lat1[p] + t * (lat2[p] - lat1[p]),
            lon1[p] + t * (lon2[p] - lon1[p])));
  }

  static double metersPerDegreeLongitude(double latitude) {
    return METERS_PER_DEGREE * Math.cos(Math.toRadians(latitude));
  }

  private static double initialBearing(double lat1, double lon1, double lat2, double lon2) {
    double phi1 = Math.toRadians(lat1);
    double phi2 = Math.toRadians(lat2);
    double dLambda = Math.toRadians(lon2 - lon1);
    double y = Math.sin(dLambda) * Math.cos(phi2);
    double x =
        Math.cos(phi1) * Math.sin(phi2) - Math.sin(phi1) * Math.cos(phi2) * Math.cos(dLambda);
    return (Math.toDegrees(Math.atan2(y, x)) + 360) % 360;
  }
}
