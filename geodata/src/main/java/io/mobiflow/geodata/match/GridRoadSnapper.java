package io.mobiflow.geodata.match;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The fast {@link RoadSnapper}: every part is listed in the cells of a latitude/longitude grid that
 * its bounding box overlaps; a query measures only the parts listed in the cells of its radius's
 * bounding box, with the same measurement as {@link SimpleRoadSnapper}, so the answers are equal.
 * Immutable and thread-safe.
 */
public final class GridRoadSnapper implements RoadSnapper {

  private static final double MARGIN_DEGREES = 1e-9;

  private final RoadParts parts;
  private final double minLat;
  private final double minLon;
  private final double cellDegrees;
  private final int columns;
  private final int rows;
  private final int[] cellStart;
  private final int[] cellParts;
  private final long buildNanos;

  /** Builds the grid with cells about {@code cellMeters} on a side (e.g. the usual radius). */
  public GridRoadSnapper(List<RoadSegment> segments, double cellMeters) {
    long started = System.nanoTime();
    this.parts = new RoadParts(segments);
    double loLat = Double.MAX_VALUE;
    double hiLat = -Double.MAX_VALUE;
    double loLon = Double.MAX_VALUE;
    double hiLon = -Double.MAX_VALUE;
    for (int p = 0; p < parts.count; p++) {
      loLat = Math.min(loLat, Math.min(parts.lat1[p], parts.lat2[p]));
      hiLat = Math.max(hiLat, Math.max(parts.lat1[p], parts.lat2[p]));
      loLon = Math.min(loLon, Math.min(parts.lon1[p], parts.lon2[p]));
      hiLon = Math.max(hiLon, Math.max(parts.lon1[p], parts.lon2[p]));
    }
    if (parts.count == 0) {
      loLat = hiLat = loLon = hiLon = 0;
    }
    this.minLat = loLat;
    this.minLon = loLon;
    this.cellDegrees = cellMeters / RoadParts.METERS_PER_DEGREE;
    this.columns = (int) Math.min(1 << 13, Math.ceil((hiLon - loLon) / cellDegrees) + 1);
    this.rows = (int) Math.min(1 << 13, Math.ceil((hiLat - loLat) / cellDegrees) + 1);

    // Two passes: count the cells of every part, then fill; parts stay ascending within a cell.
    int[] counts = new int[columns * rows + 1];
    forEachCell((p, cell) -> counts[cell + 1]++);
    for (int c = 0; c < columns * rows; c++) {
      counts[c + 1] += counts[c];
    }
    this.cellStart = counts;
    this.cellParts = new int[counts[columns * rows]];
    int[] next = Arrays.copyOf(counts, counts.length - 1);
    forEachCell((p, cell) -> cellParts[next[cell]++] = p);
    this.buildNanos = System.nanoTime() - started;
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
    double kx = nearest.metersPerDegreeLongitude();
    double dLat = radiusMeters / RoadParts.METERS_PER_DEGREE + MARGIN_DEGREES;
    double dLon = kx > 0 ? radiusMeters / kx + MARGIN_DEGREES : 360;
    int r0 = row(latitude - dLat);
    int r1 = row(latitude + dLat);
    int c0 = column(longitude - dLon);
    int c1 = column(longitude + dLon);
    for (int r = r0; r <= r1; r++) {
      for (int cell = r * columns + c0, last = r * columns + c1; cell <= last; cell++) {
        for (int e = cellStart[cell], end = cellStart[cell + 1]; e < end; e++) {
          nearest.offer(cellParts[e]); // a part listed in several cells is offered again: harmless
        }
      }
    }
    return nearest.result();
  }

  /** Time the constructor took, in nanoseconds. */
  public long buildNanos() {
    return buildNanos;
  }

  /** Bytes held by the index's arrays, parts included (the segment geometries excluded). */
  public long footprintBytes() {
    return 4L * (cellStart.length + cellParts.length + parts.count) + 8L * 7 * parts.count;
  }

  private void forEachCell(PartCell action) {
    for (int p = 0; p < parts.count; p++) {
      int r0 = row(Math.min(parts.lat1[p], parts.lat2[p]) - MARGIN_DEGREES);
      int r1 = row(Math.max(parts.lat1[p], parts.lat2[p]) + MARGIN_DEGREES);
      int c0 = column(Math.min(parts.lon1[p], parts.lon2[p]) - MARGIN_DEGREES);
      int c1 = column(Math.max(parts.lon1[p], parts.lon2[p]) + MARGIN_DEGREES);
      for (int r = r0; r <= r1; r++) {
        for (int c = c0; c <= c1; c++) {
          action.accept(p, r * columns + c);
        }
      }
    }
  }

  private int row(double latitude) {
    return Math.max(0, Math.min(rows - 1, (int) Math.floor((latitude - minLat) / cellDegrees)));
  }

  private int column(double longitude) {
    return Math.max(0, Math.min(columns - 1, (int) Math.floor((longitude - minLon) / cellDegrees)));
  }

  @FunctionalInterface
  private interface PartCell {
    void accept(int part, int cell);
  }
}
