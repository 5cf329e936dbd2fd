package io.mobiflow.jobs.zoneflow.indicators;

import io.mobiflow.jobs.zoneflow.ZoneSample;
import io.mobiflow.jobs.zoneflow.functions.ZoneFlowAccumulator;
import java.util.List;

/** Road indicators, from traffic counters: their measures and how they are computed. */
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

  /** Mean speed weighted by flow where readings give both, else the plain mean of speeds. */
  public static Double meanSpeed(ZoneFlowAccumulator window) {
    Double weighted = window.ratio(FLOW_TIMES_SPEED, FLOW_WITH_SPEED);
    return weighted != null ? weighted : window.mean(SPEED_KMH);
  }

  /** Speed over free-flow speed, or null when either is unknown. */
  public static Double speedIndex(ZoneFlowAccumulator window) {
    Double speed = meanSpeed(window);
    Double freeFlow = window.mean(FREE_FLOW_KMH);
    return speed == null || freeFlow == null ? null : speed / freeFlow;
  }
}
