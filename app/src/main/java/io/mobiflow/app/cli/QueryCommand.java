package io.mobiflow.app.cli;

import io.mobiflow.jobs.config.ConfigLoader;
import io.mobiflow.jobs.config.MobiflowConfig;
import io.mobiflow.jobs.store.ExampleQueries;
import io.mobiflow.jobs.store.FlowStore;
import io.mobiflow.jobs.store.FlowStores;
import io.mobiflow.jobs.store.FlowTables;
import io.mobiflow.jobs.store.QueryException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mobiflow query}: one SQL query against the flow tables, which cannot write anywhere
 * ({@link FlowStore#query}) and is stopped at a time limit.
 */
@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    description =
        "Runs one SQL query (SELECT, WITH or VALUES) against the flow tables (the configured"
            + " GeoPackage or PostgreSQL, or --db FILE.gpkg) and prints the result as a table, or"
            + " as CSV. The query cannot write: the database is opened read-only and any other"
            + " statement is refused. Tables: zones, flows (docs/flow-tables.md).",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the rows were printed",
      "2:bad arguments, the database reported an error, or the result is over 64 Mi characters",
      "3:refused: not one query, or it would write",
      "4:stopped at the time limit (--timeout)"
    })
final class QueryCommand implements Callable<Integer> {

  /** Exit code of a statement refused because it is not one query or would write. */
  static final int REFUSED = 3;

  /** Exit code of a query stopped at its time limit. */
  static final int TIMED_OUT = 4;

  /**
   * The most characters of values a result may hold: it is held whole before it is printed, so a
   * query of huge values ({@code printf('%.*c', 500000000, 'x')} on a few rows) is stopped with a
   * line rather than exhausting the heap.
   */
  static final long MAX_RESULT_CHARS = 64L * 1024 * 1024;

  @Parameters(arity = "0..1", paramLabel = "SQL", description = "The query.")
  String sql;

  @Option(
      names = "--example",
      paramLabel = "NAME",
      description =
          "Run a documented example instead: peak-regularity, worst-congested, stations-empty.")
  String example;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Use the store this run configuration writes.")
  Path config;

  @Option(names = "--db", paramLabel = "FILE", description = "A GeoPackage, e.g. out/flows.gpkg.")
  Path db;

  @Option(names = "--csv", description = "Print CSV (RFC 4180) instead of a table.")
  boolean csv;

