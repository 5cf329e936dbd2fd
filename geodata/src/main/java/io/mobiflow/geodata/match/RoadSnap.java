package io.mobiflow.geodata.match;

/**
 * A position snapped to a road segment.
 *
 * @param segment the segment
 * @param distanceMeters from the position to the segment, metres
 * @param offsetMeters from the segment's start to the snapped point, along the segment, metres
 * @param bearingDegrees direction of the segment at the snapped point, clockwise from north
 * @param latitude of the snapped point
 * @param longitude of the snapped point
 */
public record RoadSnap(
    RoadSegment segment,
    double distanceMeters,
    double offsetMeters,
    double bearingDegrees,
    double latitude,
    double longitude) {}
