package io.mobiflow.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.jobs.store.GeoPackageStore;
import io.mobiflow.jobs.testing.DatabaseContents;
import io.mobiflow.jobs.testing.ReplayRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mobiflow query} on a GeoPackage made here: a table, CSV, one-line errors; nothing that
 * writes runs (each case checks that no file appeared and the database is unchanged), and a query
 * stops at its time limit.
 */
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

    out.getBuffer().setLength(0);
    assertThat(
            run(
                "--db",
                gpkg.toString(),
                "/* a; */ SELECT ';' AS \"x;\", [y;] FROM (SELECT 1 AS [y;]); -- the end;"))
        .as("semicolons in strings, names and comments are not statements")
        .isZero();
    assertThat(out.toString().lines().toList()).containsExactly("x;  y;", ";   1", "(1 row)");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void refusesEveryStatementThatWritesAndWritesNothing() throws Exception {
    Path gpkg = dir.resolve("flows.gpkg");
    new GeoPackageStore(gpkg).prepare(List.of(ReplayRun.box("Z1", 45.0, 0.6, 45.1, 0.7)));
    String before = contents(gpkg);
    List<Path> filesBefore = files();
    Path copy = dir.resolve("copy.gpkg");
    Path attached = dir.resolve("attached.gpkg");
    List<String> writes =
        List.of(
            "VACUUM INTO '" + copy + "'",
            "vacuum into '" + copy + "'",
            "ATTACH '" + attached + "' AS other",
            "ATTACH 'file:" + attached + "?mode=rwc' AS other",
            "INSERT INTO zones (id, name) VALUES ('Z9', 'Z9')",
            "DELETE FROM zones",
            "DROP TABLE flows",
            "PRAGMA query_only = 0; DELETE FROM zones",
            "SELECT 1; DELETE FROM zones",
            "SELECT 1; VACUUM INTO '" + copy + "'",
            "WITH gone AS (SELECT id FROM zones) DELETE FROM zones WHERE id IN gone",
            "CREATE TEMP TABLE t AS SELECT * FROM zones",
            "PRAGMA journal_mode = DELETE");
    for (String write : writes) {
      err.getBuffer().setLength(0);
      int exit = run("--db", gpkg.toString(), write);
      assertThat(files()).as("no file made by " + write).isEqualTo(filesBefore);
      assertThat(contents(gpkg)).as("database unchanged by " + write).isEqualTo(before);
      assertThat(exit).as(write).isEqualTo(3);
      assertThat(err.toString().lines()).as(write).singleElement().asString().contains("refused");
    }
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void aQueryThatRunsForeverStopsAtTheTimeLimit() throws Exception {
    Path gpkg = dir.resolve("flows.gpkg");
    new GeoPackageStore(gpkg).prepare(List.of(ReplayRun.box("Z1", 45.0, 0.6, 45.1, 0.7)));
    long started = System.nanoTime();

    int exit =
        run(
            "--db",
            gpkg.toString(),
            "--timeout",
            "PT1S",
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT MAX(i) FROM n");

    assertThat(exit).isEqualTo(4);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
    assertThat(err.toString().lines())
        .singleElement()
        .asString()
        .contains("time limit of PT1S (--timeout)");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void aResultOfHugeValuesIsStoppedWithOneLineNotTheHeap() throws Exception {
    Path gpkg = dir.resolve("flows.gpkg");
    new GeoPackageStore(gpkg).prepare(List.of(ReplayRun.box("Z1", 45.0, 0.6, 45.1, 0.7)));
    int rows = 5;
    long each = 64L * 1024 * 1024 / (rows - 1); // 64 Mi characters at most: the last row is over

    int exit =
        run(
            "--db",
            gpkg.toString(),
            "--csv",
            "SELECT printf('%.*c', " + each + ", 'x') FROM (VALUES (1), (2), (3), (4), (5))");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString().lines())
        .singleElement()
        .asString()
        .contains("the result holds more than 64 Mi characters");
    assertThat(out.toString()).isEmpty();
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

  /** The schema and every zone and flow of the GeoPackage, read with a plain connection. */
  private static String contents(Path gpkg) throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + gpkg)) {
      return DatabaseContents.of(
          db,
          "SELECT type, name, sql FROM sqlite_master ORDER BY name",
          "SELECT id, name, hex(geom) FROM zones ORDER BY id",
          "SELECT * FROM flows ORDER BY unit, unit_id, window_start",
          "PRAGMA journal_mode");
    }
  }

  private List<Path> files() throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> !p.toString().endsWith("-shm") && !p.toString().endsWith("-wal"))
          .sorted()
          .toList();
    }
  }

  private int run(String... args) {
    String[] line = new String[args.length + 1];
    line[0] = "query";
    System.arraycopy(args, 0, line, 1, args.length);
    return MobiflowCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), line);
  }
}
