package io.mobiflow.geodata.locate;

import io.mobiflow.geodata.geom.Wgs84;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * The reference {@link ZoneLocator}: a JTS {@link STRtree} over zone envelopes, then {@code
 * Geometry.covers} on each candidate. Plain JTS, no tricks; the oracle that faster locators are
 * tested against.
 *
 * <p>Immutable and thread-safe after construction (the tree is built eagerly in the constructor).
 */
public final class SimpleZoneLocator implements ZoneLocator {

  private final List<Zone> zones;
  private final STRtree tree = new STRtree();

  public SimpleZoneLocator(List<Zone> zones) {
    this.zones = List.copyOf(zones);
    for (int i = 0; i < this.zones.size(); i++) {
      Envelope envelope = this.zones.get(i).geometry().getEnvelopeInternal();
      tree.insert(envelope, i);
    }
    tree.build();
  }

  @Override
  public Optional<Zone> findZone(double latitude, double longitude) {
    List<Zone> covering = zonesCovering(latitude, longitude);
    return covering.isEmpty() ? Optional.empty() : Optional.of(covering.get(0));
  }

  @Override
  public List<Zone> zonesCovering(double latitude, double longitude) {
    Wgs84.require(latitude, longitude);
    Point point = Wgs84.point(latitude, longitude);
    List<Integer> candidates = new ArrayList<>();
    tree.query(
        point.getEnvelopeInternal(),
        item -> {
          int index = (Integer) item;
          if (zones.get(index).geometry().covers(point)) {
            candidates.add(index);
          }
        });
    candidates.sort(Comparator.naturalOrder());
    List<Zone> result = new ArrayList<>(candidates.size());
    for (int index : candidates) {
      result.add(zones.get(index));
    }
    return result;
  }
}
