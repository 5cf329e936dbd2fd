package io.mobiflow.geodata.locate;

import io.mobiflow.geodata.geom.Wgs84;
import io.mobiflow.geodata.util.DoubleList;
import io.mobiflow.geodata.util.IntList;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.locationtech.jts.algorithm.CGAlgorithmsDD;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;

/**
 * The fast {@link ZoneLocator}: a uniform grid over the zones, built once. Each cell lists, in zone
 * order, the zones it touches: a cell wholly inside a zone answers at once; a cell crossed by a
 * zone's boundary runs JTS's ray-crossing test (the algorithm behind {@code covers}, with the same
 * robust orientation predicate) on only the edges of that zone in the cell's grid row. Answers are
 * therefore exactly those of {@link SimpleZoneLocator}, points on edges and vertices included.
 *
 * <p>All state is in flat primitive arrays (no object per cell or per edge). Immutable and
 * thread-safe after construction; build it once per task, e.g. in {@code open()}.
 */
public final class GridZoneLocator implements ZoneLocator {

  /** Default number of grid cells per zone vertex. */
  public static final double DEFAULT_CELLS_PER_VERTEX = 4;

  private static final int MAX_CELLS = 1 << 24;

  /** Cells are classified with this much slack (in cells) so that rounding can only add work. */
  private static final double MARGIN = 1e-6;

  private final List<Zone> zones;
  private final double minX;
  private final double minY;
  private final double cellWidth;
  private final double cellHeight;
  private final int columns;
  private final int rows;

  /** Entries of cell c are cellStart[c] until cellStart[c + 1]. */
  private final int[] cellStart;

  /** Zone index of each entry. */
  private final int[] entryZone;

  /** Band of each entry (the zone's edges in the cell's row), or -1 when the cell is inside. */
  private final int[] entryBand;

  /** Edges of band b are bandStart[b] until bandStart[b + 1]. */
  private final int[] bandStart;

  /** Four doubles per edge: x1, y1, x2, y2. */
  private final double[] edges;

  private final long buildNanos;

  /** Builds the grid with {@link #DEFAULT_CELLS_PER_VERTEX}. */
  public GridZoneLocator(List<Zone> zones) {
    this(zones, DEFAULT_CELLS_PER_VERTEX);
  }

  /** Builds the grid with about {@code cellsPerVertex} cells per zone vertex (at most 16 M). */
  public GridZoneLocator(List<Zone> zones, double cellsPerVertex) {
    long started = System.nanoTime();
    this.zones = List.copyOf(zones);
    Envelope extent = new Envelope();
    long vertices = 0;
    for (Zone zone : this.zones) {
      extent.expandToInclude(zone.geometry().getEnvelopeInternal());
      vertices += zone.geometry().getNumPoints();
    }
    if (extent.isNull()) {
      extent.init(0, 1, 0, 1);
    }
    double width = Math.max(extent.getWidth(), 1e-9);
    double height = Math.max(extent.getHeight(), 1e-9);
    double targetCells = Math.min(MAX_CELLS, Math.max(1, vertices * cellsPerVertex));
    double side = Math.sqrt(width * height / targetCells);
    this.columns = (int) Math.max(1, Math.min(MAX_CELLS, Math.ceil(width / side)));
    this.rows = (int) Math.max(1, Math.min(MAX_CELLS / columns, Math.ceil(height / side)));
    this.minX = extent.getMinX();
    this.minY = extent.getMinY();
    this.cellWidth = width / columns;
    this.cellHeight = height / rows;

    Builder builder = new Builder();
    for (int z = 0; z < this.zones.size(); z++) {
      builder.addZone(z, this.zones.get(z).geometry());
    }
    this.cellStart = builder.cellStart();
    this.entryZone = builder.sortedEntries(builder.entryZone);
    this.entryBand = builder.sortedEntries(builder.entryBand);
    this.bandStart = builder.bandStart.toArray();
    this.edges = builder.edges.toArray();
    this.buildNanos = System.nanoTime() - started;
  }

