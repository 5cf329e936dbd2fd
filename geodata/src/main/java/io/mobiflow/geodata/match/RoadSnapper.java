package io.mobiflow.geodata.match;

import java.util.Optional;

/**
 * Snaps WGS84 positions to the nearest road segment within a radius.
 *
 * <p>Distances are measured in the local tangent plane at the position (equirectangular, metres):
 * exact enough for radii of a few hundred metres at any latitude. Segments are directed; with a
 * heading, only parts whose direction is within the given difference qualify. Ties go to the
 * segment given first, then the part nearer its start. Invalid coordinates are refused with an
 * {@link io.mobiflow.geodata.geom.InvalidCoordinateException}. Implementations are immutable and
 * thread-safe.
 */
public interface RoadSnapper {

  /** The nearest segment within {@code radiusMeters}, whatever its direction. */
  default Optional<RoadSnap> snap(double latitude, double longitude, double radiusMeters) {
    return snap(latitude, longitude, radiusMeters, 0, 180);
  }

  /**
   * The nearest segment within {@code radiusMeters} whose direction differs from {@code
   * headingDegrees} by at most {@code maxHeadingDifferenceDegrees} (180 accepts any direction).
   */
  Optional<RoadSnap> snap(
      double latitude,
      double longitude,
      double radiusMeters,
      double headingDegrees,
      double maxHeadingDifferenceDegrees);
}
