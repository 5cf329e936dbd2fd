package io.mobiflow.geodata.nearest;

import io.mobiflow.geodata.geom.UnitSphere;
import io.mobiflow.geodata.geom.Wgs84;
import java.util.ArrayList;
import java.util.List;

/**
 * The fast {@link StopFinder}: stops bucketed in a latitude/longitude grid (two cells per stop by
 * default), each with its unit vector. A query visits rings of cells around its own, within the
 * radius's exact bounding box on the sphere, compares squared chords, keeps the k best in a small
 * insertion-sorted buffer, and stops once the next ring is farther than the k-th best. Answers
 * equal {@link SimpleStopFinder}'s: same distances, same ties.
 *
 * <p>Immutable and thread-safe; a query allocates only its result.
 */
public final class GridStopFinder implements StopFinder {

  /** Default average number of stops per grid cell. */
  public static final double DEFAULT_STOPS_PER_CELL = 0.5;

  private static final double MARGIN_DEGREES = 1e-9;

  private final List<StopLocation> stops;
  private final double minLat;
  private final double minLon;
  private final double cellDegrees;
  private final int columns;
  private final int rows;
  private final int[] cellStart;

  /** Stop indexes, bucketed by cell, ascending within a cell. */
  private final int[] cellStops;

  /**
   * Unit vectors, three doubles per entry of cellStops (copied so a scan reads memory in order).
   */
  private final double[] cellVectors;

  /**
   * A lower bound of the great-circle width of one cell anywhere in the grid (its east-west side at
   * the latitude farthest from the equator, with 1 % to spare).
   */
  private final double minCellMeters;

  private final long buildNanos;

  /** Builds the grid with {@link #DEFAULT_STOPS_PER_CELL}. */
  public GridStopFinder(List<StopLocation> stops) {
    this(stops, DEFAULT_STOPS_PER_CELL);
  }

  /** Builds the grid with about {@code stopsPerCell} stops per cell on average. */
  public GridStopFinder(List<StopLocation> stops, double stopsPerCell) {
    long started = System.nanoTime();
    this.stops = List.copyOf(stops);
    double loLat = Double.MAX_VALUE;
    double hiLat = -Double.MAX_VALUE;
    double loLon = Double.MAX_VALUE;
    double hiLon = -Double.MAX_VALUE;
    for (StopLocation s : this.stops) {
      loLat = Math.min(loLat, s.latitude());
      hiLat = Math.max(hiLat, s.latitude());
      loLon = Math.min(loLon, s.longitude());
      hiLon = Math.max(hiLon, s.longitude());
    }
    if (this.stops.isEmpty()) {
      loLat = hiLat = loLon = hiLon = 0;
    }
    double width = Math.max(hiLon - loLon, 1e-6);
    double height = Math.max(hiLat - loLat, 1e-6);
    double cells = Math.max(1, this.stops.size() / stopsPerCell);
    this.cellDegrees = Math.sqrt(width * height / cells);
    this.minLat = loLat;
    this.minLon = loLon;
    this.columns = (int) Math.min(1 << 14, Math.ceil(width / cellDegrees) + 1);
    this.rows = (int) Math.min(1 << 14, Math.ceil(height / cellDegrees) + 1);
    double maxAbsLatitude =
        Math.min(90, Math.max(Math.abs(loLat), Math.abs(loLat + rows * cellDegrees)));
    this.minCellMeters =
        0.99
            * Math.toRadians(cellDegrees)
            * Wgs84.EARTH_RADIUS_METERS
            * Math.cos(Math.toRadians(maxAbsLatitude));

    this.cellStart = new int[columns * rows + 1];
    int[] cellOfStop = new int[this.stops.size()];
    for (int i = 0; i < this.stops.size(); i++) {
      cellOfStop[i] =
          row(this.stops.get(i).latitude()) * columns + column(this.stops.get(i).longitude());
      cellStart[cellOfStop[i] + 1]++;
    }
    for (int c = 0; c < columns * rows; c++) {
      cellStart[c + 1] += cellStart[c];
    }
    int[] next = java.util.Arrays.copyOf(cellStart, cellStart.length - 1);
    this.cellStops = new int[this.stops.size()];
    this.cellVectors = new double[3 * this.stops.size()];
    for (int i = 0; i < this.stops.size(); i++) {
      int slot = next[cellOfStop[i]]++;
      cellStops[slot] = i;
      UnitSphere.vector(
          this.stops.get(i).latitude(), this.stops.get(i).longitude(), cellVectors, 3 * slot);
    }
    this.buildNanos = System.nanoTime() - started;
  }

