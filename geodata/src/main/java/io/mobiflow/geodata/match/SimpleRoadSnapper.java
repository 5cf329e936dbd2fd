package io.mobiflow.geodata.match;

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
    NearestPart nearest =
        new NearestPart(parts, latitude, longitude, radiusMeters, heading, maxDifference);
    for (int p = 0; p < parts.count; p++) {
      nearest.offer(p);
    }
    return nearest.result();
  }
}
