package io.mobiflow.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code mobiflow <args>} in a JVM of its own, started as the {@code ./mobiflow} launcher starts
 * it: {@code java <jvm-options.txt> -Xmx<as in ./mobiflow> -Dlog4j2.configurationFile=<log4j2-cli
 * .properties> ... Main <args>}, on this JVM's class path (the module's classes and dependencies,
 * Flink included), with environment variables of its own if asked: what a test cannot give the test
 * JVM (its heap, its environment).
 */
public final class LauncherProcess {

  /** How it ended: its exit code, its standard output and error, its log (empty if none). */
  public record Result(int exitCode, String out, String err, String log) {}

  private LauncherProcess() {}

  /**
   * Runs {@code mobiflow <args>} in {@code dir} (its log, output and error go there: {@code
   * mobiflow.log}, {@code stdout.txt}, {@code stderr.txt}), with {@code environment} added to this
   * JVM's; fails the test if it has not ended within {@code timeout}.
   */
  public static Result run(
      Path dir, Map<String, String> environment, Duration timeout, String... args)
      throws Exception {
    Path launcher = Path.of("target/launcher");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(Files.readString(launcher.resolve("jvm-options.txt")).trim().split("\\s+")));
    command.add(launcherHeap());
    command.add(
        "-Dlog4j2.configurationFile=" + launcher.resolve("log4j2-cli.properties").toAbsolutePath());
    command.add("-Dmobiflow.log.file=" + dir.resolve("mobiflow.log"));
    command.addAll(
        List.of("-cp", System.getProperty("java.class.path"), "io.mobiflow.app.cli.Main"));
    command.addAll(List.of(args));
    Path log = dir.resolve("mobiflow.log");
    Path out = dir.resolve("stdout.txt");
    Path err = dir.resolve("stderr.txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    builder.environment().putAll(environment);
    Process process = builder.start();
    if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor();
      throw new AssertionError(
          "mobiflow "
              + args[0]
              + " did not finish within "
              + timeout.toSeconds()
              + " s; its stderr:\n"
              + Files.readString(err));
    }
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8),
        Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "");
  }

  /** The -Xmx of the ./mobiflow launcher script, so that a test follows it. */
  private static String launcherHeap() throws IOException {
    Matcher xmx = Pattern.compile("-Xmx\\S+").matcher(Files.readString(Path.of("../mobiflow")));
    assertThat(xmx.find()).as("-Xmx in ./mobiflow").isTrue();
    return xmx.group();
  }
}
