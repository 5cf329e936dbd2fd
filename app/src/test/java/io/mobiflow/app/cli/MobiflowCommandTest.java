package io.mobiflow.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MobiflowCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void printsTheVersion() {
    assertThat(run("--version")).isZero();
    assertThat(out.toString()).startsWith("mobiflow ").contains("Apache Flink 2.2.0");
  }

  @Test
  void printsHelpListingTheDemo() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("Usage: mobiflow").contains("demo");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "demo --no-such-flag      | Unknown option: '--no-such-flag'",
        "--frobnicate             | Unknown option: '--frobnicate'",
        "demo --minutes 3         | --minutes must be within 5..1440",
        "demo --minutes many      | Invalid value for option '--minutes'",
        "demo --parallelism 0     | --parallelism must be within 1..8",
        "demo --parallelism 16    | --parallelism must be within 1..8",
        "demo --date 2030-01-01   | outside the bundled timetable",
        "demo --date 13/01/2026   | Invalid value for option '--date'",
        "nosuchcommand            | Unmatched argument",
        "record --out x           | Missing required option: '--feeds=FILE'",
        "record --feeds nowhere.json --out x | feeds file nowhere.json does not exist",
        "record --feeds f --out x --duration 10 | Invalid value for option '--duration'",
        "inspect                  | Missing required parameter: 'FILE|DIR'",
        "serve                    | give one of --from DIR or --config FILE",
        "serve --from a --config b | give one of --from DIR or --config FILE",
        "serve --from nowhere     | no such directory: nowhere",
        "serve --from . --port 70000 | --port must be within 0..65535",
        "serve --from . --at yesterday | --at 'yesterday' is not an ISO-8601 time"
      })
  void answersBadArgumentsWithOneLineAndExitCode2(String arguments, String message) {
    assertThat(run(arguments.strip().split(" +"))).isEqualTo(2);
    assertThat(err.toString().lines()).singleElement().asString().contains(message);
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void answersAnUnusableOutputDirectoryWithOneLineAndExitCode2(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    assertThat(run("demo", "--out", file.toString(), "--minutes", "5")).isEqualTo(2);
    assertThat(err.toString().lines()).singleElement().asString().startsWith("mobiflow demo: ");
    assertThat(err.toString()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  private int run(String... args) {
    return MobiflowCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }
}