  @Override
  public Optional<Zone> findZone(double latitude, double longitude) {
    Wgs84.require(latitude, longitude);
    int cell = cellOf(longitude, latitude);
    if (cell >= 0) {
      for (int e = cellStart[cell]; e < cellStart[cell + 1]; e++) {
        int band = entryBand[e];
        if (band < 0 || covers(band, longitude, latitude)) {
          return Optional.of(zones.get(entryZone[e]));
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public List<Zone> zonesCovering(double latitude, double longitude) {
    Wgs84.require(latitude, longitude);
    int cell = cellOf(longitude, latitude);
    if (cell < 0) {
      return List.of();
    }
    List<Zone> covering = new ArrayList<>(2);
    for (int e = cellStart[cell]; e < cellStart[cell + 1]; e++) {
      int band = entryBand[e];
      if (band < 0 || covers(band, longitude, latitude)) {
        covering.add(zones.get(entryZone[e]));
      }
    }
    return covering;
  }

  /** Time the constructor took, in nanoseconds. */
  public long buildNanos() {
    return buildNanos;
  }

  /** Bytes held by the index's arrays (the zones' own geometries excluded). */
  public long footprintBytes() {
    return 4L * (cellStart.length + entryZone.length + entryBand.length + bandStart.length)
        + 8L * edges.length;
  }

  /** Grid cells, columns times rows. */
  public int cellCount() {
    return columns * rows;
  }

  /** The cell of a point, or -1 outside the grid (which then lies outside every zone). */
  private int cellOf(double x, double y) {
    double fx = (x - minX) / cellWidth;
    double fy = (y - minY) / cellHeight;
    if (!(fx >= -MARGIN && fy >= -MARGIN && fx <= columns + MARGIN && fy <= rows + MARGIN)) {
      return -1;
    }
    // Same arithmetic as columnOf/rowOf, which placed the cells and edges.
    return clamp((int) fy, rows) * columns + clamp((int) fx, columns);
  }

  /** JTS {@code RayCrossingCounter} over the edges of one band: inside or on the boundary. */
  private boolean covers(int band, double px, double py) {
    int crossings = 0;
    for (int i = bandStart[band] * 4, end = bandStart[band + 1] * 4; i < end; i += 4) {
      double x1 = edges[i];
      double y1 = edges[i + 1];
      double x2 = edges[i + 2];
      double y2 = edges[i + 3];
      if (x1 < px && x2 < px) {
        continue;
      }
      if (px == x2 && py == y2) {
        return true;
      }
      if (y1 == py && y2 == py) {
        if (px >= Math.min(x1, x2) && px <= Math.max(x1, x2)) {
          return true;
        }
        continue;
      }
      if ((y1 > py && y2 <= py) || (y2 > py && y1 <= py)) {
        int orientation = CGAlgorithmsDD.orientationIndex(x1, y1, x2, y2, px, py);
        if (orientation == 0) {
          return true;
        }
        if (y2 < y1) {
          orientation = -orientation;
        }
        if (orientation > 0) {
          crossings++;
        }
      }
    }
    return (crossings & 1) == 1;
  }

  private int columnOf(double x) {
    return clamp((int) Math.floor((x - minX) / cellWidth), columns);
  }

  private int rowOf(double y) {
    return clamp((int) Math.floor((y - minY) / cellHeight), rows);
  }

  private static int clamp(int index, int size) {
    return Math.max(0, Math.min(size - 1, index));
  }

  /** Collects, zone by zone, the cells each zone touches and the edges of each (row, zone). */
  private final class Builder {
    final IntList entryCell = new IntList();
    final IntList entryZone = new IntList();
    final IntList entryBand = new IntList();
    final IntList bandStart = new IntList();
    final DoubleList edges = new DoubleList();
    private int[] order;

    Builder() {
      bandStart.add(0);
    }

    void addZone(int zone, Geometry geometry) {
      List<double[]> segments = segments(geometry);
      Envelope envelope = geometry.getEnvelopeInternal();
      int c0 = columnOf(envelope.getMinX() - MARGIN * cellWidth);
      int c1 = columnOf(envelope.getMaxX() + MARGIN * cellWidth);
      int r0 = rowOf(envelope.getMinY() - MARGIN * cellHeight);
      int r1 = rowOf(envelope.getMaxY() + MARGIN * cellHeight);
      int windowColumns = c1 - c0 + 1;
      boolean[] boundary = new boolean[windowColumns * (r1 - r0 + 1)];
      List<IntList> rowEdges = new ArrayList<>();
      for (int r = r0; r <= r1; r++) {
        rowEdges.add(new IntList());
      }
      for (int s = 0; s < segments.size(); s++) {
        double[] seg = segments.get(s);
        markCells(seg, boundary, c0, r0, windowColumns);
        // Rows are assigned with the same arithmetic as queries, so a query's row holds every
        // edge whose y-range contains the query's y.
        for (int r = rowOf(Math.min(seg[1], seg[3])); r <= rowOf(Math.max(seg[1], seg[3])); r++) {
          rowEdges.get(r - r0).add(s);
        }
      }
      int[] bandOfRow = new int[r1 - r0 + 1];
      java.util.Arrays.fill(bandOfRow, -1);
      IndexedPointInAreaLocator interior = new IndexedPointInAreaLocator(geometry);
      Coordinate centre = new Coordinate();
      for (int r = r0; r <= r1; r++) {
        for (int c = c0; c <= c1; c++) {
          int band;
          if (boundary[(r - r0) * windowColumns + (c - c0)]) {
            band = band(r - r0, bandOfRow, rowEdges, segments);
          } else {
            centre.x = minX + (c + 0.5) * cellWidth;
            centre.y = minY + (r + 0.5) * cellHeight;
            int location = interior.locate(centre);
            if (location == Location.EXTERIOR) {
              continue;
            }
            band = location == Location.INTERIOR ? -1 : band(r - r0, bandOfRow, rowEdges, segments);
          }
          entryCell.add(r * columns + c);
          entryZone.add(zone);
          entryBand.add(band);
        }
      }
    }

    private int band(int row, int[] bandOfRow, List<IntList> rowEdges, List<double[]> segments) {
      if (bandOfRow[row] < 0) {
        IntList ids = rowEdges.get(row);
        for (int i = 0; i < ids.size(); i++) {
          for (double v : segments.get(ids.get(i))) {
            edges.add(v);
          }
        }
        bandOfRow[row] = bandStart.size() - 1;
        bandStart.add(edges.size() / 4);
      }
      return bandOfRow[row];
    }

    /** Marks every window cell that the segment may touch, with slack against rounding. */
    private void markCells(double[] seg, boolean[] boundary, int c0, int r0, int windowColumns) {
      double x1 = seg[0];
      double y1 = seg[1];
      double x2 = seg[2];
      double y2 = seg[3];
      int rowLow = rowOf(Math.min(y1, y2) - MARGIN * cellHeight);
      int rowHigh = rowOf(Math.max(y1, y2) + MARGIN * cellHeight);
      for (int r = rowLow; r <= rowHigh; r++) {
        double bandLow = minY + r * cellHeight - MARGIN * cellHeight;
        double bandHigh = minY + (r + 1) * cellHeight + MARGIN * cellHeight;
        double xa;
        double xb;
        if (y1 == y2) {
          xa = Math.min(x1, x2);
          xb = Math.max(x1, x2);
        } else {
          double ta = clampUnit((bandLow - y1) / (y2 - y1));
          double tb = clampUnit((bandHigh - y1) / (y2 - y1));
          double xta = x1 + ta * (x2 - x1);
          double xtb = x1 + tb * (x2 - x1);
          xa = Math.min(xta, xtb);
          xb = Math.max(xta, xtb);
        }
        int colLow = columnOf(xa - MARGIN * cellWidth);
        int colHigh = columnOf(xb + MARGIN * cellWidth);
        for (int c = colLow; c <= colHigh; c++) {
          boundary[(r - r0) * windowColumns + (c - c0)] = true;
        }
      }
    }

    private static double clampUnit(double t) {
      return Math.max(0, Math.min(1, t));
    }

    private List<double[]> segments(Geometry geometry) {
      List<double[]> segments = new ArrayList<>();
      for (int p = 0; p < geometry.getNumGeometries(); p++) {
        Polygon polygon = (Polygon) geometry.getGeometryN(p);
        addRing(polygon.getExteriorRing(), segments);
        for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
          addRing(polygon.getInteriorRingN(h), segments);
        }
      }
      return segments;
    }

    private void addRing(LinearRing ring, List<double[]> segments) {
      Coordinate[] points = ring.getCoordinates();
      for (int i = 1; i < points.length; i++) {
        segments.add(new double[] {points[i - 1].x, points[i - 1].y, points[i].x, points[i].y});
      }
    }

    /** Counting sort of the entries by cell; stable, so zone order is kept within a cell. */
    int[] cellStart() {
      int[] start = new int[columns * rows + 1];
      for (int i = 0; i < entryCell.size(); i++) {
        start[entryCell.get(i) + 1]++;
      }
      for (int c = 0; c < columns * rows; c++) {
        start[c + 1] += start[c];
      }
      int[] next = java.util.Arrays.copyOf(start, start.length - 1);
      order = new int[entryCell.size()];
      for (int i = 0; i < entryCell.size(); i++) {
        order[next[entryCell.get(i)]++] = i;
      }
      return start;
    }

    int[] sortedEntries(IntList values) {
      int[] sorted = new int[order.length];
      for (int i = 0; i < order.length; i++) {
        sorted[i] = values.get(order[i]);
      }
      return sorted;
    }
  }
}
