package io.mobiflow.jobs.zoneflow;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How far an event's time may lie from the fetch time of the document that carried it. A reading
 * dated 1970 or 2100 in a document fetched today would open windows in those years (and a time past
 * what epoch milliseconds hold would stop the job): such events are rejected at decode.
 *
 * @param maxAge how long before the fetch time an event may be (archives replayed years later need
 *     a long one)
 * @param maxAhead how long after it (clock skew between a feed's server and ours)
 */
public record EventTimeBounds(Duration maxAge, Duration maxAhead) implements Serializable {

  /** Ten years back (yearly archives replayed later), one hour ahead. */
  public static final EventTimeBounds DEFAULT =
      new EventTimeBounds(Duration.ofDays(3660), Duration.ofHours(1));

  public EventTimeBounds {
    Objects.requireNonNull(maxAge, "maxAge");
    Objects.requireNonNull(maxAhead, "maxAhead");
    if (maxAge.isNegative() || maxAhead.isNegative()) {
      throw new IllegalArgumentException("bounds must not be negative");
    }
  }

  /**
   * Why {@code eventTime} is out of bounds for a document fetched at {@code fetchedAt}, or {@code
   * null} when it is within them.
   */
  public String violation(Instant eventTime, Instant fetchedAt) {
    if (eventTime.isBefore(fetchedAt.minus(maxAge))) {
      return "event time "
          + eventTime
          + " is more than "
          + maxAge.toDays()
          + " days before the fetch time "
          + fetchedAt;
    }
    if (eventTime.isAfter(fetchedAt.plus(maxAhead))) {
      return "event time "
          + eventTime
          + " is more than "
          + maxAhead.toMinutes()
          + " minutes after the fetch time "
          + fetchedAt;
    }
    return null;
  }
}
