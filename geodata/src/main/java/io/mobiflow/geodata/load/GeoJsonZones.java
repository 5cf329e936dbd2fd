package io.mobiflow.geodata.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mobiflow.geodata.geom.Wgs84;
import io.mobiflow.geodata.locate.Zone;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;

/**
 * Reads zones from a GeoJSON FeatureCollection of Polygons and MultiPolygons. The zone id comes
 * from a property the caller names (numbers are read as text); the name from another, or the id. A
 * legacy {@code crs} member (GeoJSON 2008, e.g. Lambert-93 exports) is honoured by reprojecting to
 * WGS84; without one, coordinates are WGS84 as RFC 7946 says.
 *
 * <p>A feature without the id, with a duplicate id, or with a non-polygonal or invalid geometry
 * fails the load with a message naming the feature: zones are configuration, not data to skip.
 */
public final class GeoJsonZones {

  private static final ObjectMapper JSON = new ObjectMapper();

  private GeoJsonZones() {}

  public static List<Zone> read(Path file, String idProperty, String nameProperty)
      throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString(), idProperty, nameProperty);
    }
  }

  public static List<Zone> read(InputStream in, String what, String idProperty, String nameProperty)
      throws IOException {
    JsonNode root = JSON.readTree(in);
    if (root == null || !"FeatureCollection".equals(root.path("type").asText())) {
      throw new IOException(what + " is not a GeoJSON FeatureCollection");
    }
    CrsTransform crs = CrsTransform.fromEpsg(epsg(root.path("crs")));
    GeoJsonReader reader = new GeoJsonReader(Wgs84.GEOMETRY_FACTORY);
    List<Zone> zones = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    JsonNode features = root.path("features");
    for (int i = 0; i < features.size(); i++) {
      JsonNode feature = features.get(i);
      String where = what + " feature " + (i + 1);
      JsonNode idNode = feature.path("properties").get(idProperty);
      if (idNode == null || idNode.isNull() || idNode.asText().isBlank()) {
        throw new IOException(where + " has no property '" + idProperty + "'");
      }
      String id = idNode.asText();
      if (!ids.add(id)) {
        throw new IOException(where + " repeats zone id '" + id + "'");
      }
      JsonNode nameNode =
          nameProperty == null ? null : feature.path("properties").get(nameProperty);
      String name = nameNode == null || nameNode.isNull() ? id : nameNode.asText();
      try {
        Geometry geometry = crs.toWgs84(reader.read(feature.path("geometry").toString()));
        zones.add(new Zone(id, name, geometry));
      } catch (ParseException | IllegalArgumentException e) {
        throw new IOException(where + " (zone " + id + "): " + e.getMessage());
      }
    }
    return zones;
  }

  private static int epsg(JsonNode crs) throws IOException {
    if (crs.isMissingNode() || crs.isNull()) {
      return 4326;
    }
    return CrsTransform.epsgOf(crs.path("properties").path("name").asText(""));
  }
}
