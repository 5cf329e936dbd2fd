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
 * that ended it early, if any. Blank lines are skipped. A row over {@link #MAX_ROW_CHARS} is kept
 * with its length but without its fields (a million-column line is not held in memory); a header
 * over it ends the document with an error.
 *
 * @param header the column names of the first row, trimmed
 * @param rows the data rows
 * @param errorLine the line of the parse error, or {@code -1}
 * @param error the parser's message, or {@code null} when the whole document was read
 */
public record CsvRows(List<String> header, List<Row> rows, long errorLine, String error) {

  /** The longest row kept, in characters of its fields and separators: 1 MiB. */
  public static final int MAX_ROW_CHARS = 1 << 20;

  private static final CsvMapper MAPPER = new CsvMapper();

  /**
   * One data row.
   *
   * @param line the 1-based line the row starts on (the header is line 1)
   * @param fields the values, untrimmed; empty for a row {@link #tooLong()}
   * @param chars the row's length: its fields' characters plus one per separator
   */
  public record Row(long line, List<String> fields, long chars) {

    /** Whether the row is over {@link #MAX_ROW_CHARS}; its fields were then not kept. */
    public boolean tooLong() {
      return chars > MAX_ROW_CHARS;
    }

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
        long chars = -1;
        while (parser.nextToken() == JsonToken.VALUE_STRING) {
          chars += parser.getTextLength() + 1L;
          if (chars <= MAX_ROW_CHARS) {
            fields.add(parser.getText());
          }
        }
        if (chars > MAX_ROW_CHARS) {
          if (first) {
            return new CsvRows(
                List.of(),
                rows,
                line,
                "header of " + chars + " characters, over the limit of " + MAX_ROW_CHARS);
          }
          rows.add(new Row(line, List.of(), chars));
        } else if (first) {
          header = fields.stream().map(f -> stripBom(f).trim()).toList();
          first = false;
        } else if (!(fields.size() == 1 && fields.get(0).isBlank())) {
          rows.add(new Row(line, List.copyOf(fields), chars));
        }
      }
      return new CsvRows(header, rows, -1, null);
    } catch (IOException e) {
      long line = rows.isEmpty() ? 1 : rows.get(rows.size() - 1).line() + 1;
      String message =
          Require.shortened(e.getMessage() == null ? e.toString() : e.getMessage().split("\n")[0]);
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
