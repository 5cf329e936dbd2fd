package io.mobiflow.geodata.locate;

import java.util.List;
import java.util.Optional;

/**
 * Finds the zones that contain a WGS84 point.
 *
 * <p>Boundary rule: a point lies in a zone when the zone's geometry {@link
 * org.locationtech.jts.geom.Geometry#covers covers} it, so points on an edge or vertex belong to
 * every zone sharing that edge. Where zones overlap, {@link #findZone} returns the one that comes
 * first in the order the zones were given; {@link #zonesCovering} returns all of them in that
 * order.
 *
 * <p>Coordinates that cannot be matched (NaN, out of range, null island) are refused with an {@link
 * io.mobiflow.geodata.geom.InvalidCoordinateException} naming the problem, never matched.
 * Implementations are immutable and thread-safe once built.
 */
public interface ZoneLocator {

  /** The first zone, in configuration order, covering the point. */
  Optional<Zone> findZone(double latitude, double longitude);

  /** All zones covering the point, in configuration order; empty when none does. */
  List<Zone> zonesCovering(double latitude, double longitude);
}
