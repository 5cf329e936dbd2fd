package io.mobiflow.jobs.zoneflow.functions;

import io.mobiflow.jobs.zoneflow.Metric;
import io.mobiflow.jobs.zoneflow.ZoneSample;
import java.util.Arrays;

/**
 * Counts and sums of every {@link Metric} in one unit and window, and the few extremes that are not
 * sums. A Flink POJO (public fields, no-arg constructor) so that window state is serialized without
 * Kryo.
 *
 * <p>Sums are exact: whole multiples of each metric's resolution ({@link #scale}) in longs, so that
 * they do not depend on the order in which the samples came (floating-point addition is not
 * associative: the same samples, merged from several tasks in another order, gave other last
 * digits). Integer measures (seconds of delay and headway, vehicles, whole km/h) are kept as they
 * are, station times to the millisecond, counter measures to a millionth; within the decoders'
 * bounds a sum overflows only past a million readings of 20,000 veh/h at 300 km/h in one window and
 * unit, which throws rather than wraps.
 */
public class ZoneFlowAccumulator {

  /** The on-time band of the on-time share: from this many seconds early... */
  public static final int ON_TIME_EARLIEST_SECONDS = -60;

  /** ...to this many seconds late, inclusive. */
  public static final int ON_TIME_LATEST_SECONDS = 300;

  /** Samples per metric, indexed by {@link Metric#ordinal()}. */
  public long[] counts = new long[Metric.values().length];

  /**
   * Sum of sample values per metric in units of the metric's resolution (the value times {@link
   * #scale}), indexed by {@link Metric#ordinal()}.
   */
  public long[] exactSums = new long[Metric.values().length];

  /** The delays seen, in seconds, for quantiles; {@code delayCount} of them are in use. */
  public int[] delays = new int[8];

  /** How many entries of {@link #delays} are in use. */
  public int delayCount;

  /** Start of the earliest station interval, epoch ms. */
  public long stationsFrom = Long.MAX_VALUE;

  /** End of the latest station interval, epoch ms. */
  public long stationsTo = Long.MIN_VALUE;

  /** The fewest vehicles available at one station in any interval. */
  public int minVehiclesAvailable = Integer.MAX_VALUE;

  /** Counts the observation and adds its measures to their metrics. */
  void add(ZoneSample sample) {
    counts[sample.observation().ordinal()]++;
    switch (sample.observation()) {
      case COUNTER_READING -> {
        measure(Metric.FLOW_VEH_H, sample.first());
        measure(Metric.OCCUPANCY_PCT, sample.second());
        measure(Metric.SPEED_KMH, sample.third());
        measure(Metric.FREE_FLOW_KMH, sample.fourth());
        if (!Double.isNaN(sample.first()) && !Double.isNaN(sample.third())) {
          measure(Metric.FLOW_TIMES_SPEED, sample.first() * sample.third());
          measure(Metric.FLOW_WITH_SPEED, sample.first());
        }
      }
      case VEHICLE_POSITION -> measure(Metric.CROWDED, sample.first());
      case STOP_TIME_UPDATE -> {
        measure(Metric.DELAY_SECONDS, sample.first());
        if (!Double.isNaN(sample.first())) {
          delay((int) sample.first());
        }
        if (sample.second() == 1) {
          counts[Metric.STOP_NOT_SERVED.ordinal()]++;
        }
      }
      case DEPARTURE -> {
        measure(Metric.HEADWAY_SECONDS, sample.second());
        measure(Metric.HEADWAY_SQUARED, sample.second() * sample.second());
      }
      case STATION_STATUS -> measure(Metric.VEHICLES_DISABLED, sample.first());
      case STATION_INTERVAL -> stationInterval(sample);
      default -> {}
    }
  }

  private void stationInterval(ZoneSample sample) {
    double vehicles = sample.first();
    double docks = sample.second();
    double seconds = sample.third();
    measure(Metric.STATION_SECONDS, seconds);
    measure(Metric.VEHICLE_SECONDS, vehicles * seconds);
    measure(Metric.DOCK_SECONDS, docks * seconds);
    measure(Metric.EMPTY_SECONDS, vehicles == 0 ? seconds : 0);
    measure(Metric.FULL_SECONDS, docks == 0 ? seconds : 0);
    long from = sample.observedAt().toEpochMilli();
    stationsFrom = Math.min(stationsFrom, from);
    stationsTo = Math.max(stationsTo, from + Math.round(seconds * 1000));
    minVehiclesAvailable = Math.min(minVehiclesAvailable, (int) vehicles);
  }

