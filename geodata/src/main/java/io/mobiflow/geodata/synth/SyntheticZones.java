package io.mobiflow.geodata.synth;

import io.mobiflow.geodata.geom.Wgs84;
import io.mobiflow.geodata.locate.Zone;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.locationtech.jts.densify.Densifier;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.util.GeometryTransformer;
import org.locationtech.jts.triangulate.VoronoiDiagramBuilder;

/**
 * Zones like districts: Voronoi cells of seeded random sites, densified and with every vertex moved
 * by a pseudo-random offset that depends only on the vertex itself. Neighbours therefore keep
 * sharing their (now irregular) boundary exactly, as real district files do, and vertex counts are
 * realistic (about 4 × {@code verticesPerEdge} + 4 per zone).
 */
public final class SyntheticZones {

  private SyntheticZones() {}

  /**
   * {@code count} zones tiling {@code area} (degrees).
   *
   * @param verticesPerEdge vertices added along each Voronoi edge (0 keeps straight edges)
   */
  public static List<Zone> tiling(long seed, int count, Envelope area, int verticesPerEdge) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Coordinate> sites = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      sites.add(
          new Coordinate(
              area.getMinX() + random.nextDouble() * area.getWidth(),
              area.getMinY() + random.nextDouble() * area.getHeight()));
    }
    VoronoiDiagramBuilder voronoi = new VoronoiDiagramBuilder();
    voronoi.setSites(sites);
    voronoi.setClipEnvelope(area);
    GeometryCollection cells = (GeometryCollection) voronoi.getDiagram(Wgs84.GEOMETRY_FACTORY);
    Geometry frame = Wgs84.GEOMETRY_FACTORY.toGeometry(area);
    double typicalEdge = Math.sqrt(area.getArea() / count) / 3;
    double spacing = typicalEdge / (verticesPerEdge + 1);
    Jitter jitter = new Jitter(seed, spacing * 0.2);
    List<Zone> zones = new ArrayList<>();
    for (int i = 0; i < cells.getNumGeometries(); i++) {
      Geometry cell = cells.getGeometryN(i).intersection(frame);
      Geometry shaped =
          verticesPerEdge == 0 ? cell : jitter.transform(Densifier.densify(cell, spacing));
      if (!shaped.isValid()) {
        shaped = cell; // rare: the jitter folded a short edge; keep the straight cell
      }
      shaped.setSRID(4326);
      zones.add(new Zone("z" + i, "synthetic zone " + i, shaped));
    }
    return zones;
  }

  /** Moves each vertex by an offset that is a pure function of its coordinates and the seed. */
  private static final class Jitter extends GeometryTransformer {
    private static final double GRID = 1e9;
    private final long seed;
    private final double amplitude;

    Jitter(long seed, double amplitude) {
      this.seed = seed;
      this.amplitude = amplitude;
    }

    @Override
    protected CoordinateSequence transformCoordinates(
        CoordinateSequence coordinates, Geometry parent) {
      CoordinateSequence copy = coordinates.copy();
      for (int i = 0; i < copy.size(); i++) {
        double x = copy.getX(i);
        double y = copy.getY(i);
        SplittableRandom random =
            new SplittableRandom(
                seed ^ Double.doubleToLongBits(x) * 31 ^ Double.doubleToLongBits(y));
        copy.setOrdinate(i, 0, x + (random.nextDouble() - 0.5) * 2 * amplitude);
        copy.setOrdinate(i, 1, y + (random.nextDouble() - 0.5) * 2 * amplitude);
      }
      return copy;
    }
  }
}
