package io.mobiflow.jobs.zoneflow;

/**
 * What a {@link ZoneSample} observes and what the window adds up. Presence metrics count
 * observations; the others are sums of measures, of which the indicators are means or ratios.
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
  /** Flow × speed of the readings that have both: the numerator of the flow-weighted speed. */
  FLOW_TIMES_SPEED,
  /** Flow of the readings that have a speed too: the denominator of the flow-weighted speed. */
  FLOW_WITH_SPEED,
  /** The site's free-flow speed at the time of a reading, km/h. */
  FREE_FLOW_KMH,
  /** One vehicle position (presence). */
  VEHICLE_POSITION,
  /** A vehicle position saying the vehicle is crowded (1) or not (0), where the feed says. */
  CROWDED,
  /** One stop time update (presence). */
  STOP_TIME_UPDATE,
  /** The predicted delay at a stop, seconds (positive = late). */
  DELAY_SECONDS,
  /** A stop that will not be served: skipped, or its trip cancelled (presence). */
  STOP_NOT_SERVED,
  /** A realtime departure from a stop (presence). */
  DEPARTURE,
  /** Seconds since the previous departure of the same route at the stop. */
  HEADWAY_SECONDS,
  /** The square of a headway, for its variance. */
  HEADWAY_SQUARED,
  /** One station status report (presence). */
  STATION_STATUS,
  /** Vehicles disabled at a station in one report. */
  VEHICLES_DISABLED,
  /** A time during which a station's counts held (presence). */
  STATION_INTERVAL,
  /** Seconds of station state: the length of every station interval. */
  STATION_SECONDS,
  /** Vehicles available × seconds, over the station intervals. */
  VEHICLE_SECONDS,
  /** Docks available × seconds, over the station intervals that give docks. */
  DOCK_SECONDS,
  /** Seconds during which a station had no vehicle available. */
  EMPTY_SECONDS,
  /** Seconds during which a station had no dock available. */
  FULL_SECONDS,
  /** A free-floating vehicle taken (presence). */
  PICK_UP,
  /** A free-floating vehicle left (presence). */
  DROP_OFF
}
