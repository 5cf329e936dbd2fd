package io.mobiflow.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.app.cli.MobiflowCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * {@code mobiflow demo} with its defaults (seed 42, 2026-01-13 from 07:00 for 120 min, parallelism
 * 2), given explicitly, run once per test JVM into {@code target/default-demo}: the tests that read
 * what it wrote and printed (the golden, the privacy scan) share one run of about ten seconds.
 */
final class DefaultDemo {

  /**
   * One run of the demo.
   *
   * @param out the output folder
   * @param printed what the command printed
   */
  record Run(Path out, String printed) {}

  private static Run run;

  private DefaultDemo() {}

  /** The run, made on the first call; the tests only read its folder. */
  static synchronized Run run() throws Exception {
    if (run == null) {
      Path out = Path.of("target", "default-demo").toAbsolutePath();
      deleteRecursively(out);
      StringWriter printed = new StringWriter();
      StringWriter errors = new StringWriter();
      int exit =
          MobiflowCommand.execute(
              new PrintWriter(printed, true),
              new PrintWriter(errors, true),
              "demo",
              "--out",
              out.toString(),
              "--seed",
              "42",
              "--date",
              "2026-01-13",
              "--from",
              "07:00",
              "--minutes",
              "120",
              "--parallelism",
              "2");
      assertThat(exit).as("exit code; errors: %s", errors).isZero();
      run = new Run(out, printed.toString());
    }
    return run;
  }

  private static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
