package io.mobiflow.benchmarks.e2e;

/**
 * One measured run.
 *
 * @param pipeline {@link #JOB}, {@link #BASELINE} or {@link #DECODERS}
 * @param parallelism the run's parallelism (1 for the decoders alone: one thread)
 * @param snapshots the snapshots the run decoded
 * @param events the input events: the events the decoders accept in the input
 * @param outputRecords the records the run wrote (0 for the decoders alone)
 * @param seconds the time the rate is computed from: the job's net run time on the MiniCluster
 *     (submission to end, the cluster's start excluded), the decoders' loop
 * @param wallSeconds the wall time of the whole run, the MiniCluster's start included
 */
public record Measurement(
    String pipeline,
    int parallelism,
    long snapshots,
    long events,
    long outputRecords,
    double seconds,
    double wallSeconds) {

  /** The zone-flow job. */
  public static final String JOB = "job";

  /** The plain baseline job. */
  public static final String BASELINE = "baseline";

  /** The decoders alone, one thread. */
  public static final String DECODERS = "decoders";

  /** Input events per second. */
  public double eventsPerSecond() {
    return events / seconds;
  }

  /** Input events per second and core of parallelism. */
  public double eventsPerSecondPerCore() {
    return eventsPerSecond() / parallelism;
  }
}
