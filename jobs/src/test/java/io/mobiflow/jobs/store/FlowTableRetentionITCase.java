package io.mobiflow.jobs.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.jobs.testing.PostgisServer;
import io.mobiflow.jobs.testing.ReplayRun;
import io.mobiflow.jobs.zoneflow.SpatialUnit;
import io.mobiflow.jobs.zoneflow.ZoneFlow;
import io.mobiflow.jobs.zoneflow.indicators.RoadIndicators.Road;
import io.mobiflow.jobs.zoneflow.indicators.SharedMobilityIndicators.SharedMobility;
import io.mobiflow.jobs.zoneflow.indicators.TransitIndicators.Transit;
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
import java.util.concurrent.Callable;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flow-table sink deletes the rows past their retention, in both stores: a backfill of feeds of
 * June 2024 with a retention of 730 days deletes the rows whose window ended before 2022-06-02 (730
 * days before its newest window end, not before the wall clock: it keeps what it wrote), compares
 * window ends as instants (half a second either side of the cut), deletes at the first checkpoint
 * and again at the end of the input.
 */
class FlowTableRetentionITCase {

  @RegisterExtension static final PostgisServer POSTGIS = new PostgisServer();

  private static final Instant NEWEST_END = Instant.parse("2024-06-01T00:00:00Z");
  private static final Duration RETENTION = Duration.ofDays(730);
  private static final Instant CUT = Instant.parse("2022-06-02T00:00:00Z"); // 730 days before

  @TempDir Path dir;

  @Test
  void aGeoPackageKeepsRowsForTheRetentionBeforeTheNewestWindow() throws Exception {
    Path gpkg = dir.resolve("flows.gpkg");
    deletesRowsPastRetention(
        new GeoPackageStore(gpkg), () -> DriverManager.getConnection("jdbc:sqlite:" + gpkg));
  }

  @Test
  void aPostgisStoreKeepsRowsForTheRetentionBeforeTheNewestWindow() throws Exception {
    try (Connection db = POSTGIS.connect()) {
      db.createStatement().execute("DROP TABLE IF EXISTS flows");
    }
    deletesRowsPastRetention(
        new PostgisStore(POSTGIS.url(), POSTGIS.user(), null), POSTGIS::connect);
  }

  private void deletesRowsPastRetention(FlowStore store, Callable<Connection> database)
      throws Exception {
    store.prepare(List.of(ReplayRun.box("Z1", 45.0, 0.6, 45.1, 0.7)));
    Instant justBefore = CUT.minusMillis(500);
    Instant justAfter = CUT.plusMillis(500);
    Instant longBefore = CUT.minus(Duration.ofDays(400));
    try (Connection db = database.call()) { // another run's rows, of a unit this one skips
      plant(db, store.isPostgres(), "old", longBefore);
      plant(db, store.isPostgres(), "just-before", justBefore);
      plant(db, store.isPostgres(), "just-after", justAfter);
    }

    SinkWriter<ZoneFlow> writer =
        new FlowTableSink(store, System.currentTimeMillis(), RETENTION).createWriter(null);
    writer.write(zone("newest", NEWEST_END), null);
    writer.write(zone("729-days", NEWEST_END.minus(Duration.ofDays(729))), null);
    writer.write(zone("731-days", NEWEST_END.minus(Duration.ofDays(731))), null);
    writer.flush(false); // a checkpoint

    assertThat(rows(database))
        .containsExactly(
            "STATION just-after " + justAfter,
            "ZONE 729-days " + NEWEST_END.minus(Duration.ofDays(729)),
            "ZONE newest " + NEWEST_END);

    try (Connection db = database.call()) {
      plant(db, store.isPostgres(), "planted-later", justBefore);
    }
    writer.flush(true); // the end of the input, within the hour
    writer.close();
    assertThat(rows(database)).noneMatch(row -> row.contains("planted-later")).hasSize(3);
  }

  /** A zone's flow ending at {@code end}, five minutes long, every measure empty. */
  private static ZoneFlow zone(String id, Instant end) {
    return new ZoneFlow(
        SpatialUnit.ZONE,
        id,
        end.minus(Duration.ofMinutes(5)),
        end,
        new Road(false, 0, null, null, null, null, null, null),
        new Transit(false, 0, null, 0, null, null, null, 0, null, 0, null, null),
        new SharedMobility(false, 0, null, null, null, null, null, null, 0L, false, 0L, false),
        false);
  }

  /** A station row of another run (written long ago) whose window ends at {@code end}. */
  private static void plant(Connection db, boolean postgres, String id, Instant end)
      throws Exception {
    try (PreparedStatement insert =
        db.prepareStatement(
            "INSERT INTO flows (unit, unit_id, window_start, window_end, written_at_ms)"
                + " VALUES ('STATION', ?, ?, ?, 1000)")) {
      insert.setString(1, id);
      insert.setObject(2, timeValue(end.minus(Duration.ofMinutes(5)), postgres));
      insert.setObject(3, timeValue(end, postgres));
      insert.executeUpdate();
    }
  }

  private static Object timeValue(Instant at, boolean postgres) {
    return postgres ? at.atOffset(ZoneOffset.UTC) : at.toString();
  }

  /** Every row's unit, id and window end, sorted. */
  private static List<String> rows(Callable<Connection> database) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection db = database.call();
        ResultSet row =
            db.createStatement().executeQuery("SELECT unit, unit_id, window_end FROM flows")) {
      while (row.next()) {
        Object end = row.getObject(3);
        rows.add(
            row.getString(1)
                + " "
                + row.getString(2)
                + " "
                + (end instanceof String text
                    ? Instant.parse(text)
                    : row.getObject(3, OffsetDateTime.class).toInstant()));
      }
    }
    rows.sort(null);
    return rows;
  }
}
