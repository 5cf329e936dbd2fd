package io.mobiflow.geodata.load;

import io.mobiflow.geodata.locate.Zone;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ByteOrderValues;
import org.locationtech.jts.io.WKBWriter;

/**
 * Writes zones as a new OGC GeoPackage 1.3 file (SQLite, sqlite-jdbc) with one feature layer in WGS
 * 84 (EPSG:4326): columns {@code fid}, {@code geom}, {@code id}, {@code name}; geometries as
 * GeoPackage blobs (the "GP" header without envelope, then little-endian WKB). QGIS and GDAL open
 * it; {@link GeoPackageZones} reads it back.
 */
public final class GeoPackageZonesWriter {

  private static final int WGS84 = 4326;

  private GeoPackageZonesWriter() {}

  /**
   * @throws IOException if {@code file} exists already or cannot be written
   */
  public static void write(Path file, String layer, List<Zone> zones) throws IOException {
    if (Files.exists(file)) {
      throw new IOException(file + " exists already");
    }
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath())) {
      db.setAutoCommit(false);
      createMetadata(db);
      addZoneLayer(db, layer, zones);
      db.commit();
    } catch (SQLException e) {
      throw new IOException("cannot write GeoPackage " + file + ": " + e.getMessage(), e);
    }
  }

  /** Makes an empty SQLite database a GeoPackage: its id, version and metadata tables. */
  public static void createMetadata(Connection db) throws SQLException {
    try (Statement sql = db.createStatement()) {
      sql.execute("PRAGMA application_id = 1196444487"); // 'GPKG'
      sql.execute("PRAGMA user_version = 10300");
      sql.execute(
          "CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY,"
              + " organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL,"
              + " definition TEXT NOT NULL, description TEXT)");
      sql.execute(
          "INSERT INTO gpkg_spatial_ref_sys VALUES"
              + " ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', NULL),"
              + " ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', NULL),"
              + " ('WGS 84 geodetic', 4326, 'EPSG', 4326, 'GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\","
              + "SPHEROID[\"WGS 84\",6378137,298.257223563]],PRIMEM[\"Greenwich\",0],"
              + "UNIT[\"degree\",0.0174532925199433]]', NULL)");
      sql.execute(
          "CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT"
              + " NULL, identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change DATETIME"
              + " NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), min_x DOUBLE, min_y"
              + " DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER)");
      sql.execute(
          "CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT"
              + " NULL, geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT"
              + " NULL, m TINYINT NOT NULL, PRIMARY KEY (table_name, column_name))");
    }
  }

  /**
   * Adds a WGS 84 feature layer of zones: {@code fid}, {@code geom}, {@code id}, {@code name}. The
   * layer is declared POLYGON when every zone is one, else MULTIPOLYGON with each polygon written
   * as a multipolygon of one (GeoPackage readers such as GDAL and QGIS expect one declared type).
   */
  public static void addZoneLayer(Connection db, String layer, List<Zone> zones)
      throws SQLException {
    boolean allPolygons = zones.stream().allMatch(z -> z.geometry() instanceof Polygon);
    try (Statement sql = db.createStatement()) {
      sql.execute(
          "CREATE TABLE "
              + GeoPackageZones.quote(layer)
              + " (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom BLOB, id TEXT NOT NULL,"
              + " name TEXT)");
    }
    try (PreparedStatement contents =
            db.prepareStatement(
                "INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id)"
                    + " VALUES (?, 'features', ?, 4326)");
        PreparedStatement columns =
            db.prepareStatement(
                "INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', ?, 4326, 0, 0)")) {
      contents.setString(1, layer);
      contents.setString(2, layer);
      contents.executeUpdate();
      columns.setString(1, layer);
      columns.setString(2, allPolygons ? "POLYGON" : "MULTIPOLYGON");
      columns.executeUpdate();
    }
    WKBWriter wkb = new WKBWriter(2, ByteOrderValues.LITTLE_ENDIAN);
    try (PreparedStatement insert =
        db.prepareStatement(
            "INSERT INTO " + GeoPackageZones.quote(layer) + " (geom, id, name) VALUES (?, ?, ?)")) {
      for (Zone zone : zones) {
        Geometry geometry = zone.geometry();
        if (!allPolygons && geometry instanceof Polygon polygon) {
          geometry = geometry.getFactory().createMultiPolygon(new Polygon[] {polygon});
        }
        insert.setBytes(1, blob(wkb.write(geometry)));
        insert.setString(2, zone.id());
        insert.setString(3, zone.name());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /** The GeoPackage geometry blob: "GP", version 0, flags (little-endian, no envelope), srs id. */
  private static byte[] blob(byte[] wkb) {
    return ByteBuffer.allocate(8 + wkb.length)
        .order(ByteOrder.LITTLE_ENDIAN)
        .put((byte) 'G')
        .put((byte) 'P')
        .put((byte) 0)
        .put((byte) 0x01)
        .putInt(WGS84)
        .put(wkb)
        .array();
  }
}
