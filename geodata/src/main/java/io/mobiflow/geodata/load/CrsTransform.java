package io.mobiflow.geodata.load;

import io.mobiflow.geodata.geom.Wgs84;
import java.io.IOException;
import java.util.Locale;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.util.GeometryTransformer;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;
import org.locationtech.proj4j.UnknownAuthorityCodeException;

/**
 * Reprojects geometries from an EPSG coordinate reference system to WGS84 (x = longitude, y =
 * latitude), with proj4j and its EPSG database. Not thread-safe (proj4j transforms keep state): use
 * one per loader.
 */
public final class CrsTransform {

  private final int epsg;
  private final CoordinateTransform transform;

  private CrsTransform(int epsg, CoordinateTransform transform) {
    this.epsg = epsg;
    this.transform = transform;
  }

  /** A transform from EPSG:{@code epsg} to WGS84; null-op transforms are allowed for 4326. */
  public static CrsTransform fromEpsg(int epsg) throws IOException {
    CRSFactory factory = new CRSFactory();
    try {
      CoordinateReferenceSystem source = factory.createFromName("EPSG:" + epsg);
      CoordinateReferenceSystem target = factory.createFromName("EPSG:4326");
      return new CrsTransform(
          epsg, new CoordinateTransformFactory().createTransform(source, target));
    } catch (UnknownAuthorityCodeException | IllegalStateException e) {
      throw new IOException("unknown coordinate reference system EPSG:" + epsg);
    }
  }

  /**
   * The EPSG code named by a CRS identifier as GeoJSON (2008) and OGC write them: {@code
   * EPSG:2154}, {@code urn:ogc:def:crs:EPSG::2154}, {@code
   * http://www.opengis.net/def/crs/EPSG/0/2154}; {@code urn:ogc:def:crs:OGC:1.3:CRS84} and {@code
   * CRS84} are 4326.
   */
  public static int epsgOf(String name) throws IOException {
    String upper = name.trim().toUpperCase(Locale.ROOT);
    if (upper.endsWith("CRS84")) {
      return 4326;
    }
    int cut = Math.max(upper.lastIndexOf(':'), upper.lastIndexOf('/'));
    if (upper.contains("EPSG") && cut >= 0) {
      try {
        return Integer.parseInt(upper.substring(cut + 1));
      } catch (NumberFormatException e) {
        // fall through to the error below
      }
    }
    throw new IOException("unsupported coordinate reference system name '" + name + "'");
  }

  /** The geometry in WGS84, with SRID 4326. */
  public Geometry toWgs84(Geometry geometry) {
    Geometry result = epsg == 4326 ? geometry.copy() : new Reprojector().transform(geometry);
    result.setSRID(Wgs84.GEOMETRY_FACTORY.getSRID());
    return result;
  }

  private final class Reprojector extends GeometryTransformer {
    private final ProjCoordinate in = new ProjCoordinate();
    private final ProjCoordinate out = new ProjCoordinate();

    @Override
    protected CoordinateSequence transformCoordinates(
        CoordinateSequence coordinates, Geometry parent) {
      CoordinateSequence copy = coordinates.copy();
      for (int i = 0; i < copy.size(); i++) {
        in.x = copy.getX(i);
        in.y = copy.getY(i);
        transform.transform(in, out);
        copy.setOrdinate(i, 0, out.x);
        copy.setOrdinate(i, 1, out.y);
      }
      return copy;
    }
  }
}
