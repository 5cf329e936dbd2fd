package io.mobiflow.connectors.common;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A delimited text document read with Jackson's CSV parser (quoted fields, doubled quotes, CRLF, a
 * UTF-8 byte-order mark): its header, its rows each with the line it starts on, and the parse error
 * that ended it early, if any. Blank lines are skipped.
 *
 * @param header the column names of the first row, trimmed
 * @param rows the data rows
 * @param errorLine the line of the parse error, or {@code -1}
 * @param error the parser's message, or {@code null} when the whole document was read
 */
public record CsvRows(List<String> header, List<Row> rows, long errorLine, String error) {

  private static final CsvMapper MAPPER = new CsvMapper();

  /**
   * One data row.
   *
   * @param line the 1-based line the row starts on (the header is line 1)
   * @param fields the values, untrimmed
   */
  public record Row(long line, List<String> fields) {

    /** The row as the file wrote it (for duplicate detection and messages). */
    public String text() {
      return String.join("\u001f", fields);
    }
  }

  /** Reads {@code payload} as UTF-8 with the given separator. */
  public static CsvRows read(byte[] payload, char separator) {
    List<String> header = List.of();
    List<Row> rows = new ArrayList<>();
    CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(separator);
    try (JsonParser parser =
        MAPPER
            .readerForArrayOf(String.class)
            .with(schema)
            .with(CsvParser.Feature.WRAP_AS_ARRAY)
            .createParser(payload)) {
      boolean first = true;
      JsonToken token = parser.nextToken(); // START_ARRAY of the whole document
      while ((token = parser.nextToken()) == JsonToken.START_ARRAY) {
        long line = parser.currentTokenLocation().getLineNr() + 1; // Jackson CSV counts from 0
        List<String> fields = new ArrayList<>();
        while (parser.nextToken() == JsonToken.VALUE_STRING) {
          fields.add(parser.getText());
        }
        if (first) {
          header = fields.stream().map(f -> stripBom(f).trim()).toList();
          first = false;
        } else if (!(fields.size() == 1 && fields.get(0).isBlank())) {
          rows.add(new Row(line, List.copyOf(fields)));
        }
      }
      return new CsvRows(header, rows, -1, null);
    } catch (IOException e) {
      long line = rows.isEmpty() ? 1 : rows.get(rows.size() - 1).line() + 1;
      String message = e.getMessage() == null ? e.toString() : e.getMessage().split("\n")[0];
      return new CsvRows(header, rows, line, message);
    }
  }

  /** Column index by name, for the header. */
  public Map<String, Integer> columns() {
    Map<String, Integer> columns = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      columns.putIfAbsent(header.get(i), i);
    }
    return columns;
  }

  private static String stripBom(String text) {
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }
}
