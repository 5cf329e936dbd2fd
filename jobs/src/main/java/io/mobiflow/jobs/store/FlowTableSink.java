package io.mobiflow.jobs.store;

import io.mobiflow.jobs.zoneflow.SpatialUnit;
import io.mobiflow.jobs.zoneflow.ZoneFlow;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

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
 */
final class FlowTableSink implements Sink<ZoneFlow> {

  private static final long serialVersionUID = 1L;

  private final FlowStore store;
  private final long runStartedAtMillis;

  /**
   * @param runStartedAtMillis when the run started (the writers' clock): rows written before it are
   *     another run's
   */
  FlowTableSink(FlowStore store, long runStartedAtMillis) {
    this.store = store;
    this.runStartedAtMillis = runStartedAtMillis;
  }

  @Override
  public SinkWriter<ZoneFlow> createWriter(WriterInitContext context) throws IOException {
    return new Writer(store, runStartedAtMillis);
  }

  private static final class Writer implements SinkWriter<ZoneFlow> {

    private final FlowStore store;
    private final long runStartedAtMillis;
    private final Connection db;
    private final PreparedStatement upsert;
    private final List<ZoneFlow> pending = new ArrayList<>();
    private final Set<SpatialUnit> units = EnumSet.noneOf(SpatialUnit.class);

    Writer(FlowStore store, long runStartedAtMillis) throws IOException {
      this.store = store;
      this.runStartedAtMillis = runStartedAtMillis;
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
    }

    @Override
    public void flush(boolean endOfInput) throws IOException {
      write();
      if (endOfInput) {
        replaceOlderRowsInSpan();
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
