package io.mobiflow.geodata.nearest;

/**
 * A stop found near a point.
 *
 * @param stop the stop
 * @param distanceMeters great-circle distance from the point, metres
 */
public record NearbyStop(StopLocation stop, double distanceMeters) {}
