package io.mobiflow.jobs.zoneflow.indicators;

import io.mobiflow.jobs.zoneflow.ZoneSample;
import io.mobiflow.jobs.zoneflow.functions.ZoneFlowAccumulator;
import java.util.List;

/**
 * Shared-mobility indicators, from GBFS station status and free-floating vehicles: their measures
 * and how they are computed.
 */
public final class SharedMobilityIndicators {

  private SharedMobilityIndicators() {}

  /** Vehicles disabled at a station in one report. */
  public static final Measure VEHICLES_DISABLED =
      new Measure("vehicles_disabled", 1, "vehicles disabled at a station in one report");

  /** Vehicles available at a station during an interval. */
  public static final Measure VEHICLES_AVAILABLE =
      new Measure(
          "vehicles_available", 1, "vehicles available at a station during a station interval");

  /** Docks available at a station during an interval. */
  public static final Measure DOCKS_AVAILABLE =
      new Measure("docks_available", 1, "docks available at a station during a station interval");

  /** The length of a station interval. */
  public static final Measure STATION_SECONDS =
      new Measure("station_seconds", 1e3, "length of a station interval, seconds (to the ms)");

  /** Vehicles available × seconds. */
  public static final Measure VEHICLE_SECONDS =
      new Measure("vehicle_seconds", 1e3, "vehicles available × seconds of a station interval");

  /** Docks available × seconds. */
  public static final Measure DOCK_SECONDS =
      new Measure(
          "dock_seconds", 1e3, "docks available × seconds of a station interval that gives docks");

  /** Seconds without a vehicle available. */
  public static final Measure EMPTY_SECONDS =
      new Measure(
          "empty_seconds", 1e3, "seconds of a station interval without a vehicle available");

  /** Seconds without a dock available. */
  public static final Measure FULL_SECONDS =
      new Measure("full_seconds", 1e3, "seconds of a station interval without a dock available");

  /** One station status report: vehicles disabled. */
  public static final Observation STATION_STATUS =
      new Observation(
          "station_status",
          "one station status report",
          List.of(VEHICLES_DISABLED),
          (report, window) -> window.add(VEHICLES_DISABLED, report.value(VEHICLES_DISABLED)));

  /**
   * A time during which a station's counts held, from the sample's time: vehicles and docks
   * available, its length.
   */
  public static final Observation STATION_INTERVAL =
      new Observation(
          "station_interval",
          "a time during which a station's counts held, from the sample's time",
          List.of(VEHICLES_AVAILABLE, DOCKS_AVAILABLE, STATION_SECONDS),
          SharedMobilityIndicators::sumInterval);

  /** A free-floating vehicle taken. */
  public static final Observation PICK_UP =
      Observation.presence("pick_up", "a free-floating vehicle taken");

  /** A free-floating vehicle left. */
  public static final Observation DROP_OFF =
      Observation.presence("drop_off", "a free-floating vehicle left");

  /** The observations of this source, in declaration order. */
  static final List<Observation> OBSERVATIONS =
      List.of(STATION_STATUS, STATION_INTERVAL, PICK_UP, DROP_OFF);

  /** The measures of this source, in declaration order. */
  static final List<Measure> MEASURES =
      List.of(
          VEHICLES_DISABLED,
          STATION_SECONDS,
          VEHICLE_SECONDS,
          DOCK_SECONDS,
          EMPTY_SECONDS,
          FULL_SECONDS,
          VEHICLES_AVAILABLE,
          DOCKS_AVAILABLE);

  private static void sumInterval(ZoneSample interval, ZoneFlowAccumulator window) {
    double vehicles = interval.value(VEHICLES_AVAILABLE);
    double docks = interval.value(DOCKS_AVAILABLE);
    double seconds = interval.value(STATION_SECONDS);
    window.add(STATION_SECONDS, seconds);
    window.add(VEHICLE_SECONDS, vehicles * seconds);
    window.add(DOCK_SECONDS, docks * seconds);
    window.add(EMPTY_SECONDS, vehicles == 0 ? seconds : 0);
    window.add(FULL_SECONDS, docks == 0 ? seconds : 0);
    long from = interval.observedAt().toEpochMilli();
    window.addStationInterval(from, from + Math.round(seconds * 1000), (int) vehicles);
  }

  /**
   * A time-weighted station quantity over the time the stations were known in the window: its
   * seconds-weighted sum divided by the span from the first interval's start to the last one's end,
   * or null without station intervals.
   */
  public static Double overStationSpan(ZoneFlowAccumulator window, Measure weighted) {
    if (window.count(STATION_INTERVAL) == 0 || window.count(weighted) == 0) {
      return null;
    }
    return window.sum(weighted) / window.stationSpanSeconds();
  }

  /** Station-minutes of a seconds measure, or null without station intervals. */
  public static Double stationMinutes(ZoneFlowAccumulator window, Measure seconds) {
    return window.count(STATION_INTERVAL) == 0 ? null : window.sum(seconds) / 60;
  }

  /** The fewest vehicles available at one station at any time, or null without intervals. */
  public static Integer minVehicles(ZoneFlowAccumulator window) {
    return window.count(STATION_INTERVAL) == 0 ? null : window.minVehiclesAvailable;
  }
}
