package io.mobiflow.jobs.zoneflow.functions;

import io.mobiflow.jobs.zoneflow.Metric;
import io.mobiflow.jobs.zoneflow.ZoneSample;

/**
 * Count and sum of every {@link Metric} in one zone and window. A Flink POJO (public fields, no-arg
 * constructor) so that window state is serialized without Kryo.
 */
public class ZoneFlowAccumulator {

  /** Samples per metric, indexed by {@link Metric#ordinal()}. */
  public long[] counts = new long[Metric.values().length];

  /** Sum of sample values per metric, indexed by {@link Metric#ordinal()}. */
  public double[] sums = new double[Metric.values().length];

  /** Counts the observation and adds its measures to their metrics. */
  void add(ZoneSample sample) {
    counts[sample.observation().ordinal()]++;
    switch (sample.observation()) {
      case COUNTER_READING -> {
        measure(Metric.FLOW_VEH_H, sample.first());
        measure(Metric.OCCUPANCY_PCT, sample.second());
        measure(Metric.SPEED_KMH, sample.third());
      }
      case STOP_TIME_UPDATE -> {
        measure(Metric.DELAY_SECONDS, sample.first());
        if (sample.second() == 1) {
          counts[Metric.STOP_NOT_SERVED.ordinal()]++;
        }
      }
      case STATION_STATUS -> {
        measure(Metric.VEHICLES_AVAILABLE, sample.first());
        measure(Metric.DOCKS_AVAILABLE, sample.second());
      }
      default -> {}
    }
  }

  private void measure(Metric metric, double value) {
    if (!Double.isNaN(value)) {
      counts[metric.ordinal()]++;
      sums[metric.ordinal()] += value;
    }
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
