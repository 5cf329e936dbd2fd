package io.mobiflow.jobs.run;

import io.mobiflow.geodata.load.GeoPackageZonesWriter;
import io.mobiflow.geodata.locate.Zone;
import io.mobiflow.jobs.zoneflow.ZoneFlow;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;

/**
 * The flow indicators in a GeoPackage (SQLite) a planner opens in QGIS: a {@code zones} feature
 * layer with the zones' geometries, and a {@code flows} attribute table with one row per unit and
 * window, one column per {@link ZoneFlow} field (snake_case; instants as ISO-8601 text). Rows are
 * upserted on (unit, unit_id, window_start), so a replay or a restart never duplicates one. The
 * file is in WAL mode: it can be read while the job writes. Writers commit at each checkpoint and
 * at the end of the input.
 */
public final class GeoPackageFlows {

  /** The table of the indicators. */
  public static final String TABLE = "flows";

  /** The layer of the zones. */
  public static final String ZONES = "zones";

  private static final List<RecordComponent> FIELDS =
      Arrays.asList(ZoneFlow.class.getRecordComponents());

  private GeoPackageFlows() {}

  /** Creates the file with its zones and table, or checks an existing one has the table. */
  public static void prepare(Path file, List<Zone> zones) throws IOException {
    boolean exists = Files.exists(file);
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        Statement sql = db.createStatement()) {
      sql.execute("PRAGMA journal_mode = WAL");
      db.setAutoCommit(false);
      if (!exists) {
        GeoPackageZonesWriter.createMetadata(db);
        GeoPackageZonesWriter.addZoneLayer(db, ZONES, zones);
        sql.execute(
            "INSERT INTO gpkg_contents (table_name, data_type, identifier) VALUES ('"
                + TABLE
                + "', 'attributes', '"
                + TABLE
                + "')");
      }
      sql.execute(
          "CREATE TABLE IF NOT EXISTS "
              + TABLE
              + " ("
              + FIELDS.stream()
                  .map(f -> column(f) + " " + sqlType(f.getType()))
                  .collect(Collectors.joining(", "))
              + ", PRIMARY KEY (unit, unit_id, window_start))");
      db.commit();
    } catch (SQLException e) {
      throw new IOException("cannot prepare GeoPackage " + file + ": " + e.getMessage(), e);
    }
  }

  /** A sink upserting into the {@link #TABLE} of a {@link #prepare prepared} file. */
  public static Sink<ZoneFlow> sink(Path file) {
    String path = file.toAbsolutePath().toString();
    return (Sink<ZoneFlow>) context -> new Writer(path);
  }

  /** The snake_case column of a record component. */
  static String column(RecordComponent field) {
    return field.getName().replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
  }

  private static String sqlType(Class<?> type) {
    if (type == double.class || type == Double.class) {
      return "REAL";
    }
    if (type == long.class
        || type == Long.class
        || type == int.class
        || type == Integer.class
        || type == boolean.class) {
      return "INTEGER";
    }
    return "TEXT";
  }

  private static Object value(RecordComponent field, ZoneFlow flow) throws IOException {
    try {
      Object value = field.getAccessor().invoke(flow);
      if (value instanceof Boolean b) {
        return b ? 1 : 0;
      }
      if (value instanceof Instant || value instanceof Enum<?>) {
        return value.toString();
      }
      return value;
    } catch (ReflectiveOperationException e) {
      throw new IOException("cannot read " + field.getName(), e);
    }
  }

  private static final class Writer implements SinkWriter<ZoneFlow> {

    private final Connection db;
    private final PreparedStatement upsert;
    private final List<ZoneFlow> pending = new ArrayList<>();

    Writer(String path) throws IOException {
      try {
        db = DriverManager.getConnection("jdbc:sqlite:" + path);
        try (Statement sql = db.createStatement()) {
          sql.execute("PRAGMA busy_timeout = 30000"); // parallel writers take turns
        }
        db.setAutoCommit(false);
        String columns =
            FIELDS.stream().map(GeoPackageFlows::column).collect(Collectors.joining(", "));
        upsert =
            db.prepareStatement(
                "INSERT INTO "
                    + TABLE
                    + " ("
                    + columns
                    + ") VALUES ("
                    + FIELDS.stream().map(f -> "?").collect(Collectors.joining(", "))
                    + ") ON CONFLICT (unit, unit_id, window_start) DO UPDATE SET "
                    + FIELDS.stream()
                        .map(f -> column(f) + " = excluded." + column(f))
                        .collect(Collectors.joining(", ")));
      } catch (SQLException e) {
        throw new IOException("cannot open GeoPackage " + path + ": " + e.getMessage(), e);
      }
    }

    @Override
    public void write(ZoneFlow flow, Context context) {
      pending.add(flow);
    }

    @Override
    public void flush(boolean endOfInput) throws IOException {
      if (pending.isEmpty()) {
        return;
      }
      try {
        for (ZoneFlow flow : pending) {
          for (int i = 0; i < FIELDS.size(); i++) {
            upsert.setObject(i + 1, value(FIELDS.get(i), flow));
          }
          upsert.addBatch();
        }
        upsert.executeBatch();
        db.commit();
        pending.clear();
      } catch (SQLException e) {
        throw new IOException("cannot write flows: " + e.getMessage(), e);
      }
    }

    @Override
    public void close() throws Exception {
      upsert.close();
      db.close();
    }
  }
}
