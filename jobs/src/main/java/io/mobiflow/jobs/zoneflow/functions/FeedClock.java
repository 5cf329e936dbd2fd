package io.mobiflow.jobs.zoneflow.functions;

import java.io.Serializable;
import java.time.Duration;

/**
 * Event time per feed: a feed's clock is the newest event time it has given, and an event is late
 * when it is more than the out-of-orderness and the allowed lateness behind its own feed's clock.
 * The rule reads only the feed's own events in the feed's own order (its partition's, or its files'
 * fetch order), so which events are late is the same whatever the parallelism, however the feeds
 * interleave, and after a restore (the clock is keyed state).
 *
 * <p>{@link #bound} is what the feed promises: none of its events let through later is at or before
 * it. {@link PerFeedWatermarks} makes watermarks of these bounds, so that no event let through is
 * ever behind a watermark downstream.
 *
 * @param outOfOrderness how far out of order a feed's events may arrive
 * @param allowedLateness how much later still they are taken
 */
public record FeedClock(Duration outOfOrderness, Duration allowedLateness) implements Serializable {

  /** No event seen yet: nothing is late and the bound is the lowest time. */
  public static final long NONE = Long.MIN_VALUE;

  public FeedClock {
    if (outOfOrderness.isNegative() || allowedLateness.isNegative()) {
      throw new IllegalArgumentException("out-of-orderness and lateness must not be negative");
    }
  }

  /**
   * The time at or before which the feed gives no more events, when its newest is {@code newest}
   * ({@link #NONE}: nothing seen).
   */
  public long bound(long newest) {
    if (newest == NONE) {
      return NONE;
    }
    long behind = outOfOrderness.toMillis() + 1 + allowedLateness.toMillis();
    return newest < NONE + behind ? NONE : newest - behind;
  }

  /**
   * Whether an event of time {@code at} is late for a feed whose newest event is {@code newest}.
   */
  public boolean isLate(long at, long newest) {
    return newest != NONE && at <= bound(newest);
  }
}
