package io.mobiflow.jobs.suggest;

import java.io.Serializable;
import java.time.Duration;

/**
 * The tunable parts of the suggestion rules; the defaults are documented in {@code
 * docs/suggestions.md}.
 *
 * @param travel speeds, detour, pick-up time, walking radius and the smallest delay worth a
 *     suggestion
 * @param connectionWindow how soon after a scheduled arrival a departure of another route counts as
 *     the planned connection
 * @param gapWindow the window over which a stop's scheduled departures are counted for a gap
 * @param gapMinDepartures the departures in {@code gapWindow} that make a stop busy
 * @param stationMaxAge a station's report older than this (in event time) is not trusted
 */
public record SuggestionSettings(
    TravelModel travel,
    Duration connectionWindow,
    Duration gapWindow,
    int gapMinDepartures,
    Duration stationMaxAge)
    implements Serializable {

  /** Default travel model, 10-minute connections, gaps of 6 departures in 15 minutes, 5 minutes. */
  public static final SuggestionSettings DEFAULT =
      new SuggestionSettings(
          TravelModel.DEFAULT,
          Duration.ofMinutes(10),
          Duration.ofMinutes(15),
          6,
          Duration.ofMinutes(5));

  public SuggestionSettings {
    if (connectionWindow.isNegative()
        || connectionWindow.isZero()
        || gapWindow.toSeconds() < 60
        || gapMinDepartures < 1
        || stationMaxAge.isNegative()) {
      throw new IllegalArgumentException(
          "windows must be positive (gaps: a minute at least), gap departures at least 1");
    }
  }
}
