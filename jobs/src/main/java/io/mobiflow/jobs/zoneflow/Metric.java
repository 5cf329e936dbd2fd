package io.mobiflow.jobs.zoneflow;

/**
 * What a {@link ZoneSample} measures. Presence metrics count observations (their value is 1); the
 * others are averaged over the window.
 */
public enum Metric {
  /** One counter reading (presence). */
  COUNTER_READING,
  /** Traffic flow of one reading, vehicles per hour. */
  FLOW_VEH_H,
  /** Loop occupancy of one reading, percent. */
  OCCUPANCY_PCT,
  /** Mean speed of one reading, km/h. */
  SPEED_KMH,
  /** One vehicle position (presence). */
  VEHICLE_POSITION,
  /** One stop time update (presence). */
  STOP_TIME_UPDATE,
  /** The predicted delay at a stop, seconds (positive = late). */
  DELAY_SECONDS,
  /** A stop that will not be served: skipped, or its trip cancelled (presence). */
  STOP_NOT_SERVED,
  /** One station status report (presence). */
  STATION_STATUS,
  /** Vehicles available at a station in one report. */
  VEHICLES_AVAILABLE,
  /** Docks available at a station in one report. */
  DOCKS_AVAILABLE,
  /** A free-floating vehicle taken (presence). */
  PICK_UP,
  /** A free-floating vehicle left (presence). */
  DROP_OFF
}
