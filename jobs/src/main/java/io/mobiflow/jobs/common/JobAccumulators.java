package io.mobiflow.jobs.common;

/**
 * The names of the accumulators the jobs' operators count in: a run reads them while it runs (its
 * progress) and when it ends (its summary). Each is a prefix: one accumulator per decoding operator
 * or per reason, to be summed.
 */
public final class JobAccumulators {

  /** Counts the snapshots the job has decoded (one per decoding operator: sum them). */
  public static final String SNAPSHOTS_READ = "mobiflow-snapshots-";

  /** Counts the events matched to places. */
  public static final String EVENTS_MATCHED = "mobiflow-events-";

  /** With a {@code RejectReason}'s name: counts the dead letters of that reason. */
  public static final String DEAD_LETTERS = "mobiflow-dead-letters-";

  private JobAccumulators() {}
}
