package io.mobiflow.jobs.zoneflow.functions;

import io.mobiflow.jobs.zoneflow.ZoneSample;
import io.mobiflow.jobs.zoneflow.indicators.Indicators;
import io.mobiflow.jobs.zoneflow.indicators.Measure;
import io.mobiflow.jobs.zoneflow.indicators.Observation;
import java.util.Arrays;

/**
 * The sums of one unit and window: a count per {@link Observation}, a count and a sum per {@link
 * Measure}, the delays (for quantiles) and the span and fewest vehicles of the station intervals.
 * What a sample adds is its observation's declaration; what the sums give, its source's indicators
 * ({@code io.mobiflow.jobs.zoneflow.indicators}). A Flink POJO (public fields, no-arg constructor)
 * so that window state is serialized without Kryo.
 *
 * <p>Sums are exact: whole multiples of each measure's resolution ({@link Measure#scale()}) in
 * longs, so that they do not depend on the order in which the samples came (floating-point addition
 * is not associative: the same samples, merged from several tasks in another order, gave other last
 * digits). Integer measures (seconds of delay and headway, vehicles, whole km/h) are kept as they
 * are, station times to the millisecond, counter measures to a millionth; within the decoders'
 * bounds a sum overflows only past a million readings of 20,000 veh/h at 300 km/h in one window and
 * unit, which throws rather than wraps.
 */
public class ZoneFlowAccumulator {

  /** Counts per slot ({@link Indicators#slot}: an observation's, or a measure's samples). */
  public long[] counts = new long[Indicators.SLOT_IDS.size()];

  /**
   * Sum of sample values per measure's slot in units of the measure's resolution (the value times
   * its {@link Measure#scale()}); 0 in an observation's slot.
   */
  public long[] exactSums = new long[Indicators.SLOT_IDS.size()];

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

  /** Counts the observation and adds what its declaration says a sample adds. */
  void add(ZoneSample sample) {
    Observation observation = sample.observation();
    counts[Indicators.slot(observation)]++;
    observation.sums().add(sample, this);
  }

  /** Adds a value of a measure: counted and summed, unless NaN (not known). */
  public void add(Measure measure, double value) {
    if (!Double.isNaN(value)) {
      int i = Indicators.slot(measure);
      counts[i]++;
      exactSums[i] = Math.addExact(exactSums[i], Math.round(value * measure.scale()));
    }
  }

  /** Keeps a delay for the quantiles. */
  public void addDelay(int seconds) {
    if (delayCount == delays.length) {
      delays = Arrays.copyOf(delays, delayCount * 2);
    }
    delays[delayCount++] = seconds;
  }

  /** Widens the span of the station intervals and keeps the fewest vehicles available. */
  public void addStationInterval(long fromMs, long toMs, int vehiclesAvailable) {
    stationsFrom = Math.min(stationsFrom, fromMs);
    stationsTo = Math.max(stationsTo, toMs);
    minVehiclesAvailable = Math.min(minVehiclesAvailable, vehiclesAvailable);
  }

  void addAll(ZoneFlowAccumulator other) {
    for (int i = 0; i < other.delayCount; i++) {
      addDelay(other.delays[i]);
    }
    for (int i = 0; i < counts.length; i++) {
      counts[i] += other.counts[i];
      exactSums[i] = Math.addExact(exactSums[i], other.exactSums[i]);
    }
    addStationInterval(other.stationsFrom, other.stationsTo, other.minVehiclesAvailable);
  }

  /** How many samples of an observation came. */
  public long count(Observation observation) {
    return counts[Indicators.slot(observation)];
  }

  /** How many values of a measure were added. */
  public long count(Measure measure) {
    return counts[Indicators.slot(measure)];
  }

  /** The sum of a measure's values. */
  public double sum(Measure measure) {
    return exactSums[Indicators.slot(measure)] / measure.scale();
  }

  /** The mean of a measure's values, or null when there is none. */
  public Double mean(Measure measure) {
    long count = count(measure);
    return count == 0 ? null : sum(measure) / count;
  }

  /** The ratio of two measures' sums, or null when the denominator has no value or sums to 0. */
  public Double ratio(Measure numerator, Measure denominator) {
    double sum = sum(denominator);
    return count(denominator) == 0 || sum == 0 ? null : sum(numerator) / sum;
  }

  /** The delays kept, in the order they came (a copy). */
  public int[] delays() {
    return Arrays.copyOf(delays, delayCount);
  }

  /** Seconds from the first station interval's start to the last one's end. */
  public double stationSpanSeconds() {
    return (stationsTo - stationsFrom) / 1000.0;
  }
}
