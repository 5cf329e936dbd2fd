package io.mobiflow.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.jobs.store.GeoPackageStore;
import io.mobiflow.jobs.testing.ReplayRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mobiflow query} on a GeoPackage made here: a table, CSV, read-only, one-line errors. */
class QueryCommandTest {

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void printsATableOrCsvAndNeverWrites() throws Exception {
    Path gpkg = dir.resolve("flows.gpkg");
    new GeoPackageStore(gpkg)
        .prepare(
            List.of(
                ReplayRun.box("Z1", 45.0, 0.6, 45.1, 0.7),
                ReplayRun.box("Z2, \"south\"", 44.9, 0.6, 45.0, 0.7)));

    assertThat(run("--db", gpkg.toString(), "SELECT id, name FROM zones ORDER BY id")).isZero();
    assertThat(out.toString().lines().toList())
        .containsExactly(
            "id           name", "Z1           Z1", "Z2, \"south\"  Z2, \"south\"", "(2 rows)");

    out.getBuffer().setLength(0);
    assertThat(
            run("--db", gpkg.toString(), "--csv", "SELECT id, NULL AS none FROM zones ORDER BY id"))
        .isZero();
    assertThat(out.toString().lines().toList())
        .containsExactly("id,none", "Z1,", "\"Z2, \"\"south\"\"\",");

    out.getBuffer().setLength(0);
    assertThat(run("--db", gpkg.toString(), "--max-rows", "1", "SELECT id FROM zones ORDER BY id"))
        .isZero();
    assertThat(out.toString()).contains("(1 row, more not shown: --max-rows)");

    assertThat(run("--db", gpkg.toString(), "DELETE FROM zones")).isEqualTo(2);
    assertThat(err.toString().lines()).singleElement().asString().contains("readonly");
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + gpkg);
        ResultSet rows = db.createStatement().executeQuery("SELECT COUNT(*) FROM zones")) {
      rows.next();
      assertThat(rows.getInt(1)).as("the delete did not happen").isEqualTo(2);
    }
  }

  @Test
  void answersBadQueriesAndStoresWithOneLineAndExitCode2() {
    assertThat(run("--db", dir.resolve("none.gpkg").toString(), "SELECT 1")).isEqualTo(2);
    assertThat(err.toString().lines()).singleElement().asString().contains("no such GeoPackage");
    err.getBuffer().setLength(0);
    assertThat(run("SELECT 1")).isEqualTo(2);
    assertThat(err.toString()).contains("give one of --config FILE or --db FILE");
    err.getBuffer().setLength(0);
    assertThat(run("--db", "x.gpkg", "--example", "nothing")).isEqualTo(2);
    assertThat(err.toString()).contains("unknown example 'nothing'");
    assertThat(out.toString()).isEmpty();
  }

  private int run(String... args) {
    String[] line = new String[args.length + 1];
    line[0] = "query";
    System.arraycopy(args, 0, line, 1, args.length);
    return MobiflowCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), line);
  }
}
