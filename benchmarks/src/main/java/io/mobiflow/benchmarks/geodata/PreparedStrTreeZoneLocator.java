package io.mobiflow.benchmarks.geodata;

import io.mobiflow.geodata.geom.Wgs84;
import io.mobiflow.geodata.locate.Zone;
import io.mobiflow.geodata.locate.ZoneLocator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * The JTS baseline a GIS developer would write: an STRtree of the zones' envelopes holding prepared
 * geometries, {@code covers} on each candidate, the first zone in order wins.
 */
public final class PreparedStrTreeZoneLocator implements ZoneLocator {

  private final List<Zone> zones;
  private final List<PreparedGeometry> prepared = new ArrayList<>();
  private final STRtree tree = new STRtree();

  public PreparedStrTreeZoneLocator(List<Zone> zones) {
    this.zones = List.copyOf(zones);
    for (int i = 0; i < this.zones.size(); i++) {
      prepared.add(PreparedGeometryFactory.prepare(this.zones.get(i).geometry()));
      tree.insert(this.zones.get(i).geometry().getEnvelopeInternal(), i);
    }
    tree.build();
  }

  @Override
  public Optional<Zone> findZone(double latitude, double longitude) {
    Point point = Wgs84.point(latitude, longitude);
    int[] best = {Integer.MAX_VALUE};
    tree.query(
        point.getEnvelopeInternal(),
        item -> {
          int index = (Integer) item;
          if (index < best[0] && prepared.get(index).covers(point)) {
            best[0] = index;
          }
        });
    return best[0] == Integer.MAX_VALUE ? Optional.empty() : Optional.of(zones.get(best[0]));
  }

  @Override
  public List<Zone> zonesCovering(double latitude, double longitude) {
    throw new UnsupportedOperationException("the benchmark measures findZone");
  }
}
