package io.mobiflow.geodata.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.mobiflow.geodata.locate.Zone;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads zones from a GeoJSON FeatureCollection of Polygons and MultiPolygons ({@link
 * GeoJsonFeatures}: reprojected to WGS84 if the file declares a CRS). The zone id comes from a
 * property the caller names (numbers are read as text); the name from another, or the id.
 *
 * <p>A feature without the id, with a duplicate id, or with a non-polygonal or invalid geometry
 * fails the load with a message naming the feature: zones are configuration, not data to skip. So
 * does a document over 256 MiB (its zones would take about four times that in memory).
 */
public final class GeoJsonZones {

  private GeoJsonZones() {}

  public static List<Zone> read(Path file, String idProperty, String nameProperty)
      throws IOException {
    try (InputStream in = GeoJsonFeatures.open(file)) {
      return read(in, file.toString(), idProperty, nameProperty);
    }
  }

  public static List<Zone> read(InputStream in, String what, String idProperty, String nameProperty)
      throws IOException {
    List<Zone> zones = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    GeoJsonFeatures.read(
        in,
        what,
        (where, properties, geometry) -> {
          String id = GeoJsonFeatures.requiredText(properties, idProperty, where);
          if (!ids.add(id)) {
            throw new IOException(where + " repeats zone id '" + id + "'");
          }
          JsonNode name = nameProperty == null ? null : properties.get(nameProperty);
          try {
            zones.add(new Zone(id, name == null || name.isNull() ? id : name.asText(), geometry));
          } catch (IllegalArgumentException e) {
            throw new IOException(where + ": " + e.getMessage());
          }
        });
    return zones;
  }
}
