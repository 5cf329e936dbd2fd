package io.mobiflow.connectors.counters.decode;

import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.counters.model.CounterReading;
import java.time.Instant;
import java.util.List;

/**
 * Decodes Mobiflow's generic counter CSV, one reading per line after this header:
 *
 * <pre>sensor_id,timestamp,flow_veh_h,occupancy_pct,speed_kmh</pre>
 *
 * <p>{@code timestamp} is ISO-8601 with an offset or {@code Z} (start of the counting period); the
 * three measures are decimal numbers, empty when the sensor did not deliver them. Line numbers in
 * rejections count the header as line 1. A time not within years 1970–9999, and a measure that is
 * not a finite decimal or out of its range ({@link CounterReading}), reject the row as {@link
 * RejectReason#INVALID_VALUE}.
 */
public final class CounterCsvDecoder extends CsvCounterDecoder {

  /** The header this decoder reads. */
  public static final String HEADER = "sensor_id,timestamp,flow_veh_h,occupancy_pct,speed_kmh";

  private static final long serialVersionUID = 1L;

  public CounterCsvDecoder() {
    super(FeedKind.COUNTER_CSV, ',', List.of(HEADER.split(",")));
  }

  @Override
  CounterReading reading(CsvFields row) throws RowRejected {
    String sensor = row.required("sensor_id");
    Instant observedAt = row.time("timestamp", CounterValues.ISO_OFFSET);
    Double flow = row.number("flow_veh_h");
    Double occupancy = row.number("occupancy_pct");
    Double speed = row.number("speed_kmh");
    if (flow == null && occupancy == null && speed == null) {
      throw new RowRejected(RejectReason.MISSING_FIELD, "all three measures are empty");
    }
    return new CounterReading(sensor, observedAt, flow, occupancy, speed, null);
  }
}
