package io.mobiflow.connectors.counters.decode;

import io.mobiflow.connectors.common.RejectReason;
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

  /** A decimal number, or {@code null} when empty; rejects the row when it is not a number. */
  Double number(String column) throws RowRejected {
    String value = text(column);
    if (value.isEmpty()) {
      return null;
    }
    try {
      return Double.valueOf(value);
    } catch (NumberFormatException e) {
      throw new RowRejected(
          RejectReason.INVALID_VALUE, column + " '" + value + "' is not a number");
    }
  }
}
