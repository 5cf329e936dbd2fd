package io.mobiflow.jobs.store;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The planners' example queries of {@code docs/flow-tables.md}, runnable by name with {@code
 * mobiflow query --example NAME}; each in the SQL of both stores (they differ only in how an hour
 * is taken from a window's start: {@code window_start} is ISO-8601 text in a GeoPackage, a {@code
 * timestamptz} in PostgreSQL); figures are rounded as NUMERIC, which both know. Hours are UTC.
 */
public final class ExampleQueries {

  /** An example: what it answers, and its SQL for SQLite and PostgreSQL. */
  public record Example(String question, String sqlite, String postgres) {

    /** The SQL for the store's dialect. */
    public String sql(FlowStore store) {
      return store.isPostgres() ? postgres : sqlite;
    }
  }

  /** The examples by name, in the documentation's order. */
  public static final Map<String, Example> ALL = new LinkedHashMap<>();

  static {
    String regularity =
        "SELECT unit_id AS zone, COUNT(*) AS windows, ROUND(CAST(AVG(headway_cv) AS NUMERIC), 3) AS mean_headway_cv,"
            + " ROUND(CAST(AVG(on_time_share) AS NUMERIC), 3) AS mean_on_time_share FROM flows"
            + " WHERE unit = 'ZONE' AND headway_cv IS NOT NULL AND %s BETWEEN 16 AND 18"
            + " GROUP BY unit_id ORDER BY mean_headway_cv DESC, zone LIMIT 20";
    ALL.put(
        "peak-regularity",
        new Example(
            "Which zones had the least regular buses in the evening peak (16:00-19:00 UTC)?",
            regularity.formatted("CAST(strftime('%H', window_start) AS INTEGER)"),
            regularity.formatted("EXTRACT(HOUR FROM window_start AT TIME ZONE 'UTC')")));
    String congested =
        "SELECT unit_id AS site, COUNT(*) AS windows,"
            + " SUM(CASE WHEN congestion IN ('CONGESTED', 'BLOCKED') THEN 1 ELSE 0 END)"
            + " AS congested_windows, ROUND(CAST(AVG(speed_index) AS NUMERIC), 3) AS mean_speed_index FROM flows"
            + " WHERE unit = 'COUNTER_SITE' AND road_data = %s GROUP BY unit_id"
            + " ORDER BY congested_windows DESC, mean_speed_index, site LIMIT 20";
    ALL.put(
        "worst-congested",
        new Example(
            "Which road segments (counter sites) were congested or blocked most often?",
            congested.formatted("1"),
            congested.formatted("TRUE")));
    String empty =
        "SELECT unit_id AS station, ROUND(CAST(SUM(empty_station_minutes) AS NUMERIC), 1) AS empty_minutes,"
            + " COUNT(*) AS windows FROM flows WHERE unit = 'STATION'"
            + " AND empty_station_minutes > 0 GROUP BY unit_id"
            + " ORDER BY empty_minutes DESC, station LIMIT 20";
    ALL.put(
        "stations-empty",
        new Example("Which stations were most often without a vehicle?", empty, empty));
  }

  private ExampleQueries() {}
}
