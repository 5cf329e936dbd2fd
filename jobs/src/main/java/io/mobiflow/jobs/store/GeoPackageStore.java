package io.mobiflow.jobs.store;

import io.mobiflow.geodata.load.GeoPackageZones;
import io.mobiflow.geodata.load.GeoPackageZonesWriter;
import io.mobiflow.geodata.locate.Zone;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

/**
 * The flow tables in a GeoPackage (SQLite), the embedded default a planner opens in QGIS: a {@code
 * zones} feature layer with the zones' geometries (WGS 84) and a {@code flows} attribute table
 * (instants as ISO-8601 text, flags as 0/1). The file is in WAL mode: it can be read while the job
 * writes; writers wait for each other up to 30 s.
 */
public final class GeoPackageStore implements FlowStore {

  private static final long serialVersionUID = 1L;

  /** The layer of the zones. */
  public static final String ZONES = "zones";

  private final String file; // a String: Flink's closure cleaner cannot look into a Path

  public GeoPackageStore(Path file) {
    this.file = file.toAbsolutePath().toString();
  }

  @Override
  public void prepare(List<Zone> zones) throws IOException {
    boolean exists = Files.exists(Path.of(file));
    Files.createDirectories(Path.of(file).getParent());
    try (Connection db = connect();
        Statement sql = db.createStatement()) {
      sql.execute("PRAGMA journal_mode = WAL");
      db.setAutoCommit(false);
      if (!exists) {
        GeoPackageZonesWriter.createMetadata(db);
        GeoPackageZonesWriter.addZoneLayer(db, ZONES, zones);
        sql.execute(
            "INSERT INTO gpkg_contents (table_name, data_type, identifier) VALUES ('"
                + FlowColumns.TABLE
                + "', 'attributes', '"
                + FlowColumns.TABLE
                + "')");
      }
      sql.execute(FlowColumns.createTable(false));
      FlowColumns.addMissingColumns(db, false);
      db.commit();
    } catch (SQLException e) {
      throw new IOException("cannot prepare GeoPackage " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public List<Zone> readZones() throws IOException {
    return GeoPackageZones.read(Path.of(file), ZONES, "id", "name");
  }

  @Override
  public Connection connect() throws SQLException {
    Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
    try (Statement sql = db.createStatement()) {
      sql.execute("PRAGMA busy_timeout = 30000"); // parallel writers take turns
    }
    return db;
  }

  @Override
  public Connection connectReadOnly() throws SQLException {
    if (!Files.exists(Path.of(file))) {
      throw new SQLException("no such GeoPackage: " + file);
    }
    Properties properties = new Properties();
    properties.setProperty("open_mode", "1"); // SQLITE_OPEN_READONLY
    return DriverManager.getConnection("jdbc:sqlite:" + file, properties);
  }

  @Override
  public boolean isPostgres() {
    return false;
  }

  @Override
  public String describe() {
    return "GeoPackage " + file;
  }
}
