package io.mobiflow.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.app.testing.VelibBackfill;
import io.mobiflow.jobs.store.PostgisStore;
import io.mobiflow.jobs.testing.DatabaseContents;
import io.mobiflow.jobs.testing.PostgisServer;
import io.mobiflow.jobs.testing.ReplayRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mobiflow query --config} on a real PostgreSQL/PostGIS server: a query answers; every
 * statement that would write is refused and leaves the database as it was, whatever it tries to end
 * the read-only transaction with; a query stops at its time limit.
 */
class PostgisQueryITCase {

  @RegisterExtension static final PostgisServer POSTGIS = new PostgisServer();

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private Path config;

  @BeforeEach
  void prepare() throws Exception {
    config =
        VelibBackfill.config(
            dir,
            VelibBackfill.ARRONDISSEMENT_ZONES,
            "postgres: {url: \"%s\", user: %s, files: out}"
                .formatted(POSTGIS.url(), POSTGIS.user()));
    new PostgisStore(POSTGIS.url(), POSTGIS.user(), null)
        .prepare(
            List.of(
                ReplayRun.box("Z1", 45.0, 0.6, 45.1, 0.7),
                ReplayRun.box("Z2", 44.9, 0.6, 45.0, 0.7)));
  }

  @Test
  void answersAQuery() {
    assertThat(run("SELECT id FROM zones WHERE id IN ('Z1', 'Z2') ORDER BY id;")).isZero();
    assertThat(out.toString().lines().toList()).containsExactly("id", "Z1", "Z2", "(2 rows)");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void refusesEveryStatementThatWritesAndChangesNothing() throws Exception {
    String before = contents();
    // a folder the server may write into, whichever user it runs as
    Path open = Files.createTempDirectory("mobiflow-copy-");
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path copy = open.resolve("zones.csv");
    List<String> writes =
        List.of(
            "INSERT INTO zones (id, name, geom) VALUES ('Z9', 'Z9', ST_GeomFromText('POINT(0.6 45)', 4326))",
            "DELETE FROM zones",
            "DROP TABLE flows",
            "COMMIT; DROP TABLE flows",
            "SELECT 1; COMMIT; DROP TABLE flows",
            "SELECT 1; DELETE FROM zones",
            "SET TRANSACTION READ WRITE",
            "SET default_transaction_read_only = off; DELETE FROM zones",
            "WITH gone AS (DELETE FROM zones RETURNING id) SELECT COUNT(*) FROM gone",
            "SELECT * FROM zones FOR UPDATE",
            "COPY zones TO '" + copy + "'");
    for (String write : writes) {
      err.getBuffer().setLength(0);
      int exit = run(write);
      assertThat(contents()).as("database unchanged by " + write).isEqualTo(before);
      assertThat(exit).as(write).isEqualTo(3);
      assertThat(err.toString().lines()).as(write).singleElement().asString().contains("refused");
    }
    assertThat(copy).doesNotExist();
    Files.delete(open);
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void aQueryStopsAtTheTimeLimit() {
    long started = System.nanoTime();

    int exit = run("--timeout", "PT1S", "SELECT pg_sleep(30)");

    assertThat(exit).isEqualTo(4);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
    assertThat(err.toString().lines())
        .singleElement()
        .asString()
        .contains("time limit of PT1S (--timeout)");
    assertThat(out.toString()).isEmpty();
  }

  /** The tables of the public schema and every zone and flow, read with a plain connection. */
  private static String contents() throws Exception {
    try (Connection db = POSTGIS.connect()) {
      return DatabaseContents.of(
          db,
          "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
              + " ORDER BY table_name",
          "SELECT id, name, ST_AsText(geom) FROM zones ORDER BY id",
          "SELECT unit, unit_id, window_start FROM flows ORDER BY 1, 2, 3",
          "SHOW default_transaction_read_only");
    }
  }

  private int run(String... args) {
    String[] line = new String[args.length + 3];
    line[0] = "query";
    line[1] = "--config";
    line[2] = config.toString();
    System.arraycopy(args, 0, line, 3, args.length);
    return MobiflowCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), line);
  }
}
