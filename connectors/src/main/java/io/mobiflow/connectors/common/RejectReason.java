package io.mobiflow.connectors.common;

/** Why an input was not turned into an event, or an event not matched to a place. */
public enum RejectReason {
  /** The bytes are not a document of the expected format (bad protobuf, bad JSON, bad CSV row). */
  MALFORMED,
  /** A required field is absent or empty. */
  MISSING_FIELD,
  /**
   * A field has a value outside its domain (negative flow, occupancy over 100 %, bad timestamp).
   */
  INVALID_VALUE,
  /** NaN, infinite or out-of-range latitude/longitude, or (0, 0). */
  INVALID_COORDINATE,
  /**
   * The input names a station, counter site, stop or trip that the reference data does not know.
   */
  UNKNOWN_REFERENCE,
  /** A valid position outside every configured zone. */
  OUTSIDE_ZONES,
  /** An event that arrived after its event-time window had closed. */
  LATE,
  /** A row or entity that repeats an earlier one of the same document exactly. */
  DUPLICATE,
  /** A document over the configured size limit; none of it is decoded. */
  TOO_LARGE,
  /**
   * A document that could not be read at all (a file that vanished or became unreadable between
   * listing and reading); the detail names the error.
   */
  UNREADABLE,
  /**
   * A document whose content is of another kind than the one declared (VehiclePositions declared as
   * TripUpdates, say); the detail names the kind detected.
   */
  WRONG_KIND,
  /**
   * An operator threw on this input; the detail names the operator and the exception. The input is
   * set aside and the job goes on.
   */
  OPERATOR_FAILURE
}
