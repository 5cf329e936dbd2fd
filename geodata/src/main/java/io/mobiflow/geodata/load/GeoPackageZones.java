package io.mobiflow.geodata.load;

import io.mobiflow.geodata.geom.Wgs84;
import io.mobiflow.geodata.locate.Zone;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/**
 * Reads zones from a layer of an OGC GeoPackage (SQLite) with sqlite-jdbc: the layer's geometry
 * column and CRS come from {@code gpkg_geometry_columns}, the EPSG code from {@code
 * gpkg_spatial_ref_sys}; each geometry blob is a GeoPackage header followed by WKB, read with JTS.
 * Opened read-only. A layer whose geometries total more than {@link #MAX_GEOMETRY_BYTES} fails the
 * load, naming the row where the limit was passed.
 */
public final class GeoPackageZones {

  /**
   * The most geometry read from one layer: 256 MiB of blobs (as JTS geometries, about three times
   * that), as for a GeoJSON file.
   */
  public static final long MAX_GEOMETRY_BYTES = 256L << 20;

  private GeoPackageZones() {}

  public static List<Zone> read(Path file, String layer, String idColumn, String nameColumn)
      throws IOException {
    return read(file, layer, idColumn, nameColumn, MAX_GEOMETRY_BYTES);
  }

  /** {@link #read(Path, String, String, String)} reading at most {@code maxGeometryBytes}. */
  static List<Zone> read(
      Path file, String layer, String idColumn, String nameColumn, long maxGeometryBytes)
      throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("no GeoPackage at " + file);
    }
    try (Connection db =
        DriverManager.getConnection("jdbc:sqlite:file:" + file.toAbsolutePath() + "?mode=ro")) {
      String geometryColumn;
      int epsg;
      try (PreparedStatement query =
          db.prepareStatement(
              "SELECT g.column_name, s.organization, s.organization_coordsys_id"
                  + " FROM gpkg_geometry_columns g JOIN gpkg_spatial_ref_sys s ON g.srs_id = s.srs_id"
                  + " WHERE g.table_name = ?")) {
        query.setString(1, layer);
        try (ResultSet row = query.executeQuery()) {
          if (!row.next()) {
            throw new IOException(file + " has no geometry layer '" + layer + "'");
          }
          geometryColumn = row.getString(1);
          if (!"EPSG".equalsIgnoreCase(row.getString(2))) {
            throw new IOException(
                layer + ": CRS of organization " + row.getString(2) + " is not supported");
          }
          epsg = row.getInt(3);
        }
      }
      CrsTransform crs = CrsTransform.fromEpsg(epsg);
      String name = nameColumn == null ? idColumn : nameColumn;
      List<Zone> zones = new ArrayList<>();
      WKBReader wkb = new WKBReader(Wgs84.GEOMETRY_FACTORY);
      String sql =
          "SELECT "
              + quote(idColumn)
              + ", "
              + quote(name)
              + ", "
              + quote(geometryColumn)
              + " FROM "
              + quote(layer);
      try (PreparedStatement query = db.prepareStatement(sql);
          ResultSet rows = query.executeQuery()) {
        int n = 0;
        long geometryBytes = 0;
        while (rows.next()) {
          n++;
          String id = rows.getString(1);
          if (id == null || id.isBlank()) {
            throw new IOException(layer + " row " + n + " has no " + idColumn);
          }
          byte[] blob = rows.getBytes(3);
          geometryBytes += blob == null ? 0 : blob.length;
          if (geometryBytes > maxGeometryBytes) {
            throw new IOException(
                layer
                    + " passes "
                    + maxGeometryBytes
                    + " bytes of geometry at row "
                    + n
                    + ", the limit of a zones layer");
          }
          try {
            Geometry geometry = crs.toWgs84(wkb.read(wkbOf(blob)));
            zones.add(new Zone(id, rows.getString(2) == null ? id : rows.getString(2), geometry));
          } catch (ParseException | IllegalArgumentException e) {
            throw new IOException(layer + " row " + n + " (zone " + id + "): " + e.getMessage());
          }
        }
      }
      return zones;
    } catch (SQLException e) {
      throw new IOException("cannot read GeoPackage " + file + ": " + e.getMessage(), e);
    }
  }

  /** The WKB inside a GeoPackage geometry blob: skips the "GP" header and its envelope. */
  static byte[] wkbOf(byte[] blob) throws ParseException {
    if (blob == null || blob.length < 8 || blob[0] != 'G' || blob[1] != 'P') {
      throw new ParseException("not a GeoPackage geometry blob");
    }
    int flags = blob[3];
    if ((flags & 0x10) != 0) {
      throw new ParseException("empty geometry");
    }
    int envelopeDoubles =
        switch ((flags >> 1) & 0x07) {
          case 0 -> 0;
          case 1 -> 4;
          case 2, 3 -> 6;
          case 4 -> 8;
          default -> throw new ParseException("bad GeoPackage envelope code");
        };
    int offset = 8 + 8 * envelopeDoubles;
    byte[] wkb = new byte[blob.length - offset];
    System.arraycopy(blob, offset, wkb, 0, wkb.length);
    return wkb;
  }

  static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}
