package io.mobiflow.jobs.zoneflow.functions;

import io.mobiflow.connectors.counters.model.CounterReading;
import io.mobiflow.connectors.gbfs.model.MatchedStationStatus;
import io.mobiflow.connectors.gbfs.model.MatchedVehicleChange;
import io.mobiflow.connectors.gbfs.model.StationStatus;
import io.mobiflow.connectors.gbfs.model.VehicleChange;
import io.mobiflow.connectors.gtfsrt.model.MatchedStopTimeUpdate;
import io.mobiflow.connectors.gtfsrt.model.MatchedVehiclePosition;
import io.mobiflow.connectors.gtfsrt.model.OccupancyStatus;
import io.mobiflow.connectors.gtfsrt.model.StopRelationship;
import io.mobiflow.connectors.gtfsrt.model.StopTimeUpdate;
import io.mobiflow.connectors.gtfsrt.model.VehiclePosition;
import io.mobiflow.jobs.zoneflow.Departure;
import io.mobiflow.jobs.zoneflow.RoadReading;
import io.mobiflow.jobs.zoneflow.SpatialUnit;
import io.mobiflow.jobs.zoneflow.StationInterval;
import io.mobiflow.jobs.zoneflow.ZoneSample;
import io.mobiflow.jobs.zoneflow.indicators.RoadIndicators;
import io.mobiflow.jobs.zoneflow.indicators.SharedMobilityIndicators;
import io.mobiflow.jobs.zoneflow.indicators.TransitIndicators;
import java.time.Duration;

/**
 * The {@link Sampler} of each matched event type: which measures it carries, which units it has.
 */
public final class ZoneSamples {

  private ZoneSamples() {}

  /** A reading: flow, occupancy, speed, free-flow speed; in its site and the site's cell. */
  public static final Sampler<RoadReading> ROAD_READINGS =
      new Sampler<>() {
        @Override
        public ZoneSample zoneSample(RoadReading road) {
          CounterReading reading = road.matched().reading();
          return ZoneSample.of(
                  road.matched().zoneId(), RoadIndicators.COUNTER_READING, reading.observedAt())
              .with(RoadIndicators.FLOW_VEH_H, reading.flowVehH())
              .with(RoadIndicators.OCCUPANCY_PCT, reading.occupancyPct())
              .with(RoadIndicators.SPEED_KMH, reading.speedKmh())
              .with(RoadIndicators.FREE_FLOW_KMH, road.freeFlowSpeedKmh());
        }

        @Override
        public String idIn(SpatialUnit unit, RoadReading road, CellLocator cells) {
          String site = road.matched().reading().siteId();
          return switch (unit) {
            case COUNTER_SITE -> site;
            case H3 -> cells.ofSite(site);
            default -> null;
          };
        }
      };

  /** A vehicle position: crowded or not; in its route and its own cell. */
  public static final Sampler<MatchedVehiclePosition> VEHICLE_POSITIONS =
      new Sampler<>() {
        @Override
        public ZoneSample zoneSample(MatchedVehiclePosition matched) {
          VehiclePosition position = matched.position();
          return ZoneSample.of(
                  matched.zoneId(), TransitIndicators.VEHICLE_POSITION, position.observedAt())
              .with(TransitIndicators.CROWDED, crowded(position.occupancy()));
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
          return ZoneSample.of(
                  matched.zoneId(), TransitIndicators.STOP_TIME_UPDATE, update.observedAt())
              .with(TransitIndicators.DELAY_SECONDS, notServed ? null : update.delaySeconds())
              .with(TransitIndicators.STOP_NOT_SERVED, notServed ? 1 : 0);
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
          return ZoneSample.of(
                  departure.matched().zoneId(), TransitIndicators.DEPARTURE, departure.at())
              .with(TransitIndicators.HEADWAY_SECONDS, departure.headwaySeconds());
        }

        @Override
        public String idIn(SpatialUnit unit, Departure departure, CellLocator cells) {
          return STOP_TIME_UPDATES.idIn(unit, departure.matched(), cells);
        }
      };

  /** A station report: vehicles disabled; in its station and the station's cell. */
  public static final Sampler<MatchedStationStatus> STATION_REPORTS =
      new Sampler<>() {
        @Override
        public ZoneSample zoneSample(MatchedStationStatus matched) {
          StationStatus status = matched.status();
          return ZoneSample.of(
                  matched.zoneId(), SharedMobilityIndicators.STATION_STATUS, status.observedAt())
              .with(SharedMobilityIndicators.VEHICLES_DISABLED, status.vehiclesDisabled());
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
          return ZoneSample.of(
                  interval.matched().zoneId(),
                  SharedMobilityIndicators.STATION_INTERVAL,
                  interval.from())
              .with(SharedMobilityIndicators.VEHICLES_AVAILABLE, status.vehiclesAvailable())
              .with(SharedMobilityIndicators.DOCKS_AVAILABLE, status.docksAvailable())
              .with(
                  SharedMobilityIndicators.STATION_SECONDS,
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
              change.kind() == VehicleChange.Kind.PICK_UP
                  ? SharedMobilityIndicators.PICK_UP
                  : SharedMobilityIndicators.DROP_OFF,
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
}
