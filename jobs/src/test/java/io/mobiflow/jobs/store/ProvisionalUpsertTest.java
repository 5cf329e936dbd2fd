package io.mobiflow.jobs.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.jobs.zoneflow.SpatialUnit;
import io.mobiflow.jobs.zoneflow.ZoneFlow;
import io.mobiflow.jobs.zoneflow.indicators.RoadIndicators.Road;
import io.mobiflow.jobs.zoneflow.indicators.SharedMobilityIndicators.SharedMobility;
import io.mobiflow.jobs.zoneflow.indicators.TransitIndicators.Transit;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The flows table keeps the last record of each unit and window, except that a provisional record
 * never replaces a final one (the SQL is the same on PostGIS, where the flow-table ITs run it).
 */
class ProvisionalUpsertTest {

  @Test
  void aLaterRecordReplacesAProvisionalRowButNothingProvisionalReplacesAFinalOne()
      throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite::memory:");
        Statement sql = db.createStatement()) {
      sql.execute(FlowColumns.createTable(false));

      upsert(db, flow(3, true));
      assertThat(row(sql)).isEqualTo(flow(3, true));
      upsert(db, flow(5, true));
      assertThat(row(sql))
          .as("a provisional row, replaced by a later one")
          .isEqualTo(flow(5, true));
      upsert(db, flow(7, false));
      assertThat(row(sql)).as("the final record replaces it").isEqualTo(flow(7, false));
      upsert(db, flow(9, true));
      assertThat(row(sql)).as("a provisional record after it does not").isEqualTo(flow(7, false));
      upsert(db, flow(8, false));
      assertThat(row(sql)).as("a final one again does (late events)").isEqualTo(flow(8, false));
    }
  }

  private static void upsert(Connection db, ZoneFlow flow) throws Exception {
    try (PreparedStatement upsert = db.prepareStatement(FlowColumns.upsert())) {
      Object[] values = FlowColumns.values(flow, false, 1L);
      for (int i = 0; i < values.length; i++) {
        upsert.setObject(i + 1, values[i]);
      }
      upsert.executeUpdate();
    }
  }

  private static ZoneFlow row(Statement sql) throws Exception {
    try (ResultSet rows = sql.executeQuery("SELECT * FROM flows")) {
      assertThat(rows.next()).isTrue();
      ZoneFlow flow = FlowColumns.read(rows);
      assertThat(rows.next()).as("one row per unit and window").isFalse();
      return flow;
    }
  }

  /** The zone's window with {@code readings} counter readings. */
  private static ZoneFlow flow(int readings, boolean provisional) {
    return new ZoneFlow(
        SpatialUnit.ZONE,
        "Z",
        Instant.parse("2026-01-13T07:00:00Z"),
        Instant.parse("2026-01-13T07:05:00Z"),
        new Road(true, readings, 100.0, null, null, null, null, null),
        new Transit(false, 0, null, 0, null, null, null, 0, null, 0, null, null),
        new SharedMobility(false, 0, null, null, null, null, null, null, 0L, false, 0L, false),
        provisional);
  }
}
