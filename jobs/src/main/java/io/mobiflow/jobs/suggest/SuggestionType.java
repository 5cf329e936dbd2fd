package io.mobiflow.jobs.suggest;

/** The kinds of suggestion, each with its rule (see {@code docs/suggestions.md}). */
public enum SuggestionType {
  /** A delayed trip; a shared vehicle near the stop reaches a later stop first. */
  SHARED_VEHICLE_FOR_DELAY("shared-vehicle"),
  /** A delayed trip breaks a planned connection; the next departure that can be made. */
  CONNECTION_AT_RISK("connection"),
  /** A congested zone; the transit routes and shared vehicles serving it now. */
  CONGESTION_MODE_SHIFT("mode-shift"),
  /** A busy stop with no shared vehicle in reach: a rebalancing hint for operators. */
  FIRST_LAST_MILE_GAP("gap");

  private final String slug;

  SuggestionType(String slug) {
    this.slug = slug;
  }

  /** The id of this type's suggestion for {@code keys}: {@code <slug>:<key>:<key>...}. */
  public String id(String... keys) {
    return slug + ":" + String.join(":", keys);
  }
}
