package io.mobiflow.jobs.store;

import io.mobiflow.jobs.zoneflow.ZoneFlow;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Upserts flows into a store's {@code flows} table: rows are buffered and written in one
 * transaction at each checkpoint (and at the end of the input). A record of a window already stored
 * replaces it, so a replay, a restart from a checkpoint or an updated late window never duplicates
 * a row.
 */
final class FlowTableSink implements Sink<ZoneFlow> {

  private static final long serialVersionUID = 1L;

  private final FlowStore store;

  FlowTableSink(FlowStore store) {
    this.store = store;
  }

  @Override
  public SinkWriter<ZoneFlow> createWriter(WriterInitContext context) throws IOException {
    return new Writer(store);
  }

  private static final class Writer implements SinkWriter<ZoneFlow> {

    private final FlowStore store;
    private final Connection db;
    private final PreparedStatement upsert;
    private final List<ZoneFlow> pending = new ArrayList<>();

    Writer(FlowStore store) throws IOException {
      this.store = store;
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
    }

    @Override
    public void flush(boolean endOfInput) throws IOException {
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

    @Override
    public void close() throws Exception {
      upsert.close();
      db.close();
    }
  }
}
