package io.mobiflow.geodata.geom;

/** Why a WGS84 coordinate cannot be matched to any place. */
public enum CoordinateProblem {
  /** Latitude or longitude is NaN or infinite. */
  NOT_FINITE,
  /** Latitude outside [-90, 90]. */
  LATITUDE_OUT_OF_RANGE,
  /** Longitude outside [-180, 180]. */
  LONGITUDE_OUT_OF_RANGE,
  /** Exactly (0, 0): the usual sign of a missing fix, not a real position. */
  NULL_ISLAND
}
