package io.mobiflow.connectors.counters.decode;

import io.mobiflow.connectors.common.CsvRows;
import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.common.FeedDecoder;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.common.Require;
import io.mobiflow.connectors.common.SourceRef;
import io.mobiflow.connectors.counters.model.CounterReading;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the counter CSV formats share: a header naming the columns, one reading per row, exact
 * duplicate rows rejected as {@link RejectReason#DUPLICATE} (the first one is kept), rows with the
 * wrong number of fields or over {@link CsvRows#MAX_ROW_CHARS} rejected as malformed, and a parse
 * error ending the document reported at its line. A document without the required columns is one
 * {@link RejectReason#WRONG_KIND} rejection when it is another counter format ({@link
 * CounterKinds}), else one {@link RejectReason#MISSING_FIELD}. Subclasses turn one row into a
 * reading.
 */
abstract class CsvCounterDecoder implements FeedDecoder<CounterReading> {

  private static final long serialVersionUID = 1L;

  private final FeedKind kind;
  private final char separator;
  private final List<String> requiredColumns;

  CsvCounterDecoder(FeedKind kind, char separator, List<String> requiredColumns) {
    this.kind = kind;
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
      out.add(headerRejection(snapshot, csv, missing));
      return out;
    }
    Set<String> seen = new HashSet<>();
    for (CsvRows.Row row : csv.rows()) {
      var source = snapshot.source().atLine(row.line());
      if (row.tooLong()) {
        out.add(
            Decoded.rejected(
                source,
                RejectReason.MALFORMED,
                "line of "
                    + row.chars()
                    + " characters, over the limit of "
                    + CsvRows.MAX_ROW_CHARS));
      } else if (row.fields().size() != csv.header().size()) {
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

  /** Why a document without the required columns is refused, at its first line. */
  private Decoded<CounterReading> headerRejection(
      FeedSnapshot snapshot, CsvRows csv, List<String> missing) {
    SourceRef source = snapshot.source().atLine(1);
    FeedKind detected = CounterKinds.detect(snapshot.payload());
    if (detected != null && detected != kind) {
      return Decoded.rejected(
          source, RejectReason.WRONG_KIND, "the document is " + detected + ", not " + kind);
    }
    if (csv.header().isEmpty() && csv.error() != null) {
      return Decoded.rejected(source, RejectReason.MALFORMED, csv.error());
    }
    return Decoded.rejected(
        source,
        RejectReason.MISSING_FIELD,
        "missing columns "
            + missing
            + " in header "
            + Require.quoted(String.join(String.valueOf(separator), csv.header())));
  }
}
