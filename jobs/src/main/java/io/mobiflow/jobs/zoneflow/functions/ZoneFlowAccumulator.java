package io.mobiflow.jobs.zoneflow.functions;

import io.mobiflow.jobs.zoneflow.Metric;

/**
 * Count and sum of every {@link Metric} in one zone and window. A Flink POJO (public fields, no-arg
 * constructor) so that window state is serialized without Kryo.
 */
public class ZoneFlowAccumulator {

  /** Samples per metric, indexed by {@link Metric#ordinal()}. */
  public long[] counts = new long[Metric.values().length];

  /** Sum of sample values per metric, indexed by {@link Metric#ordinal()}. */
  public double[] sums = new double[Metric.values().length];

  void add(Metric metric, double value) {
    counts[metric.ordinal()]++;
    sums[metric.ordinal()] += value;
  }

  void addAll(ZoneFlowAccumulator other) {
    for (int i = 0; i < counts.length; i++) {
      counts[i] += other.counts[i];
      sums[i] += other.sums[i];
    }
  }

  long count(Metric metric) {
    return counts[metric.ordinal()];
  }

  /** The mean of a metric's samples, or null when there is none. */
  Double mean(Metric metric) {
    long count = counts[metric.ordinal()];
    return count == 0 ? null : sums[metric.ordinal()] / count;
  }
}
