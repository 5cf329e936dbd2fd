package io.mobiflow.jobs.store;

import io.mobiflow.geodata.locate.Zone;
import io.mobiflow.jobs.zoneflow.ZoneFlow;
import java.io.IOException;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;

/**
 * Where the flow tables live. Serializable: the job's sink writers connect from the task managers.
 */
public interface FlowStore extends Serializable {

  /** Creates the zones and flows tables where missing and writes the zones (replacing them). */
  void prepare(List<Zone> zones) throws IOException;

  /** A new connection, for writing. */
  Connection connect() throws SQLException;

  /** A new read-only connection, for queries. */
  Connection connectReadOnly() throws SQLException;

  /** Whether the store speaks PostgreSQL (else SQLite). */
  boolean isPostgres();

  /** Where it is, for messages (no password). */
  String describe();

  /** A sink upserting every flow into the {@code flows} table, committing at each checkpoint. */
  default Sink<ZoneFlow> sink() {
    return new FlowTableSink(this);
  }
}
