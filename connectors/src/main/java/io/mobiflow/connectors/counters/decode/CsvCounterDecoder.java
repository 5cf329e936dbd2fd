package io.mobiflow.connectors.counters.decode;

import io.mobiflow.connectors.common.CsvRows;
import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.common.FeedDecoder;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.counters.model.CounterReading;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the counter CSV formats share: a header naming the columns, one reading per row, exact
 * duplicate rows rejected as {@link RejectReason#DUPLICATE} (the first one is kept), rows with the
 * wrong number of fields rejected as malformed, and a parse error ending the document reported at
 * its line. Subclasses turn one row into a reading.
 */
abstract class CsvCounterDecoder implements FeedDecoder<CounterReading> {

  private static final long serialVersionUID = 1L;

  private final char separator;
  private final List<String> requiredColumns;

  CsvCounterDecoder(char separator, List<String> requiredColumns) {
    this.separator = separator;
    this.requiredColumns = List.copyOf(requiredColumns);
  }

  /** One row as a reading; throws to reject it. */
  abstract CounterReading reading(CsvFields row) throws RowRejected;

  @Override
  public final List<Decoded<CounterReading>> decode(FeedSnapshot snapshot) {
    List<Decoded<CounterReading>> out = new ArrayList<>();
    CsvRows csv = CsvRows.read(snapshot.payload(), separator);
    Map<String, Integer> columns = csv.columns();
    List<String> missing = requiredColumns.stream().filter(c -> !columns.containsKey(c)).toList();
    if (!missing.isEmpty()) {
      out.add(
          Decoded.rejected(
              snapshot.source().atLine(1),
              RejectReason.MISSING_FIELD,
              "missing columns " + missing + " in header " + csv.header()));
      return out;
    }
    Set<String> seen = new HashSet<>();
    for (CsvRows.Row row : csv.rows()) {
      var source = snapshot.source().atLine(row.line());
      if (row.fields().size() != csv.header().size()) {
        out.add(
            Decoded.rejected(
                source,
                RejectReason.MALFORMED,
                "expected " + csv.header().size() + " fields, found " + row.fields().size()));
      } else if (!seen.add(row.text())) {
        out.add(Decoded.rejected(source, RejectReason.DUPLICATE, "repeats an earlier row"));
      } else {
        try {
          out.add(Decoded.ok(source, reading(new CsvFields(columns, row.fields()))));
        } catch (RowRejected e) {
          out.add(Decoded.rejected(source, e.reason(), e.getMessage()));
        } catch (IllegalArgumentException e) {
          out.add(Decoded.rejected(source, RejectReason.INVALID_VALUE, e.getMessage()));
        }
      }
    }
    if (csv.error() != null) {
      out.add(
          Decoded.rejected(
              snapshot.source().atLine(csv.errorLine()), RejectReason.MALFORMED, csv.error()));
    }
    return out;
  }
}
