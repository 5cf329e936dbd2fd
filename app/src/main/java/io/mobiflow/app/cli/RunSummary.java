package io.mobiflow.app.cli;

import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.jobs.common.JobAccumulators;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a finished run read and set aside, from its accumulators: events matched and dead letters
 * per reason. A run whose input was mostly rejected, or that read nothing, says so in a warning and
 * ends with {@link #TOO_MUCH_REJECTED} instead of a quiet success.
 *
 * @param events events matched to places
 * @param deadLetters dead letters per reason
 */
record RunSummary(long events, Map<RejectReason, Long> deadLetters) {

  /** Exit code of a run with more dead letters than its limit allows, or with no input at all. */
  static final int TOO_MUCH_REJECTED = 3;

  /** The summary of a run's final accumulators. */
  static RunSummary of(Map<String, Object> accumulators) {
    Map<RejectReason, Long> deadLetters = new EnumMap<>(RejectReason.class);
    for (RejectReason reason : RejectReason.values()) {
      long count = ReplayProgress.sum(accumulators, JobAccumulators.DEAD_LETTERS + reason.name());
      if (count > 0) {
        deadLetters.put(reason, count);
      }
    }
    return new RunSummary(
        ReplayProgress.sum(accumulators, JobAccumulators.EVENTS_MATCHED), deadLetters);
  }

  long rejected() {
    return deadLetters.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Dead letters over everything read (events and dead letters); 0 when nothing was read. */
  double rejectedShare() {
    long read = events + rejected();
    return read == 0 ? 0 : (double) rejected() / read;
  }

  /**
   * Prints the summary (and a warning when the run read nothing or rejected more than {@code
   * maxRejectedShare} of its records) and returns the exit code.
   */
  int report(PrintWriter out, PrintWriter err, double maxRejectedShare, String deadLetterPlace) {
    out.printf(
        Locale.ROOT,
        "%,d events, %,d dead letters%s%n",
        events,
        rejected(),
        deadLetters.isEmpty()
            ? ""
            : deadLetters.entrySet().stream()
                .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%,d", e.getValue()))
                .collect(Collectors.joining(", ", " (", ") in " + deadLetterPlace)));
    out.flush();
    if (events + rejected() == 0) {
      err.println("warning: the run read no record at all: check the sources and their kinds");
      err.flush();
      return TOO_MUCH_REJECTED;
    }
    if (rejectedShare() > maxRejectedShare) {
      err.printf(
          Locale.ROOT,
          "warning: %.1f %% of the records read were rejected (limits.max_rejected_share is %.1f %%);"
              + " see the dead letters in %s%n",
          100 * rejectedShare(),
          100 * maxRejectedShare,
          deadLetterPlace);
      err.flush();
      return TOO_MUCH_REJECTED;
    }
    return 0;
  }
}
