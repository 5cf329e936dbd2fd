package io.mobiflow.jobs.zoneflow;

import io.mobiflow.connectors.common.DeadLetterRedaction;
import io.mobiflow.connectors.common.KeyedHash;
import java.io.Serializable;
import java.util.Objects;

/**
 * What the job publishes of data about people's trips ({@code docs/privacy.md}, the {@code
 * privacy:} section of the configuration).
 *
 * @param minCount k: a count that can single out a trip (pick-ups, drop-offs) is published only
 *     when it is 0 or at least this; 1..k−1 is published as suppressed ({@code null} and a flag)
 * @param maxH3ResolutionForTripCounts H3 cells finer than this get those counts suppressed whatever
 *     their value
 * @param hash the keyed hash that turns the ids of vehicles and bikes into pseudonyms where an
 *     operator needs to follow one (suggestions, dead letters)
 */
public record PrivacySettings(int minCount, int maxH3ResolutionForTripCounts, KeyedHash hash)
    implements Serializable {

  /** The default k. */
  public static final int DEFAULT_MIN_COUNT = 5;

  /** The default coarsest resolution: cells of about 0.1 km² (edge about 175 m). */
  public static final int DEFAULT_MAX_H3_RESOLUTION = 9;

  /** k = 5, H3 up to resolution 9, pseudonyms under this process's random key. */
  public static final PrivacySettings DEFAULT =
      new PrivacySettings(DEFAULT_MIN_COUNT, DEFAULT_MAX_H3_RESOLUTION, KeyedHash.ofThisProcess());

  public PrivacySettings {
    if (minCount < 1) {
      throw new IllegalArgumentException("minCount must be at least 1");
    }
    if (maxH3ResolutionForTripCounts < 0 || maxH3ResolutionForTripCounts > 15) {
      throw new IllegalArgumentException("maxH3ResolutionForTripCounts is not in 0..15");
    }
    Objects.requireNonNull(hash, "hash");
  }

  /** The same settings with another k. */
  public PrivacySettings withMinCount(int k) {
    return new PrivacySettings(k, maxH3ResolutionForTripCounts, hash);
  }

  /** The same settings with another coarsest H3 resolution for trip counts. */
  public PrivacySettings withMaxH3ResolutionForTripCounts(int resolution) {
    return new PrivacySettings(minCount, resolution, hash);
  }

  /**
   * Whether trip counts may be published at all for {@code unit} when H3 cells are of {@code
   * h3Resolution}: everywhere but in H3 cells finer than {@link #maxH3ResolutionForTripCounts}.
   */
  public boolean tripCountsIn(SpatialUnit unit, int h3Resolution) {
    return unit != SpatialUnit.H3 || h3Resolution <= maxH3ResolutionForTripCounts;
  }

  /**
   * A count that can single out a trip as published: itself when it is 0 or at least {@link
   * #minCount}, else {@code null} (suppressed). A 0 singles out no one; publishing it keeps "no
   * vehicle taken here" apart from "a few".
   */
  public Long tripCount(long count) {
    return count == 0 || count >= minCount ? count : null;
  }

  /** The redaction every dead letter goes through, with pseudonyms under {@link #hash}. */
  public DeadLetterRedaction deadLetters() {
    return new DeadLetterRedaction(hash);
  }
}
