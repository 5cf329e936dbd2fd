package io.mobiflow.connectors.common;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Rejections counted per reason, with the first few of each reason kept as examples: memory stays
 * bounded however many there are (an 8 MB zip can hold 100 M bad rows). Not thread-safe.
 */
public final class RejectionTally {

  /** How many examples of each reason are kept by default. */
  public static final int DEFAULT_EXAMPLES_PER_REASON = 20;

  private final int examplesPerReason;
  private final Map<RejectReason, Long> counts = new EnumMap<>(RejectReason.class);
  private final List<Rejection> examples = new ArrayList<>();

  /** A tally keeping {@link #DEFAULT_EXAMPLES_PER_REASON} examples of each reason. */
  public RejectionTally() {
    this(DEFAULT_EXAMPLES_PER_REASON);
  }

  public RejectionTally(int examplesPerReason) {
    if (examplesPerReason < 0) {
      throw new IllegalArgumentException("examples per reason must be >= 0");
    }
    this.examplesPerReason = examplesPerReason;
  }

  /** Counts a rejection, and keeps it if it is among the first of its reason. */
  public void add(Rejection rejection) {
    long seen = counts.merge(rejection.reason(), 1L, Long::sum);
    if (seen <= examplesPerReason) {
      examples.add(rejection);
    }
  }

  /** Rejections per reason, in the order of {@link RejectReason}. */
  public Map<RejectReason, Long> counts() {
    return Collections.unmodifiableMap(new EnumMap<>(counts));
  }

  /** All rejections counted. */
  public long total() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The first rejections of each reason, in the order they were added. */
  public List<Rejection> examples() {
    return List.copyOf(examples);
  }
}
