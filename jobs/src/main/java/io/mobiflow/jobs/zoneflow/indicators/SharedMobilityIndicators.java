package io.mobiflow.jobs.zoneflow.indicators;

import io.mobiflow.connectors.gbfs.model.MatchedStationStatus;
import io.mobiflow.connectors.gbfs.model.MatchedVehicleChange;
import io.mobiflow.connectors.gbfs.model.StationStatus;
import io.mobiflow.connectors.gbfs.model.VehicleChange;
import io.mobiflow.jobs.zoneflow.PrivacySettings;
import io.mobiflow.jobs.zoneflow.SpatialUnit;
import io.mobiflow.jobs.zoneflow.StationInterval;
import io.mobiflow.jobs.zoneflow.ZoneSample;
import io.mobiflow.jobs.zoneflow.functions.CellLocator;
import io.mobiflow.jobs.zoneflow.functions.Sampler;
import io.mobiflow.jobs.zoneflow.functions.ZoneFlowAccumulator;
import java.time.Duration;
import java.util.List;

/**
 * Shared-mobility indicators, from GBFS station status and free-floating vehicles: their measures,
 * how those events become samples, what a sample adds to a window and the {@link SharedMobility}
 * group computed from the window's sums, trip counts suppressed as {@link PrivacySettings} say.
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

  /** A station report: vehicles disabled; in its station and the station's cell. */
  public static final Sampler<MatchedStationStatus> STATION_REPORTS =
      new Sampler<>() {
        @Override
        public ZoneSample zoneSample(MatchedStationStatus matched) {
          StationStatus status = matched.status();
          return ZoneSample.of(matched.zoneId(), STATION_STATUS, status.observedAt())
              .with(VEHICLES_DISABLED, status.vehiclesDisabled());
        }

        @Override
        public String idIn(SpatialUnit unit, MatchedStationStatus matched, CellLocator cells) {
          return stationIdIn(unit, matched, cells);
        }
      };

  /** A held station state: vehicles, docks, seconds from its start; in its station and cell. */
  public static final Sampler<StationInterval> STATION_INTERVALS =
      new Sampler<>() {
        @Override
        public ZoneSample zoneSample(StationInterval interval) {
          StationStatus status = interval.matched().status();
          return ZoneSample.of(interval.matched().zoneId(), STATION_INTERVAL, interval.from())
              .with(VEHICLES_AVAILABLE, status.vehiclesAvailable())
              .with(DOCKS_AVAILABLE, status.docksAvailable())
              .with(
                  STATION_SECONDS,
                  Duration.between(interval.from(), interval.to()).toMillis() / 1000.0);
        }

        @Override
        public String idIn(SpatialUnit unit, StationInterval interval, CellLocator cells) {
          return stationIdIn(unit, interval.matched(), cells);
        }
      };

  /** A pick-up or drop-off; in the cell where it happened. */
  public static final Sampler<MatchedVehicleChange> VEHICLE_CHANGES =
      new Sampler<>() {
        @Override
        public ZoneSample zoneSample(MatchedVehicleChange matched) {
          VehicleChange change = matched.change();
          return ZoneSample.of(
              matched.zoneId(),
              change.kind() == VehicleChange.Kind.PICK_UP ? PICK_UP : DROP_OFF,
              change.observedAt());
        }

        @Override
        public String idIn(SpatialUnit unit, MatchedVehicleChange matched, CellLocator cells) {
          return unit == SpatialUnit.H3
              ? cells.at(matched.change().latitude(), matched.change().longitude())
              : null;
        }
      };

  private static String stationIdIn(
      SpatialUnit unit, MatchedStationStatus matched, CellLocator cells) {
    String station = matched.status().stationId();
    return switch (unit) {
      case STATION -> station;
      case H3 -> cells.ofStation(station);
      default -> null;
    };
  }

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
   * The shared-mobility indicators of a unit and window ({@code docs/indicators.md}, "Shared
   * mobility"). A count of zero means the feeds said nothing; the means are then {@code null}.
   *
   * @param sharedMobilityData whether stations or free-floating vehicles were reported
   * @param stationReports station status reports
   * @param vehiclesAvailable time-weighted mean of the vehicles available at the unit's stations
   * @param minVehiclesAvailable fewest vehicles available at one station at any time of the window
   * @param docksAvailable time-weighted mean of the docks available
   * @param emptyStationMinutes station-minutes without a vehicle available
   * @param fullStationMinutes station-minutes without a dock available
   * @param meanVehiclesDisabled mean disabled vehicles per station report
   * @param pickUps free-floating vehicles taken (see {@code FreeVehicleChanges}); {@code null} when
   *     suppressed: from 1 to k − 1 ({@link PrivacySettings#minCount}), or in an H3 cell finer than
   *     {@link PrivacySettings#maxH3ResolutionForTripCounts}
   * @param pickUpsSuppressed whether {@code pickUps} was suppressed (it is then {@code null})
   * @param dropOffs free-floating vehicles left; {@code null} when suppressed, as {@code pickUps}
   * @param dropOffsSuppressed whether {@code dropOffs} was suppressed
   */
  public record SharedMobility(
      boolean sharedMobilityData,
      long stationReports,
      Double vehiclesAvailable,
      Integer minVehiclesAvailable,
      Double docksAvailable,
      Double emptyStationMinutes,
      Double fullStationMinutes,
      Double meanVehiclesDisabled,
      Long pickUps,
      boolean pickUpsSuppressed,
      Long dropOffs,
      boolean dropOffsSuppressed) {

    public SharedMobility {
      if ((pickUps == null) != pickUpsSuppressed || (dropOffs == null) != dropOffsSuppressed) {
        throw new IllegalArgumentException("a trip count is null exactly when it is suppressed");
      }
    }

    /**
     * The shared-mobility indicators of a window's sums, trip counts as {@code privacy} allows in
     * the unit.
     *
     * @param h3Resolution the resolution of the H3 unit's cells
     */
    public static SharedMobility of(
        ZoneFlowAccumulator window, PrivacySettings privacy, SpatialUnit unit, int h3Resolution) {
      long reports = window.count(STATION_STATUS);
      boolean tripCounts = privacy.tripCountsIn(unit, h3Resolution);
      Long pickUps = tripCounts ? privacy.tripCount(window.count(PICK_UP)) : null;
      Long dropOffs = tripCounts ? privacy.tripCount(window.count(DROP_OFF)) : null;
      return new SharedMobility(
          reports + window.count(STATION_INTERVAL) + tripEnds(window) > 0,
          reports,
          overStationSpan(window, VEHICLE_SECONDS),
          minVehicles(window),
          overStationSpan(window, DOCK_SECONDS),
          stationMinutes(window, EMPTY_SECONDS),
          stationMinutes(window, FULL_SECONDS),
          window.mean(VEHICLES_DISABLED),
          pickUps,
          pickUps == null,
          dropOffs,
          dropOffs == null);
    }

    /**
     * The observations counted and published: station reports and the trip counts not suppressed.
     */
    public long observations() {
      return stationReports + (pickUps == null ? 0 : pickUps) + (dropOffs == null ? 0 : dropOffs);
    }
  }

  /** The pick-ups and drop-offs of a window, published or not. */
  public static long tripEnds(ZoneFlowAccumulator window) {
    return window.count(PICK_UP) + window.count(DROP_OFF);
  }

  /**
   * A time-weighted station quantity over the time the stations were known in the window: its
   * seconds-weighted sum divided by the span from the first interval's start to the last one's end,
   * or null without station intervals.
   */
  static Double overStationSpan(ZoneFlowAccumulator window, Measure weighted) {
    if (window.count(STATION_INTERVAL) == 0 || window.count(weighted) == 0) {
      return null;
    }
    return window.sum(weighted) / window.stationSpanSeconds();
  }

  /** Station-minutes of a seconds measure, or null without station intervals. */
  static Double stationMinutes(ZoneFlowAccumulator window, Measure seconds) {
    return window.count(STATION_INTERVAL) == 0 ? null : window.sum(seconds) / 60;
  }

  /** The fewest vehicles available at one station at any time, or null without intervals. */
  static Integer minVehicles(ZoneFlowAccumulator window) {
    return window.count(STATION_INTERVAL) == 0 ? null : window.minVehiclesAvailable;
  }
}