  @Option(
      names = "--max-rows",
      paramLabel = "N",
      defaultValue = "1000",
      description = "Print at most N rows; default ${DEFAULT-VALUE}.")
  int maxRows;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "PT30S",
      description =
          "Stop the query after this long, ISO-8601 (PT30S, PT5M); default ${DEFAULT-VALUE}.")
  Duration timeout;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    CommandLine cmd = spec.commandLine();
    if ((sql == null) == (example == null)) {
      throw new CommandLine.ParameterException(cmd, "give one of SQL or --example NAME");
    }
    if ((config == null) == (db == null)) {
      throw new CommandLine.ParameterException(cmd, "give one of --config FILE or --db FILE");
    }
    if (maxRows < 1) {
      throw new CommandLine.ParameterException(cmd, "--max-rows must be at least 1");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new CommandLine.ParameterException(cmd, "--timeout must be positive");
    }
    FlowStore store =
        db != null ? FlowStores.open(new FlowTables.GeoPackageFile(db)) : configuredStore();
    String query = sql;
    if (example != null) {
      ExampleQueries.Example chosen = ExampleQueries.ALL.get(example);
      if (chosen == null) {
        throw new CommandLine.ParameterException(
            cmd,
            "unknown example '"
                + example
                + "' (known: "
                + String.join(", ", ExampleQueries.ALL.keySet())
                + ")");
      }
      query = chosen.sql(store);
    }
    List<Table> result = new ArrayList<>(1);
    try {
      store.query(query, timeout, maxRows + 1, rows -> result.add(read(rows)));
    } catch (ResultTooLarge e) {
      cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + e.getMessage());
      return MobiflowCommand.USAGE_ERROR;
    } catch (QueryException e) {
      cmd.getErr()
          .println(
              cmd.getCommandSpec().qualifiedName()
                  + ": "
                  + switch (e.kind()) {
                    case REFUSED -> e.getMessage();
                    case TIMED_OUT -> "stopped at the time limit of " + timeout + " (--timeout)";
                    case FAILED -> "query failed on " + store.describe() + ": " + e.getMessage();
                  });
      return switch (e.kind()) {
        case REFUSED -> REFUSED;
        case TIMED_OUT -> TIMED_OUT;
        case FAILED -> MobiflowCommand.USAGE_ERROR;
      };
    }
    print(result.get(0), cmd.getOut());
    return 0;
  }

  private FlowStore configuredStore() throws Exception {
    MobiflowConfig settings = ConfigLoader.load(config);
    if (settings.outputs().flowTables() == null) {
      throw new IllegalArgumentException(
          config + ": no flow tables configured (outputs.geopackage or outputs.postgres)");
    }
    return FlowStores.open(settings.outputs().flowTables());
  }

  /** A query's column labels and rows, as printed. */
  private record Table(String[] header, List<String[]> rows) {}

  /** The header and the rows the store gave (at most --max-rows + 1). */
  private Table read(ResultSet rows) throws SQLException {
    ResultSetMetaData meta = rows.getMetaData();
    int columns = meta.getColumnCount();
    String[] header = new String[columns];
    for (int c = 0; c < columns; c++) {
      header[c] = meta.getColumnLabel(c + 1);
    }
    List<String[]> read = new ArrayList<>();
    long chars = 0;
    while (rows.next()) {
      String[] row = new String[columns];
      for (int c = 0; c < columns; c++) {
        Object value = rows.getObject(c + 1);
        row[c] = value == null ? (csv ? "" : "-") : value.toString();
        chars += row[c].length();
        if (chars > MAX_RESULT_CHARS) {
          throw new ResultTooLarge();
        }
      }
      read.add(row);
    }
    return new Table(header, read);
  }

  /** A result with more than {@link #MAX_RESULT_CHARS} characters of values. */
  private static final class ResultTooLarge extends RuntimeException {
    ResultTooLarge() {
      super(
          "the result holds more than "
              + MAX_RESULT_CHARS / (1024 * 1024)
              + " Mi characters: select fewer rows (--max-rows) or shorter values");
    }
  }

  /** Prints at most --max-rows rows, saying when there were more. */
  private void print(Table result, PrintWriter out) {
    String[] header = result.header();
    int columns = header.length;
    boolean more = result.rows().size() > maxRows;
    List<String[]> table = result.rows().subList(0, Math.min(result.rows().size(), maxRows));
    if (csv) {
      out.println(csvLine(header));
      table.forEach(row -> out.println(csvLine(row)));
    } else {
      int[] widths = new int[columns];
      for (int c = 0; c < columns; c++) {
        widths[c] = header[c].length();
        for (String[] row : table) {
          widths[c] = Math.max(widths[c], row[c].length());
        }
      }
      out.println(tableLine(header, widths));
      table.forEach(row -> out.println(tableLine(row, widths)));
      out.printf(
          "(%d row%s%s)%n",
          table.size(), table.size() == 1 ? "" : "s", more ? ", more not shown: --max-rows" : "");
    }
  }

  private static String tableLine(String[] cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < cells.length; c++) {
      if (c > 0) {
        line.append("  ");
      }
      line.append(String.format("%-" + widths[c] + "s", cells[c]));
    }
    return line.toString().stripTrailing();
  }

  private static String csvLine(String[] cells) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < cells.length; c++) {
      if (c > 0) {
        line.append(',');
      }
      String cell = cells[c];
      if (cell.contains(",") || cell.contains("\"") || cell.contains("\n")) {
        cell = "\"" + cell.replace("\"", "\"\"") + "\"";
      }
      line.append(cell);
    }
    return line.toString();
  }
}
