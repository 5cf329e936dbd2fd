package io.mobiflow.jobs.zoneflow.functions;

import io.mobiflow.jobs.zoneflow.Metric;
import io.mobiflow.jobs.zoneflow.ZoneSample;
import java.util.Arrays;

/**
 * Count and sum of every {@link Metric} in one zone and window. A Flink POJO (public fields, no-arg
 * constructor) so that window state is serialized without Kryo.
 */
public class ZoneFlowAccumulator {

  /** Samples per metric, indexed by {@link Metric#ordinal()}. */
  public long[] counts = new long[Metric.values().length];

  /** Sum of sample values per metric, indexed by {@link Metric#ordinal()}. */
  public double[] sums = new double[Metric.values().length];

  /** The delays seen, in seconds, for quantiles; {@code delayCount} of them are in use. */
  public int[] delays = new int[8];

  /** How many entries of {@link #delays} are in use. */
  public int delayCount;

  /** The on-time band of the on-time share: from this many seconds early... */
  public static final int ON_TIME_EARLIEST_SECONDS = -60;

  /** ...to this many seconds late, inclusive. */
  public static final int ON_TIME_LATEST_SECONDS = 300;

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
        if (!Double.isNaN(sample.first())) {
          delay((int) sample.first());
        }
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

  private void delay(int seconds) {
    if (delayCount == delays.length) {
      delays = Arrays.copyOf(delays, delayCount * 2);
    }
    delays[delayCount++] = seconds;
  }

  /**
   * The 90th percentile of the delays by the nearest-rank method (the smallest delay at or above
   * which 90 % of them lie: rank ⌈0.9 n⌉), or null without delays.
   */
  Integer p90Delay() {
    if (delayCount == 0) {
      return null;
    }
    int[] sorted = Arrays.copyOf(delays, delayCount);
    Arrays.sort(sorted);
    return sorted[(int) Math.ceil(0.9 * delayCount) - 1];
  }

  /** The share of delays within [−60 s, +300 s], or null without delays. */
  Double onTimeShare() {
    if (delayCount == 0) {
      return null;
    }
    int onTime = 0;
    for (int i = 0; i < delayCount; i++) {
      if (delays[i] >= ON_TIME_EARLIEST_SECONDS && delays[i] <= ON_TIME_LATEST_SECONDS) {
        onTime++;
      }
    }
    return onTime / (double) delayCount;
  }

  private void measure(Metric metric, double value) {
    if (!Double.isNaN(value)) {
      counts[metric.ordinal()]++;
      sums[metric.ordinal()] += value;
    }
  }

  void addAll(ZoneFlowAccumulator other) {
    for (int i = 0; i < other.delayCount; i++) {
      delay(other.delays[i]);
    }
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
