package io.mobiflow.connectors.gtfsrt.model;

/**
 * How a stop of a trip is served, combining GTFS-Realtime's StopTimeUpdate.ScheduleRelationship
 * with a cancelled trip (TripDescriptor CANCELED applies to every stop).
 */
public enum StopRelationship {
  /** Served, with a predicted time or delay. */
  SCHEDULED,
  /** Served; the feed does not list this stop, its delay is carried over from an earlier one. */
  PROPAGATED,
  /** Not served: the vehicle passes without stopping. */
  SKIPPED,
  /** No realtime information for this stop. */
  NO_DATA,
  /** The whole trip is cancelled. */
  TRIP_CANCELED
}
