package io.mobiflow.jobs.cli;

import io.mobiflow.jobs.config.ConfigLoader;
import io.mobiflow.jobs.config.MobiflowConfig;
import io.mobiflow.jobs.store.ExampleQueries;
import io.mobiflow.jobs.store.FlowStore;
import io.mobiflow.jobs.store.GeoPackageStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mobiflow query}: read-only SQL against the flow tables. */
@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    description =
        "Runs one read-only SQL query against the flow tables (the configured GeoPackage or"
            + " PostgreSQL, or --db FILE.gpkg) and prints the result as a table, or as CSV."
            + " Tables: zones, flows (docs/flow-tables.md).")
final class QueryCommand implements Callable<Integer> {

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
    FlowStore store = db != null ? new GeoPackageStore(db) : configuredStore();
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
    PrintWriter out = cmd.getOut();
    try (Connection connection = store.connectReadOnly();
        Statement statement = connection.createStatement()) {
      statement.setMaxRows(maxRows + 1);
      try (ResultSet rows = statement.executeQuery(query)) {
        print(rows, out);
      }
    } catch (SQLException e) {
      throw new IllegalArgumentException(
          "query failed on "
              + store.describe()
              + ": "
              + e.getMessage().lines().findFirst().orElse("")); // one line, exit 2
    }
    return 0;
  }

  private FlowStore configuredStore() throws Exception {
    MobiflowConfig settings = ConfigLoader.load(config);
    if (settings.outputs().store() == null) {
      throw new IllegalArgumentException(
          config + ": no flow tables configured (outputs.geopackage or outputs.postgres)");
    }
    return settings.outputs().store();
  }

  private void print(ResultSet rows, PrintWriter out) throws SQLException {
    ResultSetMetaData meta = rows.getMetaData();
    int columns = meta.getColumnCount();
    List<String[]> table = new ArrayList<>();
    String[] header = new String[columns];
    for (int c = 0; c < columns; c++) {
      header[c] = meta.getColumnLabel(c + 1);
    }
    boolean more = false;
    while (rows.next()) {
      if (table.size() == maxRows) {
        more = true;
        break;
      }
      String[] row = new String[columns];
      for (int c = 0; c < columns; c++) {
        Object value = rows.getObject(c + 1);
        row[c] = value == null ? (csv ? "" : "-") : value.toString();
      }
      table.add(row);
    }
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
