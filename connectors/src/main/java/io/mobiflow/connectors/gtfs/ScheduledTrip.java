package io.mobiflow.connectors.gtfs;

import io.mobiflow.connectors.common.Require;
import java.util.List;

/**
 * A trip running on one service date, with its stops in order.
 *
 * @param tripId trip_id
 * @param routeId route_id
 * @param routeShortName route_short_name (else the route id)
 * @param blockId block_id, or {@code null}
 * @param stops the stop times, in stop_sequence order; at least two
 */
public record ScheduledTrip(
    String tripId, String routeId, String routeShortName, String blockId, List<StopTime> stops) {

  public ScheduledTrip {
    Require.id(tripId, "tripId");
    Require.id(routeId, "routeId");
    stops = List.copyOf(stops);
    if (stops.size() < 2) {
      throw new IllegalArgumentException("trip " + tripId + " has fewer than two stops");
    }
  }

  /** Scheduled departure from the first stop, seconds after the service day's noon minus 12 h. */
  public int firstDepartureSeconds() {
    return stops.get(0).departureSeconds();
  }

  /** Scheduled arrival at the last stop, in the same seconds. */
  public int lastArrivalSeconds() {
    return stops.get(stops.size() - 1).arrivalSeconds();
  }

  /**
   * One stop of a trip. Times are seconds since the start of the service day (so past 24:00 for
   * trips after midnight), as GTFS writes them.
   *
   * @param stopId stop_id
   * @param stopSequence stop_sequence
   * @param arrivalSeconds arrival_time
   * @param departureSeconds departure_time
   */
  public record StopTime(
      String stopId, int stopSequence, int arrivalSeconds, int departureSeconds) {
    public StopTime {
      Require.id(stopId, "stopId");
      if (departureSeconds < arrivalSeconds) {
        throw new IllegalArgumentException("departure before arrival at " + stopId);
      }
    }
  }
}
