package io.mobiflow.jobs.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.jobs.testing.ReplayRun;
import io.mobiflow.jobs.zoneflow.SpatialUnit;
import io.mobiflow.jobs.zoneflow.ZoneFlow;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flows table written before trip counts could be suppressed (no {@code *_suppressed} columns) is
 * brought up to date when a run prepares the store: its rows read again, unsuppressed as they were
 * written. So is one written before a count was published: its old rows read it as 0. (PostGIS:
 * {@link PostgisFlowTableUpgradeITCase}.)
 */
class FlowTableUpgradeTest {

  @TempDir Path dir;

  @Test
  void aTableWithoutTheSuppressionFlagsOrACountGetsThemAndItsRowsReadAsUnsuppressedAndZero()
      throws Exception {
    Path gpkg = dir.resolve("flows.gpkg");
    upgradesATableOfThePreviousVersion(
        new GeoPackageStore(gpkg), () -> DriverManager.getConnection("jdbc:sqlite:" + gpkg));
  }

  /**
   * Makes {@code store}'s flows table as the previous version did, with one row of 3 pick-ups and 2
   * drop-offs, prepares the store again and reads the row back.
   */
  static void upgradesATableOfThePreviousVersion(FlowStore store, Callable<Connection> database)
      throws Exception {
    store.prepare(List.of(ReplayRun.box("Z", 45.18, 0.70, 45.19, 0.71)));
    try (Connection db = database.call();
        Statement sql = db.createStatement()) {
      sql.execute("DROP TABLE flows");
      sql.execute(
          FlowColumns.createTable(store.isPostgres())
              .replaceAll(
                  ", (pick_ups_suppressed|drop_offs_suppressed|stops_not_served|provisional) \\w+( DEFAULT \\w+)?",
                  ""));
      sql.execute(
          "INSERT INTO flows (unit, unit_id, window_start, window_end, road_data, counter_readings,"
              + " transit_data, vehicle_positions, stop_time_updates,"
              + " realtime_departures, shared_mobility_data, station_reports, pick_ups, drop_offs,"
              + " written_at_ms) VALUES ('ZONE', 'Z', '2026-01-13T07:00:00Z',"
              + " '2026-01-13T07:05:00Z', FALSE, 0, FALSE, 0, 0, 0, TRUE, 0, 3, 2, 1)");
    }

    store.prepare(List.of(ReplayRun.box("Z", 45.18, 0.70, 45.19, 0.71)));

    List<ZoneFlow> flows =
        store.readFlows(
            SpatialUnit.ZONE,
            "Z",
            Instant.parse("2026-01-13T07:00:00Z"),
            Instant.parse("2026-01-13T08:00:00Z"),
            10);
    assertThat(flows)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.shared().pickUps()).isEqualTo(3L);
              assertThat(f.shared().pickUpsSuppressed()).isFalse();
              assertThat(f.shared().dropOffs()).isEqualTo(2L);
              assertThat(f.shared().dropOffsSuppressed()).isFalse();
              assertThat(f.transit().stopsNotServed()).isZero();
              assertThat(f.provisional()).as("a row of before is final").isFalse();
            });
  }
}
