package io.mobiflow.connectors.counters.decode;

import io.mobiflow.connectors.common.RejectReason;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The fields of one CSV row by column name, with the typed reads counter decoders need. */
final class CsvFields {

  private final Map<String, Integer> columns;
  private final List<String> values;

  CsvFields(Map<String, Integer> columns, List<String> values) {
    this.columns = columns;
    this.values = values;
  }

  /** The trimmed value; empty when the row has it empty. */
  String text(String column) {
    return values.get(columns.get(column)).trim();
  }

  /** The trimmed value; rejects the row when it is empty. */
  String required(String column) throws RowRejected {
    String value = text(column);
    if (value.isEmpty()) {
      throw new RowRejected(RejectReason.MISSING_FIELD, column + " is empty");
    }
    return value;
  }

  /**
   * A decimal number, or {@code null} when empty; rejects the row when it is not a finite number
   * ({@link CounterValues#number}).
   */
  Double number(String column) throws RowRejected {
    String value = text(column);
    return value.isEmpty() ? null : CounterValues.number(value, column);
  }

  /**
   * A required time in {@code format}; rejects the row when it is empty, unreadable or not within
   * years 1970–9999 ({@link CounterValues#time}).
   */
  Instant time(String column, CounterValues.TimeFormat format) throws RowRejected {
    return CounterValues.time(required(column), format, column);
  }
}
