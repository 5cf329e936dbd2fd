package io.mobiflow.jobs.zoneflow.indicators;

import io.mobiflow.connectors.counters.model.CounterReading;
import io.mobiflow.connectors.counters.model.TrafficState;
import io.mobiflow.jobs.zoneflow.Congestion;
import io.mobiflow.jobs.zoneflow.RoadReading;
import io.mobiflow.jobs.zoneflow.SpatialUnit;
import io.mobiflow.jobs.zoneflow.ZoneSample;
import io.mobiflow.jobs.zoneflow.functions.CellLocator;
import io.mobiflow.jobs.zoneflow.functions.Sampler;
import io.mobiflow.jobs.zoneflow.functions.ZoneFlowAccumulator;
import java.util.List;

/**
 * Road indicators, from traffic counters: their measures, how a reading becomes a sample, what it
 * adds to a window and the {@link Road} group computed from the window's sums.
 */
public final class RoadIndicators {

  private RoadIndicators() {}

  /** Traffic flow of one reading. */
  public static final Measure FLOW_VEH_H =
      new Measure("flow_veh_h", 1e6, "traffic flow of one reading, vehicles per hour");

  /** Loop occupancy of one reading. */
  public static final Measure OCCUPANCY_PCT =
      new Measure("occupancy_pct", 1e6, "loop occupancy of one reading, percent");

  /** Mean speed of one reading. */
  public static final Measure SPEED_KMH =
      new Measure("speed_kmh", 1e6, "mean speed of one reading, km/h");

  /** The site's free-flow speed at the time of a reading. */
  public static final Measure FREE_FLOW_KMH =
      new Measure(
          "free_flow_kmh", 1, "the site's learned free-flow speed at a reading, whole km/h");

  /** Flow × speed of the readings that have both: the numerator of the flow-weighted speed. */
  public static final Measure FLOW_TIMES_SPEED =
      new Measure(
          "flow_times_speed", 1e6, "flow × speed of a reading that has both (summed: Σ qᵢ·vᵢ)");

  /** Flow of the readings that have a speed too: the denominator of the flow-weighted speed. */
  public static final Measure FLOW_WITH_SPEED =
      new Measure("flow_with_speed", 1e6, "flow of a reading that has a speed too (summed: Σ qᵢ)");

  /** One counter reading: flow, occupancy, speed, the site's free-flow speed. */
  public static final Observation COUNTER_READING =
      new Observation(
          "counter_reading",
          "one traffic-counter reading",
          List.of(FLOW_VEH_H, OCCUPANCY_PCT, SPEED_KMH, FREE_FLOW_KMH),
          RoadIndicators::sum);

  /** The observations of this source, in declaration order. */
  static final List<Observation> OBSERVATIONS = List.of(COUNTER_READING);

  /** The measures of this source, in declaration order. */
  static final List<Measure> MEASURES =
      List.of(
          FLOW_VEH_H, OCCUPANCY_PCT, SPEED_KMH, FLOW_TIMES_SPEED, FLOW_WITH_SPEED, FREE_FLOW_KMH);

  /** A reading: flow, occupancy, speed, free-flow speed; in its site and the site's cell. */
  public static final Sampler<RoadReading> READINGS =
      new Sampler<>() {
        @Override
        public ZoneSample zoneSample(RoadReading road) {
          CounterReading reading = road.matched().reading();
          return ZoneSample.of(road.matched().zoneId(), COUNTER_READING, reading.observedAt())
              .with(FLOW_VEH_H, reading.flowVehH())
              .with(OCCUPANCY_PCT, reading.occupancyPct())
              .with(SPEED_KMH, reading.speedKmh())
              .with(FREE_FLOW_KMH, road.freeFlowSpeedKmh());
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

  private static void sum(ZoneSample reading, ZoneFlowAccumulator window) {
    double flow = reading.value(FLOW_VEH_H);
    double speed = reading.value(SPEED_KMH);
    window.add(FLOW_VEH_H, flow);
    window.add(OCCUPANCY_PCT, reading.value(OCCUPANCY_PCT));
    window.add(SPEED_KMH, speed);
    window.add(FREE_FLOW_KMH, reading.value(FREE_FLOW_KMH));
    if (!Double.isNaN(flow) && !Double.isNaN(speed)) {
      window.add(FLOW_TIMES_SPEED, flow * speed);
      window.add(FLOW_WITH_SPEED, flow);
    }
  }

  /**
   * The road indicators of a unit and window ({@code docs/indicators.md}, "Road"). A count of zero
   * means the counters said nothing; the means are then {@code null}.
   *
   * @param roadData whether counters reported in the unit and window
   * @param counterReadings traffic-counter readings
   * @param meanFlowVehH mean flow over the readings, vehicles per hour
   * @param meanOccupancyPct mean loop occupancy, percent
   * @param meanSpeedKmh flow-weighted mean speed, km/h (the plain mean where no flow is given)
   * @param freeFlowSpeedKmh mean of the sites' learned free-flow speeds, km/h
   * @param speedIndex mean speed / free-flow speed
   * @param congestion congestion level from the mean occupancy, else from the speed index
   */
  public record Road(
      boolean roadData,
      long counterReadings,
      Double meanFlowVehH,
      Double meanOccupancyPct,
      Double meanSpeedKmh,
      Double freeFlowSpeedKmh,
      Double speedIndex,
      TrafficState congestion) {

    /** The road indicators of a window's sums. */
    public static Road of(ZoneFlowAccumulator window) {
      long readings = window.count(COUNTER_READING);
      Double meanOccupancy = window.mean(OCCUPANCY_PCT);
      Double speedIndex = RoadIndicators.speedIndex(window);
      return new Road(
          readings > 0,
          readings,
          window.mean(FLOW_VEH_H),
          meanOccupancy,
          meanSpeed(window),
          window.mean(FREE_FLOW_KMH),
          speedIndex,
          Congestion.level(meanOccupancy, speedIndex));
    }

    /** The observations counted: the readings. */
    public long observations() {
      return counterReadings;
    }
  }

  /** Mean speed weighted by flow where readings give both, else the plain mean of speeds. */
  static Double meanSpeed(ZoneFlowAccumulator window) {
    Double weighted = window.ratio(FLOW_TIMES_SPEED, FLOW_WITH_SPEED);
    return weighted != null ? weighted : window.mean(SPEED_KMH);
  }

  /** Speed over free-flow speed, or null when either is unknown. */
  static Double speedIndex(ZoneFlowAccumulator window) {
    Double speed = meanSpeed(window);
    Double freeFlow = window.mean(FREE_FLOW_KMH);
    return speed == null || freeFlow == null ? null : speed / freeFlow;
  }
}