  private void delay(int seconds) {
    if (delayCount == delays.length) {
      delays = Arrays.copyOf(delays, delayCount * 2);
    }
    delays[delayCount++] = seconds;
  }

  private void measure(Metric metric, double value) {
    if (!Double.isNaN(value)) {
      int i = metric.ordinal();
      counts[i]++;
      exactSums[i] = Math.addExact(exactSums[i], Math.round(value * SCALES[i]));
    }
  }

  /** How many units of its sum one unit of {@code metric} is: the inverse of its resolution. */
  static double scale(Metric metric) {
    return switch (metric) {
      case FLOW_VEH_H, OCCUPANCY_PCT, SPEED_KMH, FLOW_TIMES_SPEED, FLOW_WITH_SPEED -> 1e6;
      case STATION_SECONDS, VEHICLE_SECONDS, DOCK_SECONDS, EMPTY_SECONDS, FULL_SECONDS -> 1e3;
      default -> 1; // counts, whole seconds, vehicles, 0/1 flags, whole km/h
    };
  }

  private static final double[] SCALES =
      Arrays.stream(Metric.values()).mapToDouble(ZoneFlowAccumulator::scale).toArray();

  /** The sum of a metric's sample values. */
  double sum(Metric metric) {
    return exactSums[metric.ordinal()] / SCALES[metric.ordinal()];
  }

  void addAll(ZoneFlowAccumulator other) {
    for (int i = 0; i < other.delayCount; i++) {
      delay(other.delays[i]);
    }
    for (int i = 0; i < counts.length; i++) {
      counts[i] += other.counts[i];
      exactSums[i] = Math.addExact(exactSums[i], other.exactSums[i]);
    }
    stationsFrom = Math.min(stationsFrom, other.stationsFrom);
    stationsTo = Math.max(stationsTo, other.stationsTo);
    minVehiclesAvailable = Math.min(minVehiclesAvailable, other.minVehiclesAvailable);
  }

  long count(Metric metric) {
    return counts[metric.ordinal()];
  }

  /** The mean of a metric's samples, or null when there is none. */
  Double mean(Metric metric) {
    long count = counts[metric.ordinal()];
    return count == 0 ? null : sum(metric) / count;
  }

  /** The ratio of two metrics' sums, or null when the denominator has no sample or sums to 0. */
  Double ratio(Metric numerator, Metric denominator) {
    double sum = sum(denominator);
    return counts[denominator.ordinal()] == 0 || sum == 0 ? null : sum(numerator) / sum;
  }

  /** Mean speed weighted by flow where readings give both, else the plain mean of speeds. */
  Double meanSpeed() {
    Double weighted = ratio(Metric.FLOW_TIMES_SPEED, Metric.FLOW_WITH_SPEED);
    return weighted != null ? weighted : mean(Metric.SPEED_KMH);
  }

  /** Speed over free-flow speed, or null when either is unknown. */
  Double speedIndex() {
    Double speed = meanSpeed();
    Double freeFlow = mean(Metric.FREE_FLOW_KMH);
    return speed == null || freeFlow == null ? null : speed / freeFlow;
  }

  /**
   * A time-weighted station quantity over the time the stations were known in the window: its
   * seconds-weighted sum divided by the span from the first interval's start to the last one's end,
   * or null without station intervals.
   */
  Double overStationSpan(Metric weighted) {
    if (count(Metric.STATION_INTERVAL) == 0 || count(weighted) == 0) {
      return null;
    }
    return sum(weighted) / ((stationsTo - stationsFrom) / 1000.0);
  }

  /** Station-minutes of a seconds metric, or null without station intervals. */
  Double stationMinutes(Metric seconds) {
    return count(Metric.STATION_INTERVAL) == 0 ? null : sum(seconds) / 60;
  }

  Integer minVehicles() {
    return count(Metric.STATION_INTERVAL) == 0 ? null : minVehiclesAvailable;
  }

  /**
   * The coefficient of variation of the headways (standard deviation over mean; 0 for perfectly
   * regular service), or null with fewer than two headways.
   */
  Double headwayCv() {
    long n = count(Metric.HEADWAY_SECONDS);
    if (n < 2) {
      return null;
    }
    double mean = sum(Metric.HEADWAY_SECONDS) / n;
    double variance = Math.max(0, sum(Metric.HEADWAY_SQUARED) / n - mean * mean);
    return Math.sqrt(variance) / mean;
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
}
