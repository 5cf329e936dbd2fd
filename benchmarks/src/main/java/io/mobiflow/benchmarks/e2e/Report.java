package io.mobiflow.benchmarks.e2e;

import io.mobiflow.connectors.sink.JsonLines;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The results of one harness command: what was measured on what, printed as a table and written as
 * JSON.
 *
 * @param command the harness command
 * @param at when the command started
 * @param input the input directory
 * @param snapshots the snapshots the jobs read
 * @param events the input events
 * @param cores the machine's processors
 * @param java the Java runtime's version
 * @param runs the measured runs
 * @param notes other figures of the command (e.g. the raw topics' load time)
 */
record Report(
    String command,
    Instant at,
    String input,
    long snapshots,
    long events,
    int cores,
    String java,
    List<Measurement> runs,
    Map<String, Object> notes) {

  Report {
    runs = List.copyOf(runs);
    notes = Collections.unmodifiableMap(new LinkedHashMap<>(notes));
  }

  /** Prints the table: rate, rate per core, ratio to the decoders alone and job / baseline. */
  void print(PrintStream out) {
    out.printf(
        Locale.ROOT,
        "%s: %s, %,d snapshots, %,d input events, %d cores, Java %s%n",
        command,
        input,
        snapshots,
        events,
        cores,
        java);
    notes.forEach((key, value) -> out.printf(Locale.ROOT, "%s: %s%n", key, value));
    if (runs.isEmpty()) {
      return;
    }
    Measurement decoders =
        runs.stream()
            .filter(r -> r.pipeline().equals(Measurement.DECODERS))
            .findFirst()
            .orElse(null);
    out.println(
        "| pipeline | parallelism | run s (net) | wall s | output records | events/s | per core"
            + " | per core / decoders | job / baseline |");
    out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (Measurement run : runs) {
      Measurement baseline =
          runs.stream()
              .filter(
                  r ->
                      r.pipeline().equals(Measurement.BASELINE)
                          && r.parallelism() == run.parallelism())
              .findFirst()
              .orElse(null);
      out.printf(
          Locale.ROOT,
          "| %s | %d | %.2f | %.2f | %,d | %,.0f | %,.0f | %s | %s |%n",
          run.pipeline(),
          run.parallelism(),
          run.seconds(),
          run.wallSeconds(),
          run.outputRecords(),
          run.eventsPerSecond(),
          run.eventsPerSecondPerCore(),
          decoders == null
              ? ""
              : String.format(
                  Locale.ROOT, "%.2f", run.eventsPerSecondPerCore() / decoders.eventsPerSecond()),
          run.pipeline().equals(Measurement.JOB) && baseline != null
              ? String.format(
                  Locale.ROOT, "%.2f", run.eventsPerSecond() / baseline.eventsPerSecond())
              : "");
    }
  }

  /** Writes the report as {@code <command>-<time>.json} into {@code dir}; returns the file. */
  Path write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve(command + "-" + at.toString().replace(':', '-') + ".json");
    JsonLines.MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), this);
    return file;
  }
}
