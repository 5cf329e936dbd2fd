package io.mobiflow.app.serve;

import io.mobiflow.jobs.store.GeoPackageStore;
import io.mobiflow.jobs.testing.ReplayRun;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;

/**
 * A run's output folder as {@code mobiflow serve --from} reads it: a real GeoPackage with zones
 * whose ids need escaping in a URL, and zone rows inserted with plain SQL (so the API is checked
 * against rows written without the code under test).
 */
final class ServedRun {

  /** Zone ids: plain, with a percent sign, a plus, a slash, a space. */
  static final List<String> ZONES = List.of("Z01", "%zz", "a+b", "a/b", "a b");

  private ServedRun() {}

  /** Writes {@code dir/flows.gpkg} with {@link #ZONES} and no flows; returns the folder. */
  static Path write(Path dir) throws Exception {
    new GeoPackageStore(dir.resolve("flows.gpkg"))
        .prepare(
            List.of(
                ReplayRun.box(ZONES.get(0), 45.0, 0.6, 45.1, 0.7),
                ReplayRun.box(ZONES.get(1), 45.1, 0.6, 45.2, 0.7),
                ReplayRun.box(ZONES.get(2), 45.2, 0.6, 45.3, 0.7),
                ReplayRun.box(ZONES.get(3), 45.3, 0.6, 45.4, 0.7),
                ReplayRun.box(ZONES.get(4), 45.4, 0.6, 45.5, 0.7)));
    return dir;
  }

  /** Inserts a zone's 5-minute window starting at {@code start}, written at {@code writtenAt}. */
  static void insertZoneFlow(Path dir, String zone, Instant start, Instant writtenAt)
      throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("flows.gpkg"));
        PreparedStatement insert =
            db.prepareStatement(
                "INSERT INTO flows (unit, unit_id, window_start, window_end, road_data,"
                    + " counter_readings, transit_data, vehicle_positions, stop_time_updates,"
                    + " stops_not_served, realtime_departures, shared_mobility_data,"
                    + " station_reports, pick_ups, drop_offs, pick_ups_suppressed,"
                    + " drop_offs_suppressed, written_at_ms)"
                    + " VALUES ('ZONE', ?, ?, ?, 0, 0, 1, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, ?)")) {
      insert.setString(1, zone);
      insert.setString(2, start.toString());
      insert.setString(3, start.plusSeconds(300).toString());
      insert.setLong(4, writtenAt.toEpochMilli());
      insert.executeUpdate();
    }
  }
}
