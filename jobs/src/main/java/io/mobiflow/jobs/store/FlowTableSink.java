package io.mobiflow.jobs.store;

import io.mobiflow.jobs.zoneflow.SpatialUnit;
import io.mobiflow.jobs.zoneflow.ZoneFlow;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upserts flows into a store's {@code flows} table: rows are buffered and written in one
 * transaction at each checkpoint (and at the end of the input). A record of a window already stored
 * replaces it, so a replay, a restart from a checkpoint or an updated late window never duplicates
 * a row.
 *
 * <p>A bounded run (a backfill, a replay) replaces the windows it covers: at the end of its input,
 * each writer deletes, for every unit it wrote, the rows written before the run started whose
 * window starts between the first and the last window start the run wrote in that unit (all its
 * writers', as the table holds them). So a rerun after a crash leaves none of the crashed run's
 * rows in its span, even of windows it does not produce; rows outside the span are kept. The last
 * writer to finish sees every writer's rows, so the span is the run's whole span.
 *
 * <p>With a retention, each writer deletes the rows (of every unit, every run) whose window ended
 * more than the retention before "now", at its first flush, then at most once an hour (at
 * checkpoints) and at the end of the input. "Now" is the end of the newest window the writer has
 * written, or the wall clock if that is earlier: a backfill of last year's feeds keeps what it
 * writes (its newest window is last year's), a live run follows the clock, and a window dated in
 * the future cannot delete recent rows. Window ends are compared as instants in both stores.
 */
final class FlowTableSink implements Sink<ZoneFlow> {

  private static final long serialVersionUID = 1L;

  private static final Logger LOG = LoggerFactory.getLogger(FlowTableSink.class);

  /** How often (wall clock) a long run deletes the rows past their retention. */
  static final Duration PURGE_EVERY = Duration.ofHours(1);

  private final FlowStore store;
  private final long runStartedAtMillis;
  private final Duration retention;

  /**
   * @param runStartedAtMillis when the run started (the writers' clock): rows written before it are
   *     another run's
   * @param retention how long after its window ended a row is kept, or {@code null}: for ever
   */
  FlowTableSink(FlowStore store, long runStartedAtMillis, Duration retention) {
    this.store = store;
    this.runStartedAtMillis = runStartedAtMillis;
    this.retention = retention;
  }

  @Override
  public SinkWriter<ZoneFlow> createWriter(WriterInitContext context) throws IOException {
    return new Writer(store, runStartedAtMillis, retention);
  }

  /** Deletes the rows whose window ended before the parameter, compared as instants. */
  private static String deleteEndedBefore(boolean postgres) {
    return "DELETE FROM "
        + FlowColumns.TABLE
        + (postgres
            ? " WHERE window_end < ?"
            : " WHERE julianday(window_end) < julianday(?)"); // ISO-8601 text: as instants
  }

  private static final class Writer implements SinkWriter<ZoneFlow> {

    private final FlowStore store;
    private final long runStartedAtMillis;
    private final Connection db;
    private final PreparedStatement upsert;
    private final List<ZoneFlow> pending = new ArrayList<>();
    private final Set<SpatialUnit> units = EnumSet.noneOf(SpatialUnit.class);
    private final Duration retention;
    private Instant newestWindowEnd;
    private long purgedAtMillis;
    private boolean purged;

    Writer(FlowStore store, long runStartedAtMillis, Duration retention) throws IOException {
      this.store = store;
      this.runStartedAtMillis = runStartedAtMillis;
      this.retention = retention;
      try {
        db = store.connect();
        db.setAutoCommit(false);
        upsert = db.prepareStatement(FlowColumns.upsert());
      } catch (SQLException e) {
        throw new IOException("cannot open " + store.describe() + ": " + e.getMessage(), e);
      }
    }

    @Override
    public void write(ZoneFlow flow, Context context) {
      pending.add(flow);
      units.add(flow.unit());
      if (newestWindowEnd == null || flow.windowEnd().isAfter(newestWindowEnd)) {
        newestWindowEnd = flow.windowEnd();
      }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException {
      write();
      if (endOfInput) {
        replaceOlderRowsInSpan();
      }
      long now = System.currentTimeMillis();
      if (retention != null
          && newestWindowEnd != null
          && (endOfInput || !purged || now - purgedAtMillis >= PURGE_EVERY.toMillis())) {
        deleteRowsPastRetention(now);
      }
    }

    private void deleteRowsPastRetention(long nowMillis) throws IOException {
      Instant wallClock = Instant.ofEpochMilli(nowMillis);
      Instant cutoff =
          (newestWindowEnd.isBefore(wallClock) ? newestWindowEnd : wallClock).minus(retention);
      try (PreparedStatement delete = db.prepareStatement(deleteEndedBefore(store.isPostgres()))) {
        delete.setObject(1, FlowColumns.timeValue(cutoff, store.isPostgres()));
        int deleted = delete.executeUpdate();
        db.commit();
        purged = true;
        purgedAtMillis = nowMillis;
        if (deleted > 0) {
          LOG.info(
              "{}: deleted {} rows whose window ended before {} (retention {})",
              store.describe(),
              deleted,
              cutoff,
              retention);
        }
      } catch (SQLException e) {
        throw new IOException(
            "cannot delete old flows in " + store.describe() + ": " + e.getMessage(), e);
      }
    }

    private void write() throws IOException {
      if (pending.isEmpty()) {
        return;
      }
      try {
        long now = System.currentTimeMillis();
        for (ZoneFlow flow : pending) {
          Object[] values = FlowColumns.values(flow, store.isPostgres(), now);
          for (int i = 0; i < values.length; i++) {
            upsert.setObject(i + 1, values[i]);
          }
          upsert.addBatch();
        }
        upsert.executeBatch();
        db.commit();
        pending.clear();
      } catch (SQLException e) {
        throw new IOException(
            "cannot write flows to " + store.describe() + ": " + e.getMessage(), e);
      }
    }

    private void replaceOlderRowsInSpan() throws IOException {
      try (PreparedStatement delete = db.prepareStatement(FlowColumns.deleteOlderInSpan())) {
        for (SpatialUnit unit : units) {
          delete.setString(1, unit.name());
          delete.setLong(2, runStartedAtMillis);
          delete.setString(3, unit.name());
          delete.setLong(4, runStartedAtMillis);
          delete.setString(5, unit.name());
          delete.setLong(6, runStartedAtMillis);
          delete.executeUpdate();
        }
        db.commit();
      } catch (SQLException e) {
        throw new IOException(
            "cannot replace older flows in " + store.describe() + ": " + e.getMessage(), e);
      }
    }

    @Override
    public void close() throws Exception {
      upsert.close();
      db.close();
    }
  }
}
