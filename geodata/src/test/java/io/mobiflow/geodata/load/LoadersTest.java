package io.mobiflow.geodata.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mobiflow.geodata.locate.GridZoneLocator;
import io.mobiflow.geodata.locate.Zone;
import io.mobiflow.geodata.match.RoadSegment;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ByteOrderValues;
import org.locationtech.jts.io.WKBWriter;

class LoadersTest {

  // Lambert-93 (EPSG:2154) puts its false origin (700000 m, 6600000 m) at 3°E, 46.5°N by
  // definition.
  private static final String LAMBERT93_SQUARE =
      "[[[700000,6600000],[701000,6600000],[701000,6601000],[700000,6601000],[700000,6600000]]]";

  @Test
  void readsTheParisArrondissementsWithIdsNamesAndKnownLandmarks() throws IOException {
    List<Zone> zones;
    try (InputStream in = getClass().getResourceAsStream("/zones/paris-arrondissements.geojson")) {
      zones = GeoJsonZones.read(in, "paris", "c_ar", "l_ar");
    }
    assertThat(zones).hasSize(20);
    assertThat(zones).extracting(Zone::id).contains("1", "20");
    GridZoneLocator locator = new GridZoneLocator(zones);
    assertThat(locator.findZone(48.8584, 2.2945).map(Zone::name))
        .contains("7ème Ardt"); // Eiffel Tower
    assertThat(locator.findZone(48.8530, 2.3499).map(Zone::name))
        .contains("4ème Ardt"); // Notre-Dame
    assertThat(locator.findZone(48.8049, 2.1204).map(Zone::name)).isEmpty(); // Versailles
  }

  @Test
  void reprojectsAGeoJsonDeclaringLambert93() throws IOException {
    String json =
        "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":"
            + "\"urn:ogc:def:crs:EPSG::2154\"}},\"features\":[{\"type\":\"Feature\",\"properties\":{\"code\":7},"
            + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
            + LAMBERT93_SQUARE
            + "}}]}";
    Zone zone = GeoJsonZones.read(stream(json), "l93.geojson", "code", null).get(0);
    assertOriginSquare(zone);
    assertThat(zone.id()).isEqualTo("7");
  }

  @Test
  void readsAGeoPackageLayerInLambert93(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("zones.gpkg");
    writeGeoPackage(file);
    List<Zone> zones = GeoPackageZones.read(file, "districts", "code", "label");
    assertThat(zones)
        .singleElement()
        .satisfies(
            zone -> {
              assertThat(zone.name()).isEqualTo("Origine");
              assertOriginSquare(zone);
            });
    assertThatThrownBy(() -> GeoPackageZones.read(file, "nope", "code", null))
        .hasMessageContaining("no geometry layer 'nope'");
  }

  @Test
  void failsNamingTheFeatureForMissingIdsInvalidGeometryAndUnknownCrs() {
    String polygon = "{\"type\":\"Polygon\",\"coordinates\":[[[0,1],[1,1],[1,2],[0,2],[0,1]]]}";
    String bowtie = "{\"type\":\"Polygon\",\"coordinates\":[[[0,1],[1,2],[1,1],[0,2],[0,1]]]}";
    assertThatThrownBy(
            () -> GeoJsonZones.read(stream(collection("{}", polygon)), "z.geojson", "id", null))
        .hasMessage("z.geojson feature 1 has no property 'id'");
    assertThatThrownBy(
            () ->
                GeoJsonZones.read(
                    stream(collection("{\"id\":\"a\"}", bowtie)), "z.geojson", "id", null))
        .hasMessageContaining("z.geojson feature 1: zone a is not a valid polygon");
    String unknownCrs =
        "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:999999\"}},"
            + "\"features\":[]}";
    assertThatThrownBy(() -> GeoJsonZones.read(stream(unknownCrs), "z.geojson", "id", null))
        .hasMessageContaining("EPSG:999999");
    assertThatThrownBy(() -> GeoJsonZones.read(stream("[1,2]"), "z.geojson", "id", null))
        .hasMessageContaining("not a GeoJSON FeatureCollection");
  }

