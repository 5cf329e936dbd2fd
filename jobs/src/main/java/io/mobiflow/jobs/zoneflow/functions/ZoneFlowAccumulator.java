package io.mobiflow.jobs.zoneflow.functions;

import io.mobiflow.jobs.zoneflow.ZoneSample;
import io.mobiflow.jobs.zoneflow.indicators.Indicators;
import io.mobiflow.jobs.zoneflow.indicators.Measure;
import io.mobiflow.jobs.zoneflow.indicators.Observation;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 *
 * <p>Window state lives in savepoints, so the slots of {@link #counts} and {@link #exactSums}
 * travel with their ids ({@link #measureIds}): an accumulator restored from a build that declared
 * other observations or measures, or in another order, is laid out again by id on its first use
 * ({@link #conform}); a slot no longer declared is dropped (and logged). One restored from a 0.1
 * savepoint has no ids: its slots are those of 0.1 ({@link #V0_SLOT_IDS}). This class keeps its
 * name and stays a POJO: Flink restores heap state with the old snapshot's serializer, into the
 * class of the same name, field by field (DECISIONS D34).
 */
public class ZoneFlowAccumulator {

  private static final Logger LOG = LoggerFactory.getLogger(ZoneFlowAccumulator.class);

  /**
   * The slots of window state in 0.1 (36ce799): the constants of its {@code Metric} enum, in order,
   * as ids. Frozen: the layout of an accumulator without {@link #measureIds}.
   */
  static final List<String> V0_SLOT_IDS =
      List.of(
          "counter_reading",
          "flow_veh_h",
          "occupancy_pct",
          "speed_kmh",
          "flow_times_speed",
          "flow_with_speed",
          "free_flow_kmh",
          "vehicle_position",
          "crowded",
          "stop_time_update",
          "delay_seconds",
          "stop_not_served",
          "departure",
          "headway_seconds",
          "headway_squared",
          "station_status",
          "vehicles_disabled",
          "station_interval",
          "station_seconds",
          "vehicle_seconds",
          "dock_seconds",
          "empty_seconds",
          "full_seconds",
          "pick_up",
          "drop_off");

  private static final String[] V0 = V0_SLOT_IDS.toArray(String[]::new);

  /** The layout of this build: {@link Indicators#SLOT_IDS}. */
  static final String[] CURRENT = Indicators.SLOT_IDS.toArray(String[]::new);

  /**
   * The id of each slot of {@link #counts} and {@link #exactSums} (an observation's or a
   * measure's), or null in an accumulator of 0.1, laid out as {@link #V0_SLOT_IDS}.
   */
  public String[] measureIds;

  /** Counts per slot ({@link #measureIds}: an observation's, or a measure's values). */
  public long[] counts;

  /**
   * Sum of values per measure's slot in units of the measure's resolution (the value times its
   * {@link Measure#scale()}); 0 in an observation's slot.
   */
  public long[] exactSums;

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

  /**
   * An empty accumulator without ids, as Flink creates one before it reads its fields: laid out as
   * 0.1, until its first use lays it out as this build ({@link #CURRENT}).
   */
  public ZoneFlowAccumulator() {
    counts = new long[V0.length];
    exactSums = new long[V0.length];
  }

  /** An empty accumulator with these slots. */
  ZoneFlowAccumulator(String[] slotIds) {
    measureIds = slotIds;
    counts = new long[slotIds.length];
    exactSums = new long[slotIds.length];
  }

  /** The layout of these ids: {@link #CURRENT} itself when they are this build's. */
  static String[] layout(List<String> slotIds) {
    return slotIds.equals(Indicators.SLOT_IDS) ? CURRENT : slotIds.toArray(String[]::new);
  }

  /**
   * Lays the slots out as {@code target} (a {@link #layout}), moving each count and sum to the slot
   * of its id; a slot whose id {@code target} lacks is dropped, and logged when it held values.
   */
  void conform(String[] target) {
    if (measureIds == target) {
      return;
    }
    String[] from = measureIds == null ? V0 : measureIds;
    if (Arrays.equals(from, target)) {
      measureIds = target;
      return;
    }
    Map<String, Integer> slots = new HashMap<>();
    for (int i = 0; i < target.length; i++) {
      slots.put(target[i], i);
    }
    long[] movedCounts = new long[target.length];
    long[] movedSums = new long[target.length];
    for (int i = 0; i < from.length; i++) {
      Integer slot = slots.get(from[i]);
      if (slot != null) {
        movedCounts[slot] = counts[i];
        movedSums[slot] = exactSums[i];
      } else if (counts[i] != 0) {
        LOG.warn(
            "window state: '{}' is no longer declared; its {} values are dropped",
            from[i],
            counts[i]);
      }
    }
    measureIds = target;
    counts = movedCounts;
    exactSums = movedSums;
  }

  /** Counts the observation and adds what its declaration says a sample adds. */
  void add(ZoneSample sample) {
    Observation observation = sample.observation();
    int i = slot(observation.id(), Indicators.slot(observation)); // before the arrays: may lay out
    counts[i]++;
    observation.sums().add(sample, this);
  }

  /** Adds a value of a measure: counted and summed, unless NaN (not known). */
  public void add(Measure measure, double value) {
    if (!Double.isNaN(value)) {
      int i = slot(measure);
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

  /** Adds {@code other}'s values, laid out as this one first. */
  void addAll(ZoneFlowAccumulator other) {
    if (measureIds == null) {
      conform(CURRENT);
    }
    other.conform(measureIds);
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
    int i = slot(observation.id(), Indicators.slot(observation));
    return counts[i];
  }

  /** How many values of a measure were added. */
  public long count(Measure measure) {
    int i = slot(measure);
    return counts[i];
  }

  /** The sum of a measure's values. */
  public double sum(Measure measure) {
    int i = slot(measure);
    return exactSums[i] / measure.scale();
  }

  private int slot(Measure measure) {
    return slot(measure.id(), Indicators.slot(measure));
  }

  /**
   * The slot of an id: its declared slot in this build's layout (laid out as this build first if
   * 0.1), else looked up (a layout of the aggregator's test hook).
   */
  private int slot(String id, int declaredSlot) {
    if (measureIds == null) {
      conform(CURRENT);
    }
    if (measureIds == CURRENT) {
      return declaredSlot;
    }
    for (int i = 0; i < measureIds.length; i++) {
      if (measureIds[i].equals(id)) {
        return i;
      }
    }
    throw new IllegalArgumentException(id + " has no slot in this window's sums");
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
