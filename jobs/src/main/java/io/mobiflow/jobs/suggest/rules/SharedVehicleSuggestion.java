package io.mobiflow.jobs.suggest.rules;

import java.time.Instant;

/**
 * "Your bus is late: take the shared vehicle at {@code pickUpSpotId}, {@code walkMeters} away, and
 * reach {@code toStopId} before it."
 *
 * @param tripId the delayed trip
 * @param routeId its route
 * @param fromStopId the stop where the traveller waits
 * @param delaySeconds the trip's predicted delay there
 * @param pickUpSpotId the station or vehicle to take
 * @param walkMeters straight-line distance from the stop to it
 * @param toStopId the later stop of the trip reached first by the shared vehicle
 * @param dropSpotId where to leave the vehicle (a station with a free dock near {@code toStopId}),
 *     or null for a free-floating vehicle (left at the stop)
 * @param arrivalBySharedVehicle when the traveller reaches {@code toStopId} that way
 * @param arrivalByTrip when the delayed trip reaches it
 * @param validUntil when the suggestion expires: the trip's predicted departure from {@code
 *     fromStopId}
 */
public record SharedVehicleSuggestion(
    String tripId,
    String routeId,
    String fromStopId,
    int delaySeconds,
    String pickUpSpotId,
    double walkMeters,
    String toStopId,
    String dropSpotId,
    Instant arrivalBySharedVehicle,
    Instant arrivalByTrip,
    Instant validUntil) {

  /** How much earlier the shared vehicle gets there, in seconds. */
  public long gainSeconds() {
    return arrivalByTrip.getEpochSecond() - arrivalBySharedVehicle.getEpochSecond();
  }
}
