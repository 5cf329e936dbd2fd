package io.mobiflow.geodata.geom;

import java.util.Optional;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * WGS84 (EPSG:4326) helpers. JTS coordinates are (x = longitude, y = latitude) in degrees.
 *
 * <p>Thread-safe: stateless apart from an immutable geometry factory.
 */
public final class Wgs84 {

  /** SRID 4326, floating precision. Geometry factories are immutable and shareable. */
  public static final GeometryFactory GEOMETRY_FACTORY =
      new GeometryFactory(new PrecisionModel(), 4326);

  /** Mean Earth radius (IUGG), in metres. */
  public static final double EARTH_RADIUS_METERS = 6_371_008.8;

  private Wgs84() {}

  /** The first problem found with a coordinate, or empty if it can be matched. */
  public static Optional<CoordinateProblem> check(double latitude, double longitude) {
    if (!Double.isFinite(latitude) || !Double.isFinite(longitude)) {
      return Optional.of(CoordinateProblem.NOT_FINITE);
    }
    if (latitude < -90 || latitude > 90) {
      return Optional.of(CoordinateProblem.LATITUDE_OUT_OF_RANGE);
    }
    if (longitude < -180 || longitude > 180) {
      return Optional.of(CoordinateProblem.LONGITUDE_OUT_OF_RANGE);
    }
    if (latitude == 0 && longitude == 0) {
      return Optional.of(CoordinateProblem.NULL_ISLAND);
    }
    return Optional.empty();
  }

  /**
   * Throws {@link InvalidCoordinateException}, naming the problem, if a coordinate is not
   * matchable. For the compact constructors of event records and the entry of every index.
   */
  public static void require(double latitude, double longitude) {
    // The common case (a valid coordinate) costs four comparisons and no allocation.
    if (latitude >= -90
        && latitude <= 90
        && longitude >= -180
        && longitude <= 180
        && (latitude != 0 || longitude != 0)) {
      return;
    }
    throw new InvalidCoordinateException(
        latitude, longitude, check(latitude, longitude).orElseThrow());
  }

  /** A JTS point at (longitude, latitude). */
  public static Point point(double latitude, double longitude) {
    return GEOMETRY_FACTORY.createPoint(new Coordinate(longitude, latitude));
  }

  /** Great-circle (haversine) distance in metres between two WGS84 points. */
  public static double distanceMeters(double lat1, double lon1, double lat2, double lon2) {
    double phi1 = Math.toRadians(lat1);
    double phi2 = Math.toRadians(lat2);
    double dPhi = phi2 - phi1;
    double dLambda = Math.toRadians(lon2 - lon1);
    double a =
        Math.sin(dPhi / 2) * Math.sin(dPhi / 2)
            + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) * Math.sin(dLambda / 2);
    return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(a)));
  }

  /**
   * The point reached from (lat, lon) after {@code distanceMeters} towards {@code bearingDegrees}
   * (clockwise from north), on a sphere. Returns {latitude, longitude}.
   */
  public static double[] destination(
      double latitude, double longitude, double bearingDegrees, double distanceMeters) {
    double delta = distanceMeters / EARTH_RADIUS_METERS;
    double theta = Math.toRadians(bearingDegrees);
    double phi1 = Math.toRadians(latitude);
    double lambda1 = Math.toRadians(longitude);
    double phi2 =
        Math.asin(
            Math.sin(phi1) * Math.cos(delta) + Math.cos(phi1) * Math.sin(delta) * Math.cos(theta));
    double lambda2 =
        lambda1
            + Math.atan2(
                Math.sin(theta) * Math.sin(delta) * Math.cos(phi1),
                Math.cos(delta) - Math.sin(phi1) * Math.sin(phi2));
    return new double[] {Math.toDegrees(phi2), Math.toDegrees(lambda2)};
  }
}
