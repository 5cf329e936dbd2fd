package io.mobiflow.geodata.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mobiflow.geodata.geom.Wgs84;
import java.io.IOException;
import java.io.InputStream;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;

/**
 * Reads the features of a GeoJSON FeatureCollection with their properties and WGS84 geometry. A
 * legacy {@code crs} member (GeoJSON 2008, e.g. Lambert-93 exports) is honoured by reprojecting;
 * without one, coordinates are WGS84 as RFC 7946 says.
 */
final class GeoJsonFeatures {

  private static final ObjectMapper JSON = new ObjectMapper();

  private GeoJsonFeatures() {}

  /** What a loader does with one feature; {@code where} names it for error messages. */
  @FunctionalInterface
  interface FeatureHandler {
    void accept(String where, JsonNode properties, Geometry geometry) throws IOException;
  }

  static void read(InputStream in, String what, FeatureHandler handler) throws IOException {
    JsonNode root = JSON.readTree(in);
    if (root == null || !"FeatureCollection".equals(root.path("type").asText())) {
      throw new IOException(what + " is not a GeoJSON FeatureCollection");
    }
    JsonNode crs = root.path("crs");
    CrsTransform transform =
        CrsTransform.fromEpsg(
            crs.isMissingNode() || crs.isNull()
                ? 4326
                : CrsTransform.epsgOf(crs.path("properties").path("name").asText("")));
    GeoJsonReader reader = new GeoJsonReader(Wgs84.GEOMETRY_FACTORY);
    JsonNode features = root.path("features");
    for (int i = 0; i < features.size(); i++) {
      JsonNode feature = features.get(i);
      String where = what + " feature " + (i + 1);
      Geometry geometry;
      try {
        geometry = transform.toWgs84(reader.read(feature.path("geometry").toString()));
      } catch (ParseException | RuntimeException e) {
        throw new IOException(where + ": unreadable geometry: " + e.getMessage());
      }
      handler.accept(where, feature.path("properties"), geometry);
    }
  }

  /** A property as text (numbers too); fails naming the feature when absent or blank. */
  static String requiredText(JsonNode properties, String name, String where) throws IOException {
    JsonNode value = properties.get(name);
    if (value == null || value.isNull() || value.asText().isBlank()) {
      throw new IOException(where + " has no property '" + name + "'");
    }
    return value.asText();
  }
}
