package io.mobiflow.geodata.load;

import io.mobiflow.geodata.match.RoadSegment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.LineString;

/**
 * Reads road segments from a GeoJSON FeatureCollection of LineStrings (a MultiLineString becomes
 * one segment per part, with ids {@code id#1}, {@code id#2}, ...), reprojected to WGS84 if the file
 * declares a CRS. A feature without the id or with another geometry type fails the load, and so
 * does a document over 256 MiB.
 */
public final class GeoJsonRoads {

  private GeoJsonRoads() {}

  public static List<RoadSegment> read(Path file, String idProperty) throws IOException {
    try (InputStream in = GeoJsonFeatures.open(file)) {
      return read(in, file.toString(), idProperty);
    }
  }

  public static List<RoadSegment> read(InputStream in, String what, String idProperty)
      throws IOException {
    List<RoadSegment> segments = new ArrayList<>();
    GeoJsonFeatures.read(
        in,
        what,
        (where, properties, geometry) -> {
          String id = GeoJsonFeatures.requiredText(properties, idProperty, where);
          if (!(geometry instanceof LineString
              || "MultiLineString".equals(geometry.getGeometryType()))) {
            throw new IOException(
                where + " is a " + geometry.getGeometryType() + ", not a LineString");
          }
          try {
            for (int p = 0; p < geometry.getNumGeometries(); p++) {
              String partId = geometry.getNumGeometries() == 1 ? id : id + "#" + (p + 1);
              segments.add(new RoadSegment(partId, (LineString) geometry.getGeometryN(p)));
            }
          } catch (IllegalArgumentException e) {
            throw new IOException(where + ": " + e.getMessage());
          }
        });
    return segments;
  }
}
