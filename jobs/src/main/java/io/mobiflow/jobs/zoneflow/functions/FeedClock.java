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
   * The feed's own watermark when its newest event is {@code newest} ({@link #NONE}: nothing seen):
   * the out-of-orderness (and 1 ms) behind it. Operators that decide by the feed's event time
   * rather than by when their watermark arrives (departures) read it.
   */
  public long watermark(long newest) {
    return behind(newest, outOfOrderness.toMillis() + 1);
  }

  /**
   * The time at or before which the feed gives no more events, when its newest is {@code newest}
   * ({@link #NONE}: nothing seen): its watermark less the allowed lateness.
   */
  public long bound(long newest) {
    return behind(newest, outOfOrderness.toMillis() + 1 + allowedLateness.toMillis());
  }

  private static long behind(long newest, long millis) {
    return newest == NONE || newest < NONE + millis ? NONE : newest - millis;
  }

  /**
   * Whether an event of time {@code at} is late for a feed whose newest event is {@code newest}.
   */
  public boolean isLate(long at, long newest) {
    return newest != NONE && at <= bound(newest);
  }
}
