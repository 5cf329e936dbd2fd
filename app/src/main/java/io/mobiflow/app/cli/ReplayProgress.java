package io.mobiflow.app.cli;

import io.mobiflow.jobs.common.JobAccumulators;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;

/**
 * Follows a running job and prints its progress every {@code interval}: snapshots decoded (as a bar
 * when the total is known, as in a replay), events matched and events per second; then one closing
 * line with the totals.
 */
final class ReplayProgress {

  private static final int BAR = 30;

  private final PrintWriter out;
  private final long totalSnapshots;
  private final long started = System.nanoTime();

  /**
   * @param totalSnapshots the snapshots the job will decode, or -1 when unknown (Kafka)
   */
  ReplayProgress(PrintWriter out, long totalSnapshots) {
    this.out = out;
    this.totalSnapshots = totalSnapshots;
  }

  /** Waits for the job, printing progress; rethrows its failure. */
  JobExecutionResult follow(JobClient job, Duration interval) throws Exception {
    while (true) {
      try {
        JobExecutionResult result =
            job.getJobExecutionResult().get(interval.toMillis(), TimeUnit.MILLISECONDS);
        out.println(line("done", result.getAllAccumulatorResults()));
        out.flush();
        return result;
      } catch (TimeoutException running) {
        try {
          out.println(
              line(
                  "running",
                  job.getAccumulators().get(interval.toMillis(), TimeUnit.MILLISECONDS)));
          out.flush();
        } catch (TimeoutException | ExecutionException notYet) {
          // accumulators are not reported before the tasks run: the next line will have them
        }
      }
    }
  }

  /** A progress line from the job's accumulators. */
  String line(String state, Map<String, Object> accumulators) {
    long snapshots = sum(accumulators, JobAccumulators.SNAPSHOTS_READ);
    long events = sum(accumulators, JobAccumulators.EVENTS_MATCHED);
    double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
    StringBuilder line = new StringBuilder(state).append(' ');
    if (totalSnapshots > 0) {
      int filled = (int) Math.min(BAR, BAR * snapshots / totalSnapshots);
      line.append('[')
          .append("#".repeat(filled))
          .append(".".repeat(BAR - filled))
          .append("] ")
          .append(snapshots)
          .append(" of ")
          .append(totalSnapshots)
          .append(" snapshots, ");
    } else {
      line.append(snapshots).append(" snapshots, ");
    }
    return line.append(
            String.format(
                Locale.ROOT, "%d events, %.0f events/s, %.0f s", events, events / seconds, seconds))
        .toString();
  }

  /** The sum of the numeric accumulators whose name starts with {@code prefix}. */
  static long sum(Map<String, Object> accumulators, String prefix) {
    return accumulators.entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix) && e.getValue() instanceof Number)
        .mapToLong(e -> ((Number) e.getValue()).longValue())
        .sum();
  }
}
