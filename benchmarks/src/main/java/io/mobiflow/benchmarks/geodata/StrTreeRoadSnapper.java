package io.mobiflow.benchmarks.geodata;

import io.mobiflow.geodata.geom.Wgs84;
import io.mobiflow.geodata.match.RoadSegment;
import java.util.List;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * The JTS baseline: an STRtree of the segments' envelopes, queried with the radius's bounding box,
 * {@code LineString.distance} on each candidate (in degrees, longitudes scaled by the cosine of the
 * latitude), the nearest kept if within the radius. Returns the segment only: it does less than the
 * grid snapper, which also computes the offset and bearing.
 */
final class StrTreeRoadSnapper {

  private final STRtree tree = new STRtree();

  StrTreeRoadSnapper(List<RoadSegment> segments) {
    for (RoadSegment segment : segments) {
      tree.insert(segment.geometry().getEnvelopeInternal(), segment);
    }
    tree.build();
  }

  RoadSegment snap(double latitude, double longitude, double radiusMeters) {
    double metersPerDegree = Math.toRadians(Wgs84.EARTH_RADIUS_METERS);
    double dLat = radiusMeters / metersPerDegree;
    double dLon = dLat / Math.cos(Math.toRadians(latitude));
    Point point = Wgs84.point(latitude, longitude);
    RoadSegment[] best = {null};
    double[] bestDistance = {dLat};
    tree.query(
        new Envelope(longitude - dLon, longitude + dLon, latitude - dLat, latitude + dLat),
        item -> {
          RoadSegment segment = (RoadSegment) item;
          double d = segment.geometry().distance(point);
          if (d <= bestDistance[0]) {
            best[0] = segment;
            bestDistance[0] = d;
          }
        });
    return best[0];
  }
}
