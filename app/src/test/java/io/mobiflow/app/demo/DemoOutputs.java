package io.mobiflow.app.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A demo run's outputs as sorted text, so that two runs compare line by line whatever the order in
 * which parallel subtasks wrote them: the JSON lines of an output directory, and the flows table's
 * rows without their write time (the writer's clock). Shared by {@link ReproducibilityITCase} and
 * {@link DemoGoldenITCase}.
 */
final class DemoOutputs {

  private static final String PROVISIONAL = "\"provisional\":";

  private DemoOutputs() {}

  /**
   * Every line of the {@code .jsonl} files in {@code directory} (none if it is missing), sorted; of
   * a flows folder ({@code <unit>-flows}), the final records only ({@link #finals}).
   */
  static List<String> sortedLines(Path directory) throws IOException {
    List<String> lines = new ArrayList<>();
    if (Files.isDirectory(directory)) {
      try (Stream<Path> parts = Files.list(directory)) {
        for (Path part : parts.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
          lines.addAll(Files.readAllLines(part));
        }
      }
    }
    lines = finals(directory, lines);
    lines.sort(null);
    return lines;
  }

  /**
   * The lines of {@code directory}: of a flows folder ({@code <unit>-flows}), the final records
   * only, as this build writes them — early results (replaced by their final record, their number
   * depends on the wall clock) left out, and a record written before early results existed, which
   * was final, with {@code "provisional":false} added as its last field; others as they are.
   */
  static List<String> finals(Path directory, List<String> lines) {
    if (!directory.getFileName().toString().endsWith("-flows")) {
      return new ArrayList<>(lines);
    }
    List<String> finals = new ArrayList<>();
    for (String line : lines) {
      if (!line.contains(PROVISIONAL)) {
        finals.add(line.substring(0, line.lastIndexOf('}')) + "," + PROVISIONAL + "false}");
      } else if (line.contains(PROVISIONAL + "false")) {
        finals.add(line);
      }
    }
    return finals;
  }

  /** Every row of the flows table, all columns but its write time, as text, sorted. */
  static List<String> flowRows(Path gpkg) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + gpkg);
        ResultSet result = db.createStatement().executeQuery("SELECT * FROM flows")) {
      ResultSetMetaData columns = result.getMetaData();
      while (result.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns.getColumnCount(); i++) {
          if (!columns.getColumnName(i).equals("written_at_ms")) {
            row.append(columns.getColumnName(i))
                .append('=')
                .append(result.getString(i))
                .append(' ');
          }
        }
        rows.add(row.toString());
      }
    }
    rows.sort(null);
    return rows;
  }

  /**
   * The lines of either sorted list that the other lacks (counting repeats), at most 20 of them:
   * "-" for the first list's, "+" for the second's, each cut to its start (the record's key) and
   * what differs from the line before it.
   */
  static List<String> differences(List<String> a, List<String> b) {
    List<String> found = new ArrayList<>();
    int i = 0;
    int j = 0;
    while ((i < a.size() || j < b.size()) && found.size() < 20) {
      int order = i == a.size() ? 1 : j == b.size() ? -1 : a.get(i).compareTo(b.get(j));
      if (order == 0) {
        i++;
        j++;
      } else if (order < 0) {
        found.add("- " + excerpt(a.get(i++), j < b.size() ? b.get(j) : ""));
      } else {
        found.add("+ " + excerpt(b.get(j++), i < a.size() ? a.get(i) : ""));
      }
    }
    return found;
  }

  /** The first 100 characters of {@code line}, then its part after what it shares with other. */
  private static String excerpt(String line, String other) {
    int same = 0;
    while (same < Math.min(line.length(), other.length())
        && line.charAt(same) == other.charAt(same)) {
      same++;
    }
    int from = Math.max(100, line.lastIndexOf(' ', Math.max(0, same - 1)) + 1);
    return from >= line.length()
        ? line
        : line.substring(0, 100) + " ... " + line.substring(Math.min(from, line.length()));
  }
}
