package io.mobiflow.jobs.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Same input, same output: 12 hours of the demo's simulated feeds (the same seed gives
 * byte-identical files) run twice at parallelism 1 and once at parallelism 2 give the same records
 * in every output, once each output's lines are sorted: zone flows, dead letters, suggestions, and
 * the flow tables' rows of every unit (without their write time, the writer's clock).
 */
class ReproducibilityITCase {

  private static final Duration PERIOD = Duration.ofHours(12);

  @TempDir Path dir;

  @Test
  void twelveHoursOfDemoFeedsGiveTheSameOutputsTwiceAtParallelismOneAndAtParallelismTwo()
      throws Exception {
    Map<String, List<String>> first = run("first", 1);
    Map<String, List<String>> second = run("second", 1);
    Map<String, List<String>> parallel = run("parallel", 2);

    assertThat(first.get("zone-flows")).hasSizeGreaterThan(1000);
    assertThat(first.get("suggestions")).isNotEmpty();
    assertThat(first.get("flows-table")).hasSizeGreaterThan(first.get("zone-flows").size());
    SoftAssertions softly = new SoftAssertions();
    for (String output : first.keySet()) {
      softly
          .assertThat(differences(first.get(output), second.get(output)))
          .as("%s: lines of one run at parallelism 1 and not of the other", output)
          .isEmpty();
      softly
          .assertThat(differences(first.get(output), parallel.get(output)))
          .as("%s: lines at parallelism 1 and not at 2, or the reverse", output)
          .isEmpty();
    }
    softly.assertAll();
  }

  /** The sorted lines of every output of a demo run over {@link #PERIOD} from 06:00. */
  private Map<String, List<String>> run(String name, int parallelism) throws Exception {
    Path out = dir.resolve(name);
    long started = System.nanoTime();
    DemoRun.run(
        new DemoRun.Options(
            out, 42, DemoData.DEFAULT_DATE, LocalTime.of(6, 0), PERIOD, parallelism),
        new PrintWriter(new StringWriter(), true));
    System.out.printf(
        "ReproducibilityITCase: %s run (parallelism %d) in %.1f s%n",
        name, parallelism, (System.nanoTime() - started) / 1e9);
    Map<String, List<String>> outputs = new TreeMap<>();
    for (String output : List.of("zone-flows", "dead-letters", "suggestions")) {
      outputs.put(output, sortedLines(out.resolve(output)));
    }
    outputs.put("flows-table", flowRows(out.resolve("flows.gpkg")));
    return outputs;
  }

  private static List<String> sortedLines(Path directory) throws IOException {
    List<String> lines = new ArrayList<>();
    if (Files.isDirectory(directory)) {
      try (Stream<Path> parts = Files.list(directory)) {
        for (Path part : parts.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
          lines.addAll(Files.readAllLines(part));
        }
      }
    }
    lines.sort(null);
    return lines;
  }

  /** Every row of the flows table, all columns but its write time, as text, sorted. */
  private static List<String> flowRows(Path gpkg) throws SQLException {
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
  private static List<String> differences(List<String> a, List<String> b) {
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
