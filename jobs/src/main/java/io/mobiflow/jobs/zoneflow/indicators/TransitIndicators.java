package io.mobiflow.jobs.zoneflow.indicators;

import io.mobiflow.jobs.zoneflow.ZoneSample;
import io.mobiflow.jobs.zoneflow.functions.ZoneFlowAccumulator;
import java.util.Arrays;
import java.util.List;

/**
 * Transit indicators, from GTFS-Realtime vehicle positions and trip updates (and the departures and
 * headways derived from them): their measures and how they are computed.
 */
public final class TransitIndicators {

  private TransitIndicators() {}

  /** The on-time band of the on-time share: from this many seconds early... */
  public static final int ON_TIME_EARLIEST_SECONDS = -60;

  /** ...to this many seconds late, inclusive. */
  public static final int ON_TIME_LATEST_SECONDS = 300;

  /** Whether a vehicle position says the vehicle is crowded. */
  public static final Measure CROWDED =
      new Measure(
          "crowded",
          1,
          "1 if a vehicle position says standing room only or fuller, 0 if it says seats;"
              + " not known where the feed says nothing");

  /** The predicted delay at a stop. */
  public static final Measure DELAY_SECONDS =
      new Measure("delay_seconds", 1, "predicted delay at a stop, whole seconds (positive = late)");

  /** Whether a stop will not be served. */
  public static final Measure STOP_NOT_SERVED =
      new Measure(
          "stop_not_served",
          1,
          "1 if an update says its stop is skipped or its trip cancelled, else 0 (the 1s are"
              + " counted)");

  /** Seconds since the previous departure of the same route at the stop. */
  public static final Measure HEADWAY_SECONDS =
      new Measure(
          "headway_seconds",
          1,
          "seconds since the previous departure of the same route at the stop");

  /** The square of a headway, for its variance. */
  public static final Measure HEADWAY_SQUARED =
      new Measure("headway_squared", 1, "the square of a headway, for their variance");

  /** One vehicle position: whether the vehicle is crowded. */
  public static final Observation VEHICLE_POSITION =
      new Observation(
          "vehicle_position",
          "one transit vehicle position",
          List.of(CROWDED),
          (position, window) -> window.add(CROWDED, position.value(CROWDED)));

  /** One stop time update: its delay, whether the stop is not served. */
  public static final Observation STOP_TIME_UPDATE =
      new Observation(
          "stop_time_update",
          "one stop time update of a trip",
          List.of(DELAY_SECONDS, STOP_NOT_SERVED),
          TransitIndicators::sumUpdate);

  /** A realtime departure from a stop: its headway. */
  public static final Observation DEPARTURE =
      new Observation(
          "departure",
          "a departure from a stop at the last time GTFS-Realtime predicted it",
          List.of(HEADWAY_SECONDS),
          TransitIndicators::sumDeparture);

  /** The observations of this source, in declaration order. */
  static final List<Observation> OBSERVATIONS =
      List.of(VEHICLE_POSITION, STOP_TIME_UPDATE, DEPARTURE);

  /** The measures of this source, in declaration order. */
  static final List<Measure> MEASURES =
      List.of(CROWDED, DELAY_SECONDS, STOP_NOT_SERVED, HEADWAY_SECONDS, HEADWAY_SQUARED);

  private static void sumUpdate(ZoneSample update, ZoneFlowAccumulator window) {
    double delay = update.value(DELAY_SECONDS);
    window.add(DELAY_SECONDS, delay);
    if (!Double.isNaN(delay)) {
      window.addDelay((int) delay);
    }
    if (update.value(STOP_NOT_SERVED) == 1) {
      window.add(STOP_NOT_SERVED, 1);
    }
  }

  private static void sumDeparture(ZoneSample departure, ZoneFlowAccumulator window) {
    double headway = departure.value(HEADWAY_SECONDS);
    window.add(HEADWAY_SECONDS, headway);
    window.add(HEADWAY_SQUARED, headway * headway);
  }

  /**
   * The coefficient of variation of the headways (standard deviation over mean; 0 for perfectly
   * regular service), or null with fewer than two headways.
   */
  public static Double headwayCv(ZoneFlowAccumulator window) {
    long n = window.count(HEADWAY_SECONDS);
    if (n < 2) {
      return null;
    }
    double mean = window.sum(HEADWAY_SECONDS) / n;
    double variance = Math.max(0, window.sum(HEADWAY_SQUARED) / n - mean * mean);
    return Math.sqrt(variance) / mean;
  }

  /**
   * The 90th percentile of the delays by the nearest-rank method (the smallest delay at or above
   * which 90 % of them lie: rank ⌈0.9 n⌉), or null without delays.
   */
  public static Integer p90Delay(ZoneFlowAccumulator window) {
    int[] sorted = window.delays();
    if (sorted.length == 0) {
      return null;
    }
    Arrays.sort(sorted);
    return sorted[(int) Math.ceil(0.9 * sorted.length) - 1];
  }

  /** The share of delays within [−60 s, +300 s], or null without delays. */
  public static Double onTimeShare(ZoneFlowAccumulator window) {
    int[] delays = window.delays();
    if (delays.length == 0) {
      return null;
    }
    int onTime = 0;
    for (int delay : delays) {
      if (delay >= ON_TIME_EARLIEST_SECONDS && delay <= ON_TIME_LATEST_SECONDS) {
        onTime++;
      }
    }
    return onTime / (double) delays.length;
  }
}
