package io.mobiflow.jobs.zoneflow;

import io.mobiflow.connectors.counters.model.TrafficState;

/**
 * The congestion level of a road over a window, on the Paris feeds' own scale ({@link
 * TrafficState}). From the loop occupancy where the counters give it, with the thresholds the City
 * of Paris uses for its published states (checked against every state of its files: below 15 % free
 * flow, below 30 % heavy, below 50 % congested, else blocked); else from the speed index (speed /
 * free-flow speed: at least 0.75 free flow, 0.5 heavy, 0.25 congested, else blocked).
 */
public final class Congestion {

  /** Occupancy thresholds, percent: the lower bounds of HEAVY, CONGESTED, BLOCKED. */
  static final double[] OCCUPANCY_PCT = {15, 30, 50};

  /** Speed-index thresholds: the lower bounds of CONGESTED, HEAVY, FREE_FLOW. */
  static final double[] SPEED_INDEX = {0.25, 0.5, 0.75};

  private Congestion() {}

  /** The level, or null when neither occupancy nor a speed index is known. */
  public static TrafficState level(Double occupancyPct, Double speedIndex) {
    if (occupancyPct != null) {
      int above = 0;
      while (above < OCCUPANCY_PCT.length && occupancyPct >= OCCUPANCY_PCT[above]) {
        above++;
      }
      return TrafficState.values()[above];
    }
    if (speedIndex != null) {
      int above = 0;
      while (above < SPEED_INDEX.length && speedIndex >= SPEED_INDEX[above]) {
        above++;
      }
      return TrafficState.values()[SPEED_INDEX.length - above];
    }
    return null;
  }
}