  @Test
  void readsRoadSegmentsSplittingMultiLineStrings() throws IOException {
    String json =
        "{\"type\":\"FeatureCollection\",\"features\":["
            + feature(
                "{\"arc\":4264}",
                "{\"type\":\"LineString\",\"coordinates\":[[2.30,48.87],[2.31,48.872]]}")
            + ","
            + feature(
                "{\"arc\":\"x\"}",
                "{\"type\":\"MultiLineString\",\"coordinates\":[[[2.3,48.8],[2.4,48.8]],[[2.5,48.8],[2.6,48.9]]]}")
            + "]}";
    List<RoadSegment> roads = GeoJsonRoads.read(stream(json), "roads.geojson", "arc");
    assertThat(roads).extracting(RoadSegment::id).containsExactly("4264", "x#1", "x#2");
    String point = collection("{\"arc\":1}", "{\"type\":\"Point\",\"coordinates\":[2.3,48.8]}");
    assertThatThrownBy(() -> GeoJsonRoads.read(stream(point), "roads.geojson", "arc"))
        .hasMessageContaining("is a Point, not a LineString");
  }

  private static void assertOriginSquare(Zone zone) {
    Coordinate origin = zone.geometry().getCoordinates()[0];
    assertThat(origin.x).isCloseTo(3.0, within(1e-9));
    assertThat(origin.y).isCloseTo(46.5, within(1e-9));
    // 1 km of Lambert-93 northing is about 0.009° of latitude (scale factor ~0.9990 there).
    assertThat(zone.geometry().getEnvelopeInternal().getHeight()).isCloseTo(0.009, within(0.0002));
  }

  private static void writeGeoPackage(Path file) throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement sql = db.createStatement()) {
      sql.execute(
          "CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY,"
              + " organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL,"
              + " definition TEXT NOT NULL, description TEXT)");
      sql.execute(
          "INSERT INTO gpkg_spatial_ref_sys VALUES ('RGF93 / Lambert-93', 2154, 'EPSG', 2154, 'undefined', NULL)");
      sql.execute(
          "CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,"
              + " geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL)");
      sql.execute(
          "INSERT INTO gpkg_geometry_columns VALUES ('districts', 'geom', 'POLYGON', 2154, 0, 0)");
      sql.execute(
          "CREATE TABLE districts (fid INTEGER PRIMARY KEY, code TEXT, label TEXT, geom BLOB)");
      GeometryFactory factory = new GeometryFactory();
      Polygon square =
          factory.createPolygon(
              new Coordinate[] {
                new Coordinate(700000, 6600000),
                new Coordinate(701000, 6600000),
                new Coordinate(701000, 6601000),
                new Coordinate(700000, 6601000),
                new Coordinate(700000, 6600000)
              });
      byte[] wkb = new WKBWriter(2, ByteOrderValues.LITTLE_ENDIAN).write(square);
      ByteBuffer blob = ByteBuffer.allocate(8 + wkb.length).order(ByteOrder.LITTLE_ENDIAN);
      blob.put((byte) 'G').put((byte) 'P').put((byte) 0).put((byte) 0x01).putInt(2154).put(wkb);
      try (PreparedStatement insert =
          db.prepareStatement("INSERT INTO districts VALUES (1, 'D1', 'Origine', ?)")) {
        insert.setBytes(1, blob.array());
        insert.execute();
      }
    }
  }

  private static String collection(String properties, String geometry) {
    return "{\"type\":\"FeatureCollection\",\"features\":[" + feature(properties, geometry) + "]}";
  }

  private static String feature(String properties, String geometry) {
    return "{\"type\":\"Feature\",\"properties\":" + properties + ",\"geometry\":" + geometry + "}";
  }

  private static InputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
