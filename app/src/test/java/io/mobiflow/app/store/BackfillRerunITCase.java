package io.mobiflow.app.store;

import static io.mobiflow.app.testing.VelibBackfill.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.app.testing.VelibBackfill;
import io.mobiflow.app.testing.VelibBackfill.Database;
import io.mobiflow.connectors.FlinkTests;
import io.mobiflow.jobs.testing.PostgisServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rerun of a backfill replaces the rows of the windows it covers, in both stores: the real Vélib'
 * station_status (one document: one 5-minute window) backfilled with {@code mobiflow run}, then
 * rows planted as a crashed run would have left them (a zone and a station the input does not have,
 * in the run's window, written before the rerun), and one row of the window before. After the
 * rerun, the planted rows of its window are gone, the row outside its span is kept, and the run's
 * own rows are all there.
 */
class BackfillRerunITCase {

  @RegisterExtension static final MiniClusterExtension FLINK = FlinkTests.miniCluster();

  @RegisterExtension static final PostgisServer POSTGIS = new PostgisServer();

  @TempDir Path dir;

  @Test
  void aGeoPackageRerunLeavesNoRowOfACrashedRunInItsSpan() throws Exception {
    Path gpkg = dir.resolve("flows.gpkg");
    rerunReplacesTheCrashedRunsRows(
        "geopackage: flows.gpkg", () -> DriverManager.getConnection("jdbc:sqlite:" + gpkg), false);
  }

  @Test
  void aPostgisRerunLeavesNoRowOfACrashedRunInItsSpan() throws Exception {
    rerunReplacesTheCrashedRunsRows(
        "postgres: {url: \"%s\", user: %s, files: out}".formatted(POSTGIS.url(), POSTGIS.user()),
        POSTGIS::connect,
        true);
  }

  private void rerunReplacesTheCrashedRunsRows(String store, Database database, boolean postgres)
      throws Exception {
    Path config = VelibBackfill.config(dir, VelibBackfill.ARRONDISSEMENT_ZONES, store);
    run(config);
    List<String> firstRun = rows(database);
    assertThat(firstRun).hasSizeGreaterThan(100); // 20 zones and the stations inside them

    Instant window;
    try (Connection db = database.connect();
        ResultSet span =
            db.createStatement()
                .executeQuery("SELECT MIN(window_start), MAX(window_start) FROM flows")) {
      span.next();
      window = instant(span.getObject(1));
      assertThat(instant(span.getObject(2))).as("one window").isEqualTo(window);
    }
    Instant before = window.minus(Duration.ofMinutes(5));
    try (Connection db = database.connect()) {
      plant(db, postgres, "ZONE", "crashed-zone", window);
      plant(db, postgres, "STATION", "crashed-station", window);
      plant(db, postgres, "ZONE", "75101", before);
    }
    assertThat(rows(database)).hasSize(firstRun.size() + 3);

    run(config);
    List<String> rerun = rows(database);
    List<String> expected = new ArrayList<>(firstRun);
    expected.add("ZONE 75101 " + before);
    expected.sort(null);
    assertThat(rerun).containsExactlyElementsOf(expected);
  }

  /** A row of a crashed run: its key, its window and an old write time, nothing else. */
  private static void plant(
      Connection db, boolean postgres, String unit, String id, Instant windowStart)
      throws Exception {
    try (PreparedStatement insert =
        db.prepareStatement(
            "INSERT INTO flows (unit, unit_id, window_start, window_end, written_at_ms)"
                + " VALUES (?, ?, ?, ?, ?)")) {
      insert.setString(1, unit);
      insert.setString(2, id);
      insert.setObject(3, timeValue(windowStart, postgres));
      insert.setObject(4, timeValue(windowStart.plus(Duration.ofMinutes(5)), postgres));
      insert.setLong(5, 1_000L);
      insert.executeUpdate();
    }
  }

  private static Object timeValue(Instant at, boolean postgres) {
    return postgres ? at.atOffset(ZoneOffset.UTC) : at.toString();
  }

  private static Instant instant(Object value) {
    return value instanceof String text
        ? Instant.parse(text)
        : value instanceof OffsetDateTime time
            ? time.toInstant()
            : ((java.sql.Timestamp) value).toInstant();
  }

  /** Every row's unit, id and window start, sorted. */
  private static List<String> rows(Database database) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection db = database.connect();
        ResultSet row =
            db.createStatement().executeQuery("SELECT unit, unit_id, window_start FROM flows")) {
      while (row.next()) {
        rows.add(row.getString(1) + " " + row.getString(2) + " " + instant(row.getObject(3)));
      }
    }
    rows.sort(null);
    return rows;
  }
}
