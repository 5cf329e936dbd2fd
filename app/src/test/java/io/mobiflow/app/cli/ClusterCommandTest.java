package io.mobiflow.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.jobs.testing.CaltrainCorridor;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code mobiflow cluster} without a cluster: a JobManager that does not answer is one line and
 * exit code 1 within seconds; bad arguments and a bad configuration are one line and exit code 2,
 * before any connection.
 */
class ClusterCommandTest {

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private String nowhere;
  private Path config;

  @BeforeEach
  void setUp() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      nowhere = "http://127.0.0.1:" + socket.getLocalPort(); // closed again: nothing listens
    }
    Files.writeString(dir.resolve("zones.geojson"), CaltrainCorridor.zonesGeoJson());
    Files.createDirectories(dir.resolve("feeds"));
    config =
        Files.writeString(
            dir.resolve("mobiflow.yaml"),
            """
            places: {zones: zones.geojson}
            sources: {snapshots: feeds}
            outputs: {json_lines: out}
            """);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"list", "submit", "stop"})
  void noJobManagerIsOneLineAndExitCode1WithinSeconds(String command) {
    String[] args =
        switch (command) {
          case "list" -> new String[] {"cluster", "list", "--rest", nowhere};
          case "submit" ->
              new String[] {"cluster", "submit", "--rest", nowhere, "--config", config.toString()};
          default ->
              new String[] {
                "cluster",
                "stop",
                "0123456789abcdef0123456789abcdef",
                "--rest",
                nowhere,
                "--savepoint-dir",
                dir.toString()
              };
        };
    long start = System.nanoTime();
    int code = run(args);
    double seconds = (System.nanoTime() - start) / 1e9;

    assertThat(code).as(err.toString()).isEqualTo(1);
    assertThat(err.toString().lines())
        .containsExactly(
            "mobiflow cluster "
                + command
                + ": no JobManager answers at "
                + nowhere
                + " (connection refused)");
    assertThat(out.toString()).isEmpty();
    assertThat(seconds).as("not retried for minutes").isLessThan(20);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no rest           | list                                     | Missing required option: '--rest=URL'",
        "rest not http     | list --rest 127.0.0.1:8081               | --rest takes the JobManager's REST address as http://host:port, not '127.0.0.1:8081'",
        "not a job id      | stop nothex --rest URL --savepoint-dir x | not a job id: 'nothex' (32 hex digits)",
        "no savepoint dir  | stop 0123456789abcdef0123456789abcdef --rest URL | Missing required option: '--savepoint-dir=URL'",
        "parallelism 0     | submit --rest URL --config CONFIG --parallelism 0 | --parallelism must be 1 or more",
        "allow without sp  | submit --rest URL --config CONFIG --allow-non-restored-state | --allow-non-restored-state needs --from-savepoint",
        "no jar            | submit --rest URL --config CONFIG --jar none.jar | no job jar at none.jar",
        "no config         | submit --rest URL | Missing required option: '--config=FILE'",
        "unknown key       | submit --rest URL --config BAD | key 'windows' is not a known key"
      })
  void badArgumentsAreOneLineAndExitCode2BeforeAnyConnection(String what, String args, String line)
      throws IOException {
    Path bad = Files.writeString(dir.resolve("bad.yaml"), "windows: {minutes: 5}\n");
    String[] words =
        ("cluster " + args.strip())
            .replace("URL", nowhere)
            .replace("CONFIG", config.toString())
            .replace("BAD", bad.toString())
            .split(" ");

    assertThat(run(words)).as(err.toString()).isEqualTo(2);
    assertThat(err.toString().lines()).singleElement().asString().contains(line);
    assertThat(err.toString()).doesNotContain("\tat ").doesNotContain("no JobManager");
  }

  private int run(String... args) {
    return MobiflowCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }
}
