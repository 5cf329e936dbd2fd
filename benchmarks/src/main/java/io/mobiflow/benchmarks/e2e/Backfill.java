package io.mobiflow.benchmarks.e2e;

import io.mobiflow.connectors.sink.JsonLinesFileSink;
import io.mobiflow.connectors.source.SnapshotReplaySource;
import io.mobiflow.jobs.config.MobiflowConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Files in, files out: the decoders alone, then at each parallelism the zone-flow job (JSON lines
 * of its zone flows and dead letters) and the baseline (JSON lines of its windows), all over the
 * same snapshot files in one process.
 */
final class Backfill {

  /** The job's zone flows, in a run's job folder. */
  static final String JOB_FLOWS = "zone-flows";

  private Backfill() {}

  /**
   * Measures every pipeline over {@code workload}; the outputs of parallelism {@code p} are in
   * {@code work/p<p>/job/} and {@code work/p<p>/baseline/}.
   */
  static List<Measurement> run(
      Workload workload, List<Integer> parallelisms, Path work, boolean suggestions)
      throws Exception {
    List<Measurement> runs = new ArrayList<>();
    runs.add(workload.decodersAlone());
    for (int parallelism : parallelisms) {
      Path dir = work.resolve("p" + parallelism);
      Path jobOut = dir.resolve("job");
      MobiflowConfig jobRun =
          RunConfigs.backfill(
              workload.config(), jobOut, dir.resolve("job-checkpoints"), suggestions);
      runs.add(Runs.job(workload, jobRun, parallelism, 0, () -> lines(jobOut.resolve(JOB_FLOWS))));
      Path baselineOut = dir.resolve("baseline");
      MobiflowConfig baselineRun =
          RunConfigs.backfill(
              workload.config(), baselineOut, dir.resolve("baseline-checkpoints"), false);
      runs.add(
          Runs.baseline(
              workload,
              baselineRun,
              SnapshotReplaySource.of(workload.files()),
              new JsonLinesFileSink<>(baselineOut),
              parallelism,
              () -> lines(baselineOut)));
    }
    return runs;
  }

  /** The lines of the JSON-lines part files in {@code dir}. */
  static long lines(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".jsonl"))
          .mapToLong(Backfill::lineCount)
          .sum();
    }
  }

  private static long lineCount(Path file) {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
