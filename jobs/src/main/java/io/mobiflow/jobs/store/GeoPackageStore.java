package io.mobiflow.jobs.store;

import io.mobiflow.geodata.load.GeoPackageZones;
import io.mobiflow.geodata.load.GeoPackageZonesWriter;
import io.mobiflow.geodata.locate.Zone;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.sqlite.ProgressHandler;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;

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

  /** How many virtual-machine steps a query runs between looks at its deadline. */
  private static final int PROGRESS_STEPS = 10_000;

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

  /** Opened read-only (SQLITE_OPEN_READONLY) and with {@code PRAGMA query_only}. */
  @Override
  public Connection connectReadOnly() throws SQLException {
    if (!Files.exists(Path.of(file))) {
      throw new SQLException("no such GeoPackage: " + file);
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    Connection db = config.createConnection("jdbc:sqlite:" + file);
    try (Statement sql = db.createStatement()) {
      sql.execute("PRAGMA query_only = 1");
    }
    return db;
  }

  /**
   * On a read-only connection with {@code PRAGMA query_only}, which SQLite keeps from changing any
   * database, the main one, an attached or a temporary one; and only one statement beginning with
   * SELECT, WITH or VALUES ({@link QueryText}), which refuses {@code VACUUM INTO} (it writes a new
   * file even from a read-only connection), {@code ATTACH}, {@code PRAGMA} and a second statement.
   * A progress handler interrupts the query at the time limit.
   */
  @Override
  public void query(String sql, Duration timeout, int maxRows, RowReader reader)
      throws QueryException {
    QueryText.requireOneQuery(sql, QueryText.statements(sql));
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Connection db = connectReadOnly();
        Statement statement = db.createStatement()) {
      ProgressHandler.setHandler(
          db,
          PROGRESS_STEPS,
          new ProgressHandler() {
            @Override
            protected int progress() {
              return System.nanoTime() - deadline > 0 ? 1 : 0; // non-zero interrupts
            }
          });
      statement.setMaxRows(maxRows);
      try (ResultSet rows = statement.executeQuery(sql)) {
        reader.read(rows);
      }
    } catch (SQLException e) {
      throw QueryException.fromDatabase(
          e.getErrorCode() == SQLiteErrorCode.SQLITE_INTERRUPT.code
                  || System.nanoTime() - deadline > 0
              ? QueryException.Kind.TIMED_OUT
              : e.getErrorCode() == SQLiteErrorCode.SQLITE_READONLY.code
                  ? QueryException.Kind.REFUSED
                  : QueryException.Kind.FAILED,
          e.getMessage());
    }
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