  @Override
  public List<NearbyStop> nearest(double latitude, double longitude, int k, double radiusMeters) {
    Wgs84.require(latitude, longitude);
    if (k <= 0 || stops.isEmpty()) {
      return List.of();
    }
    double[] q = new double[3];
    UnitSphere.vector(latitude, longitude, q, 0);
    double q0 = q[0];
    double q1 = q[1];
    double q2 = q[2];
    double limit = UnitSphere.squaredChordOf(radiusMeters);

    // The exact bounding box of a spherical cap (Matuschek), widened against rounding.
    double delta = Math.min(Math.PI, radiusMeters / Wgs84.EARTH_RADIUS_METERS);
    double latLow = latitude - Math.toDegrees(delta) - MARGIN_DEGREES;
    double latHigh = latitude + Math.toDegrees(delta) + MARGIN_DEGREES;
    double lonLow;
    double lonHigh;
    double sinRatio = Math.sin(delta) / Math.cos(Math.toRadians(latitude));
    if (latLow <= -90 || latHigh >= 90 || sinRatio >= 1 || delta >= Math.PI / 2) {
      lonLow = -180;
      lonHigh = 180;
    } else {
      double dLon = Math.toDegrees(Math.asin(sinRatio));
      lonLow = longitude - dLon - MARGIN_DEGREES;
      lonHigh = longitude + dLon + MARGIN_DEGREES;
    }
    int r0 = row(latLow);
    int r1 = row(latHigh);
    int c0 = column(lonLow);
    int c1 = column(lonHigh);
    int qr = row(latitude);
    int qc = column(longitude);

    // Rings of cells around the query's cell, nearest first, within the radius's box; stop once
    // the next ring cannot hold anything nearer than the k-th stop found.
    int[] best = new int[k];
    double[] bestChord = new double[k];
    int found = 0;
    // The ring bound takes a cell's east-west side as a great-circle length: within 1 % for the
    // longitude spans of radii up to 100 km; larger searches scan their whole box.
    boolean earlyExit = radiusMeters <= 100_000;
    int rings = Math.max(Math.max(qr - r0, r1 - qr), Math.max(qc - c0, c1 - qc));
    for (int ring = 0; ring <= rings; ring++) {
      // Every cell of this ring is at least (ring - 1) cells away from the query point.
      double nearest = ring == 0 ? 0 : (ring - 1) * minCellMeters;
      if (found == k && earlyExit && UnitSphere.squaredChordOf(nearest) > bestChord[k - 1]) {
        break;
      }
      for (int r = Math.max(r0, qr - ring); r <= Math.min(r1, qr + ring); r++) {
        boolean edgeRow = r == qr - ring || r == qr + ring;
        int step = edgeRow || ring == 0 ? 1 : 2 * ring; // inner rows: the ring's two end cells
        for (int c = qc - ring; c <= qc + ring; c += step) {
          if (c >= c0 && c <= c1) {
            found = scan(r * columns + c, q0, q1, q2, limit, k, best, bestChord, found);
          }
        }
      }
    }
    List<NearbyStop> result = new ArrayList<>(found);
    for (int i = 0; i < found; i++) {
      result.add(new NearbyStop(stops.get(best[i]), UnitSphere.metersOf(bestChord[i])));
    }
    return result;
  }

  /** Offers the stops of one cell to the k-best buffer; returns how many it now holds. */
  private int scan(
      int cell,
      double q0,
      double q1,
      double q2,
      double limit,
      int k,
      int[] best,
      double[] bestChord,
      int found) {
    for (int e = cellStart[cell], end = cellStart[cell + 1]; e < end; e++) {
      double dx = cellVectors[3 * e] - q0;
      double dy = cellVectors[3 * e + 1] - q1;
      double dz = cellVectors[3 * e + 2] - q2;
      double d = dx * dx + dy * dy + dz * dz;
      if (d > limit || (found == k && !before(d, cellStops[e], bestChord[k - 1], best[k - 1]))) {
        continue;
      }
      int at = found < k ? found++ : k - 1;
      while (at > 0 && before(d, cellStops[e], bestChord[at - 1], best[at - 1])) {
        best[at] = best[at - 1];
        bestChord[at] = bestChord[at - 1];
        at--;
      }
      best[at] = cellStops[e];
      bestChord[at] = d;
    }
    return found;
  }

  /** Time the constructor took, in nanoseconds. */
  public long buildNanos() {
    return buildNanos;
  }

  /** Bytes held by the index's arrays (the stop records excluded). */
  public long footprintBytes() {
    return 4L * (cellStart.length + cellStops.length) + 8L * cellVectors.length;
  }

  private static boolean before(double chord, int index, double otherChord, int otherIndex) {
    return chord < otherChord || (chord == otherChord && index < otherIndex);
  }

  private int row(double latitude) {
    return Math.max(0, Math.min(rows - 1, (int) Math.floor((latitude - minLat) / cellDegrees)));
  }

  private int column(double longitude) {
    return Math.max(0, Math.min(columns - 1, (int) Math.floor((longitude - minLon) / cellDegrees)));
  }
}
