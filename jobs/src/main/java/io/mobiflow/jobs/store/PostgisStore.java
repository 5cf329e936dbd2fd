package io.mobiflow.jobs.store;

import io.mobiflow.geodata.geom.Wgs84;
import io.mobiflow.geodata.locate.Zone;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.Parser;

/**
 * The flow tables in PostgreSQL with PostGIS, for shared use: {@code zones (id, name, geom
 * geometry(Geometry, 4326))}, which QGIS opens as a layer, and {@code flows} with timestamps as
 * {@code timestamptz} and flags as booleans, joinable on {@code zones.id = flows.unit_id}.
 */
public final class PostgisStore implements FlowStore {

  private static final long serialVersionUID = 1L;

  /** SQLSTATE of a statement stopped by its {@code statement_timeout}. */
  private static final String QUERY_CANCELED = "57014";

  /** SQLSTATE of a write in a read-only transaction. */
  private static final String READ_ONLY_TRANSACTION = "25006";

  /** SQLSTATE of a cursor over a data-modifying WITH. */
  private static final String FEATURE_NOT_SUPPORTED = "0A000";

  private final String url;
  private final String user;
  private final String password;
  private final String passwordEnv;

  /**
   * @param url a {@code jdbc:postgresql://host:port/database} URL
   * @param user the role
   * @param password its password, or null
   */
  public PostgisStore(String url, String user, String password) {
    this(new FlowTables.Postgis(url, user, password));
  }

  /** The store of {@code db}; a password given by its variable is read at each connection. */
  public PostgisStore(FlowTables.Postgis db) {
    if (!db.url().startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + db.url());
    }
    this.url = db.url();
    this.user = db.user();
    this.password = db.password();
    this.passwordEnv = db.passwordEnv();
  }

  @Override
  public void prepare(List<Zone> zones) throws IOException {
    try (Connection db = connect();
        Statement sql = db.createStatement()) {
      db.setAutoCommit(false);
      sql.execute("CREATE EXTENSION IF NOT EXISTS postgis");
      sql.execute(
          "CREATE TABLE IF NOT EXISTS zones (id TEXT PRIMARY KEY, name TEXT,"
              + " geom geometry(Geometry, 4326) NOT NULL)");
      sql.execute("CREATE INDEX IF NOT EXISTS zones_geom ON zones USING GIST (geom)");
      sql.execute(FlowColumns.createTable(true));
      FlowColumns.addMissingColumns(db, true);
      sql.execute("CREATE INDEX IF NOT EXISTS flows_window ON flows (window_start)");
      try (PreparedStatement upsert =
          db.prepareStatement(
              "INSERT INTO zones (id, name, geom) VALUES (?, ?, ST_GeomFromWKB(?, 4326))"
                  + " ON CONFLICT (id) DO UPDATE SET name = excluded.name, geom = excluded.geom")) {
        WKBWriter wkb = new WKBWriter();
        for (Zone zone : zones) {
          upsert.setString(1, zone.id());
          upsert.setString(2, zone.name());
          upsert.setBytes(3, wkb.write(zone.geometry()));
          upsert.addBatch();
        }
        upsert.executeBatch();
      }
      db.commit();
    } catch (SQLException e) {
      throw new IOException("cannot prepare " + describe() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public List<Zone> readZones() throws IOException {
    List<Zone> zones = new ArrayList<>();
    WKBReader wkb = new WKBReader(Wgs84.GEOMETRY_FACTORY);
    try (Connection db = connectReadOnly();
        ResultSet rows =
            db.createStatement()
                .executeQuery("SELECT id, name, ST_AsBinary(geom) FROM zones ORDER BY id")) {
      while (rows.next()) {
        zones.add(new Zone(rows.getString(1), rows.getString(2), wkb.read(rows.getBytes(3))));
      }
    } catch (SQLException | ParseException e) {
      throw new IOException("cannot read the zones of " + describe() + ": " + e.getMessage(), e);
    }
    return zones;
  }

  @Override
  public Connection connect() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    String secret = password();
    if (secret != null) {
      properties.setProperty("password", secret);
    }
    properties.setProperty("connectTimeout", "10");
    return DriverManager.getConnection(url, properties);
  }

  /** The password, read from its environment variable here (in the process that connects). */
  private String password() throws SQLException {
    if (passwordEnv == null) {
      return password;
    }
    String value = System.getenv(passwordEnv);
    if (value == null) {
      throw new SQLException(
          "the environment variable "
              + passwordEnv
              + " (outputs.postgres.password_env) is not set in this process");
    }
    return value;
  }

  @Override
  public Connection connectReadOnly() throws SQLException {
    Connection db = connect();
    db.setReadOnly(true);
    return db;
  }

  /**
   * In a READ ONLY transaction with a {@code statement_timeout}, as the rows of a cursor: {@code
   * DECLARE … CURSOR FOR} accepts only a SELECT or VALUES (no data-modifying WITH, no COPY, no
   * transaction control), and the transaction's snapshot is taken when the cursor is declared, so
   * nothing in the query can turn it back to read-write. One statement only, counted as the JDBC
   * driver would split it (it sends each part on its own). Nothing is committed: the connection
   * closes with the transaction open, which PostgreSQL rolls back. Functions a role may call that
   * reach outside the database (a superuser's {@code lo_export}, for one) are the role's
   * privileges: query with a role that may only SELECT ({@code docs/flow-tables.md}).
   */
  @Override
  public void query(String sql, Duration timeout, int maxRows, RowReader reader)
      throws QueryException {
    try (Connection db = connect()) {
      QueryText.requireOneQuery(sql, statements(db, sql));
      db.setAutoCommit(false);
      try (Statement statement = db.createStatement()) {
        statement.execute("SET TRANSACTION READ ONLY");
        statement.execute("SET LOCAL statement_timeout = " + Math.max(1, timeout.toMillis()));
        statement.execute("DECLARE mobiflow_query NO SCROLL CURSOR FOR " + sql);
        try (ResultSet rows =
            statement.executeQuery("FETCH FORWARD " + maxRows + " FROM mobiflow_query")) {
          reader.read(rows);
        }
      }
    } catch (SQLException e) {
      String state = String.valueOf(e.getSQLState());
      throw QueryException.fromDatabase(
          switch (state) {
            case QUERY_CANCELED -> QueryException.Kind.TIMED_OUT;
            case READ_ONLY_TRANSACTION, FEATURE_NOT_SUPPORTED -> QueryException.Kind.REFUSED;
            default -> QueryException.Kind.FAILED;
          },
          e.getMessage());
    }
  }

  /** How many statements the driver finds in {@code sql} (it sends each on its own). */
  private static int statements(Connection db, String sql) throws SQLException {
    return Parser.parseJdbcSql(
            sql,
            db.unwrap(BaseConnection.class).getStandardConformingStrings(),
            false,
            true,
            false,
            false)
        .size();
  }

  @Override
  public boolean isPostgres() {
    return true;
  }

  @Override
  public String describe() {
    return "PostgreSQL " + url + " as " + user;
  }
}
