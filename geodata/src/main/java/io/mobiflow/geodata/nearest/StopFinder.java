package io.mobiflow.geodata.nearest;

import java.util.List;

/**
 * Finds the stops nearest to a WGS84 point.
 *
 * <p>Distances are great-circle distances on the mean Earth sphere ({@link
 * io.mobiflow.geodata.geom.UnitSphere}): correct at any latitude, antimeridian excluded (indexes
 * cover one local area). A stop exactly at the radius is included. Ties in distance go to the stop
 * given first. Invalid coordinates are refused with an {@link
 * io.mobiflow.geodata.geom.InvalidCoordinateException}. Implementations are immutable and
 * thread-safe.
 */
public interface StopFinder {

  /** At most {@code k} stops within {@code radiusMeters}, nearest first. */
  List<NearbyStop> nearest(double latitude, double longitude, int k, double radiusMeters);
}
