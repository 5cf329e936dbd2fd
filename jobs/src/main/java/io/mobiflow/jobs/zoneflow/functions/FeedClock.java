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
 * <p>A late event may still be a repeat: real feeds give the same observation again in their next
 * documents (a counter's past hours in each file, a parked bus's last position), and a repeat is
 * dropped and counted, not a dead letter. Where a gate downstream remembers the times it let
 * through ({@link ObservationGate}), a clock {@link #keepingRepeats keeping repeats} passes the
 * events less than that long behind the feed's watermark on to it ({@link #rejectsHere}), and the
 * gate tells a repeat from a late event ({@link #isLateFor}). Both decisions read only the feed's
 * own order and the entity's own observations, so they do not depend on parallelism either.
 *
 * @param outOfOrderness how far out of order a feed's events may arrive
 * @param allowedLateness how much later still they are taken
 * @param repeats how far behind the feed's watermark a late event goes on to the gate, which keeps
 *     the times it let through that long (zero: late events are rejected by the clock itself)
 */
public record FeedClock(Duration outOfOrderness, Duration allowedLateness, Duration repeats)
    implements Serializable {

  /** No event seen yet: nothing is late and the bound is the lowest time. */
  public static final long NONE = Long.MIN_VALUE;

  public FeedClock {
    if (outOfOrderness.isNegative() || allowedLateness.isNegative() || repeats.isNegative()) {
      throw new IllegalArgumentException(
          "out-of-orderness, lateness and repeats must not be negative");
    }
  }

  /** A clock that rejects every late event itself: no gate after it tells repeats. */
  public FeedClock(Duration outOfOrderness, Duration allowedLateness) {
    this(outOfOrderness, allowedLateness, Duration.ZERO);
  }

  /**
   * This clock, for events whose gate remembers the times it let through for {@code remembered}
   * past the watermark.
   */
  public FeedClock keepingRepeats(Duration remembered) {
    return new FeedClock(outOfOrderness, allowedLateness, remembered);
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

  /**
   * Whether an event of time {@code at} is rejected where the feed's clock is kept: late, and too
   * far behind for its gate to still know whether it is a repeat ({@link #repeats}).
   */
  public boolean rejectsHere(long at, long newest) {
    return isLate(at, newest)
        && at <= behind(newest, outOfOrderness.toMillis() + 1 + repeats.toMillis());
  }

  /**
   * Whether an event of time {@code at} that is not a repeat is late, its feed's watermark being
   * {@code feedWatermark} ({@link #watermark}) when it was let through.
   */
  public boolean isLateFor(long at, long feedWatermark) {
    return feedWatermark != NONE && at <= behind(feedWatermark, allowedLateness.toMillis());
  }
}
