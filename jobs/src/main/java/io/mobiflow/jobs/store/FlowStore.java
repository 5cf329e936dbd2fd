package io.mobiflow.jobs.store;

import io.mobiflow.geodata.locate.Zone;
import io.mobiflow.jobs.zoneflow.SpatialUnit;
import io.mobiflow.jobs.zoneflow.ZoneFlow;
import java.io.IOException;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.connector.sink2.Sink;

/**
 * Where the flow tables live. Serializable: the job's sink writers connect from the task managers.
 */
public interface FlowStore extends Serializable {

  /** Creates the zones and flows tables where missing and writes the zones (replacing them). */
  void prepare(List<Zone> zones) throws IOException;

  /** The zones of the zones table, with their geometries. */
  List<Zone> readZones() throws IOException;

  /**
   * The flows of {@code unit} (all ids, or one) whose windows start in [from, to), by window start
   * then id, at most {@code limit}.
   */
  default List<ZoneFlow> readFlows(SpatialUnit unit, String id, Instant from, Instant to, int limit)
      throws IOException {
    String sql =
        "SELECT * FROM "
            + FlowColumns.TABLE
            + " WHERE unit = ? AND window_start >= ? AND window_start < ?"
            + (id == null ? "" : " AND unit_id = ?")
            + " ORDER BY window_start, unit_id LIMIT ?";
    try (Connection db = connectReadOnly();
        PreparedStatement query = db.prepareStatement(sql)) {
      int p = 1;
      query.setString(p++, unit.name());
      // window starts are whole seconds; a GeoPackage holds them as text, which sorts in time only
      // against text of whole seconds: bounds rounded up to a second select the same windows
      query.setObject(p++, FlowColumns.timeValue(upToSecond(from), isPostgres()));
      query.setObject(p++, FlowColumns.timeValue(upToSecond(to), isPostgres()));
      if (id != null) {
        query.setString(p++, id);
      }
      query.setInt(p, limit);
      List<ZoneFlow> flows = new ArrayList<>();
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          flows.add(FlowColumns.read(rows));
        }
      }
      return flows;
    } catch (SQLException e) {
      throw new IOException("cannot read flows from " + describe() + ": " + e.getMessage(), e);
    }
  }

  private static Instant upToSecond(Instant instant) {
    Instant second = instant.truncatedTo(ChronoUnit.SECONDS);
    return second.equals(instant) ? instant : second.plusSeconds(1);
  }

  /**
   * The flows of {@code unit} written at or after {@code writtenSinceMillis} (the writers' clock),
   * at most {@code limit}, and the newest write time among them.
   */
  default Written readWrittenSince(SpatialUnit unit, long writtenSinceMillis, int limit)
      throws IOException {
    String sql =
        "SELECT * FROM "
            + FlowColumns.TABLE
            + " WHERE unit = ? AND "
            + FlowColumns.WRITTEN_AT
            + " >= ? ORDER BY "
            + FlowColumns.WRITTEN_AT
            + " LIMIT ?";
    try (Connection db = connectReadOnly();
        PreparedStatement query = db.prepareStatement(sql)) {
      query.setString(1, unit.name());
      query.setLong(2, writtenSinceMillis);
      query.setInt(3, limit);
      List<ZoneFlow> flows = new ArrayList<>();
      long newest = writtenSinceMillis;
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          flows.add(FlowColumns.read(rows));
          newest = Math.max(newest, rows.getLong(FlowColumns.WRITTEN_AT));
        }
      }
      return new Written(flows, newest);
    } catch (SQLException e) {
      throw new IOException("cannot read flows from " + describe() + ": " + e.getMessage(), e);
    }
  }

  /** The newest write time of {@code unit}'s rows (epoch ms), or 0 when it has none. */
  default long newestWrite(SpatialUnit unit) throws IOException {
    try (Connection db = connectReadOnly();
        PreparedStatement query =
            db.prepareStatement(
                "SELECT MAX("
                    + FlowColumns.WRITTEN_AT
                    + ") FROM "
                    + FlowColumns.TABLE
                    + " WHERE unit = ?")) {
      query.setString(1, unit.name());
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    } catch (SQLException e) {
      throw new IOException("cannot read flows from " + describe() + ": " + e.getMessage(), e);
    }
  }

  /** Flows read by their write time, and the newest write time seen. */
  record Written(List<ZoneFlow> flows, long newestMillis) {}

  /** The start of the newest window of {@code unit}, or empty when it has none. */
  default Optional<Instant> newestWindowStart(SpatialUnit unit) throws IOException {
    try (Connection db = connectReadOnly();
        PreparedStatement query =
            db.prepareStatement(
                "SELECT MAX(window_start) AS window_start FROM "
                    + FlowColumns.TABLE
                    + " WHERE unit = ?")) {
      query.setString(1, unit.name());
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getObject(1) == null
            ? Optional.empty()
            : Optional.of(FlowColumns.instant(rows, "window_start"));
      }
    } catch (SQLException e) {
      throw new IOException("cannot read flows from " + describe() + ": " + e.getMessage(), e);
    }
  }

  /** A new connection, for writing. */
  Connection connect() throws SQLException;

  /** A new read-only connection, for queries. */
  Connection connectReadOnly() throws SQLException;

  /**
   * Runs {@code sql}, one query that writes nothing anywhere, for at most {@code timeout}, and
   * hands at most {@code maxRows} of its rows to {@code reader} (still within the time limit). Only
   * one SELECT, WITH or VALUES statement is run; each store says how it keeps the query from
   * writing.
   *
   * @throws QueryException refused, timed out or failed, with a one-line reason
   */
  void query(String sql, Duration timeout, int maxRows, RowReader reader) throws QueryException;

  /** Reads the rows of a query while they are open. */
  @FunctionalInterface
  interface RowReader {
    void read(ResultSet rows) throws SQLException;
  }

  /** Whether the store speaks PostgreSQL (else SQLite). */
  boolean isPostgres();

  /** Where it is, for messages (no password). */
  String describe();

  /**
   * A sink upserting every flow into the {@code flows} table, committing at each checkpoint; a
   * bounded run replaces the rows of the windows it covers ({@link FlowTableSink}). The run starts
   * now: call this when building the job. Rows are kept for ever.
   */
  default Sink<ZoneFlow> sink() {
    return sink(null);
  }

  /**
   * As {@link #sink()}, deleting the rows whose window ended more than {@code retention} before the
   * newest window written (or the wall clock, if earlier); {@code null}: kept for ever.
   */
  default Sink<ZoneFlow> sink(Duration retention) {
    return new FlowTableSink(this, System.currentTimeMillis(), retention);
  }
}
