package io.mobiflow.jobs.suggest;

/** Where a suggestion stands; consumers upsert on its id. */
public enum SuggestionStatus {
  /** New, or its content changed (a later record with the same id replaces an earlier one). */
  ISSUED,
  /** The condition no longer holds (the delay cleared, the vehicle went, the road cleared). */
  WITHDRAWN,
  /** Its validity ran out. */
  EXPIRED
}
