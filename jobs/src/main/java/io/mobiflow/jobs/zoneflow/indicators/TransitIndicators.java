package io.mobiflow.jobs.zoneflow.indicators;

import io.mobiflow.connectors.gtfsrt.model.MatchedStopTimeUpdate;
import io.mobiflow.connectors.gtfsrt.model.MatchedVehiclePosition;
import io.mobiflow.connectors.gtfsrt.model.OccupancyStatus;
import io.mobiflow.connectors.gtfsrt.model.StopRelationship;
import io.mobiflow.connectors.gtfsrt.model.StopTimeUpdate;
import io.mobiflow.connectors.gtfsrt.model.VehiclePosition;
import io.mobiflow.jobs.zoneflow.Departure;
import io.mobiflow.jobs.zoneflow.SpatialUnit;
import io.mobiflow.jobs.zoneflow.ZoneSample;
import io.mobiflow.jobs.zoneflow.functions.CellLocator;
import io.mobiflow.jobs.zoneflow.functions.Sampler;
import io.mobiflow.jobs.zoneflow.functions.ZoneFlowAccumulator;
import java.util.Arrays;
import java.util.List;

/**
 * Transit indicators, from GTFS-Realtime vehicle positions and trip updates (and the departures and
 * headways derived from them): their measures, how those events become samples, what a sample adds
 * to a window and the {@link Transit} group computed from the window's sums.
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

  /** A vehicle position: crowded or not; in its route and its own cell. */
  public static final Sampler<MatchedVehiclePosition> VEHICLE_POSITIONS =
      new Sampler<>() {
        @Override
        public ZoneSample zoneSample(MatchedVehiclePosition matched) {
          VehiclePosition position = matched.position();
          return ZoneSample.of(matched.zoneId(), VEHICLE_POSITION, position.observedAt())
              .with(CROWDED, crowded(position.occupancy()));
        }

        @Override
        public String idIn(SpatialUnit unit, MatchedVehiclePosition matched, CellLocator cells) {
          VehiclePosition position = matched.position();
          return switch (unit) {
            case ROUTE -> position.routeId();
            case H3 -> cells.at(position.latitude(), position.longitude());
            default -> null;
          };
        }
      };

  /** A stop update: delay, not served; in its stop, its route and the stop's cell. */
  public static final Sampler<MatchedStopTimeUpdate> STOP_TIME_UPDATES =
      new Sampler<>() {
        @Override
        public ZoneSample zoneSample(MatchedStopTimeUpdate matched) {
          StopTimeUpdate update = matched.update();
          boolean notServed =
              update.relationship() == StopRelationship.SKIPPED
                  || update.relationship() == StopRelationship.TRIP_CANCELED;
          return ZoneSample.of(matched.zoneId(), STOP_TIME_UPDATE, update.observedAt())
              .with(DELAY_SECONDS, notServed ? null : update.delaySeconds())
              .with(STOP_NOT_SERVED, notServed ? 1 : 0);
        }

        @Override
        public String idIn(SpatialUnit unit, MatchedStopTimeUpdate matched, CellLocator cells) {
          return switch (unit) {
            case STOP -> matched.stopId();
            case ROUTE -> matched.update().routeId();
            case H3 -> cells.ofStop(matched.stopId());
            default -> null;
          };
        }
      };

  /** A departure: headway; in its stop, its route and the stop's cell. */
  public static final Sampler<Departure> DEPARTURES =
      new Sampler<>() {
        @Override
        public ZoneSample zoneSample(Departure departure) {
          return ZoneSample.of(departure.matched().zoneId(), DEPARTURE, departure.at())
              .with(HEADWAY_SECONDS, departure.headwaySeconds());
        }

        @Override
        public String idIn(SpatialUnit unit, Departure departure, CellLocator cells) {
          return STOP_TIME_UPDATES.idIn(unit, departure.matched(), cells);
        }
      };

  /**
   * 1 for standing room only or fuller, 0 for seats available, NaN where the feed says nothing (or
   * that it has no data).
   */
  static double crowded(OccupancyStatus occupancy) {
    if (occupancy == null) {
      return Double.NaN;
    }
    return switch (occupancy) {
      case EMPTY, MANY_SEATS_AVAILABLE, FEW_SEATS_AVAILABLE -> 0;
      case STANDING_ROOM_ONLY, CRUSHED_STANDING_ROOM_ONLY, FULL, NOT_ACCEPTING_PASSENGERS -> 1;
      case NO_DATA_AVAILABLE, NOT_BOARDABLE -> Double.NaN;
    };
  }

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
   * The transit indicators of a unit and window ({@code docs/indicators.md}, "Transit"). A count of
   * zero means the feeds said nothing; the means are then {@code null}.
   *
   * @param transitData whether transit vehicles or stop updates were reported
   * @param vehiclePositions transit vehicle positions reported
   * @param crowdedShare share of the positions giving an occupancy status that say standing room
   *     only or fuller
   * @param stopTimeUpdates stop time updates
   * @param meanDelaySeconds mean predicted delay over those updates that carry one, seconds
   * @param p90DelaySeconds 90th percentile of those delays (nearest rank), seconds
   * @param onTimeShare share of those delays within −60 s to +300 s, in [0, 1]
   * @param stopsNotServed updates saying a stop will be skipped or its trip is cancelled
   * @param scheduledDepartures departures the static timetable schedules in the window (stops and
   *     zones, with a timetable configured; else null)
   * @param realtimeDepartures departures at the last time GTFS-Realtime predicted them
   * @param meanHeadwaySeconds mean time between consecutive departures of a route at a stop
   * @param headwayCv coefficient of variation of those headways (regularity: 0 is regular)
   */
  public record Transit(
      boolean transitData,
      long vehiclePositions,
      Double crowdedShare,
      long stopTimeUpdates,
      Double meanDelaySeconds,
      Integer p90DelaySeconds,
      Double onTimeShare,
      long stopsNotServed,
      Integer scheduledDepartures,
      long realtimeDepartures,
      Double meanHeadwaySeconds,
      Double headwayCv) {

    /**
     * The transit indicators of a window's sums.
     *
     * @param scheduledDepartures what the timetable schedules in the unit and window, or null
     */
    public static Transit of(ZoneFlowAccumulator window, Integer scheduledDepartures) {
      long positions = window.count(VEHICLE_POSITION);
      long updates = window.count(STOP_TIME_UPDATE);
      long departures = window.count(DEPARTURE);
      return new Transit(
          positions + updates + departures > 0,
          positions,
          window.mean(CROWDED),
          updates,
          window.mean(DELAY_SECONDS),
          p90Delay(window),
          TransitIndicators.onTimeShare(window),
          window.count(STOP_NOT_SERVED),
          scheduledDepartures,
          departures,
          window.mean(HEADWAY_SECONDS),
          TransitIndicators.headwayCv(window));
    }

    /** The observations counted: vehicle positions and stop time updates. */
    public long observations() {
      return vehiclePositions + stopTimeUpdates;
    }
  }

  /**
   * The coefficient of variation of the headways (standard deviation over mean; 0 for perfectly
   * regular service), or null with fewer than two headways.
   */
  static Double headwayCv(ZoneFlowAccumulator window) {
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
  static Integer p90Delay(ZoneFlowAccumulator window) {
    int[] sorted = window.delays();
    if (sorted.length == 0) {
      return null;
    }
    Arrays.sort(sorted);
    return sorted[(int) Math.ceil(0.9 * sorted.length) - 1];
  }

  /** The share of delays within [−60 s, +300 s], or null without delays. */
  static Double onTimeShare(ZoneFlowAccumulator window) {
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
