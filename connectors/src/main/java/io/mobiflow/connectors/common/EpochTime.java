package io.mobiflow.connectors.common;

import java.time.Instant;

/**
 * A time read from a feed, checked before it becomes an {@link Instant}: either the instant or the
 * problem with it, never an exception. Decoders use it for every time a feed gives (POSIX seconds,
 * milliseconds or an already parsed instant) so that a hostile value (1e17 seconds, a negative
 * time, year +999999999) becomes a rejection of its entity instead of a {@code DateTimeException}
 * or an {@code ArithmeticException} later in the job.
 *
 * <p>Accepted times lie from {@link #MIN} (inclusive) to {@link #END} (exclusive), {@link
 * #inRange}: from the POSIX epoch (feeds publish unsigned POSIX times; anything earlier is an
 * error) to the end of year 9999 (the last four-digit year, so every accepted time prints as ISO
 * 8601 and its epoch milliseconds, plus any window or delay arithmetic, stay far from overflowing a
 * {@code long}). This is the one definition of that range: {@link Require#instant} and the decoders
 * that parse times from text check against it too. Whether a valid time is plausible for its
 * document (close enough to the fetch time) is a separate question.
 *
 * <p>Use:
 *
 * <pre>{@code
 * EpochTime time = EpochTime.ofSeconds("header timestamp", header.getTimestamp());
 * if (!time.isValid()) {
 *   return time.rejected(source); // INVALID_VALUE: header timestamp = 100000000000000000 ...
 * }
 * Instant at = time.instant();
 * }</pre>
 *
 * @param instant the time, or {@code null} when out of range
 * @param problem one line naming the field, the value and the accepted range, or {@code null} when
 *     valid
 */
public record EpochTime(Instant instant, String problem) {

  /** The earliest accepted time: the POSIX epoch, 1970-01-01T00:00:00Z. */
  public static final Instant MIN = Instant.EPOCH;

  /** The first time no longer accepted: +10000-01-01T00:00:00Z. */
  public static final Instant END = Instant.parse("+10000-01-01T00:00:00Z");

  /** The last whole second accepted: 9999-12-31T23:59:59Z. */
  public static final Instant MAX = END.minusSeconds(1);

  public EpochTime {
    if ((instant == null) == (problem == null)) {
      throw new IllegalArgumentException("exactly one of instant and problem must be set");
    }
  }

  /**
   * A time given in POSIX seconds (GTFS-Realtime, GBFS 1.x/2.x).
   *
   * @param field the field's name for the problem's text, e.g. {@code "header timestamp"}
   */
  public static EpochTime ofSeconds(String field, long epochSeconds) {
    return epochSeconds >= MIN.getEpochSecond() && epochSeconds < END.getEpochSecond()
        ? new EpochTime(Instant.ofEpochSecond(epochSeconds), null)
        : outOfRange(field, epochSeconds + " s");
  }

  /**
   * A time given in milliseconds since the POSIX epoch.
   *
   * @param field the field's name for the problem's text
   */
  public static EpochTime ofMillis(String field, long epochMillis) {
    return epochMillis >= MIN.toEpochMilli() && epochMillis < END.toEpochMilli()
        ? new EpochTime(Instant.ofEpochMilli(epochMillis), null)
        : outOfRange(field, epochMillis + " ms");
  }

  /**
   * A time already parsed (from RFC 3339 or a local date-time), checked against the same range.
   *
   * @param field the field's name for the problem's text
   */
  public static EpochTime of(String field, Instant instant) {
    return inRange(instant) ? new EpochTime(instant, null) : outOfRange(field, instant.toString());
  }

  /** Whether {@code instant} is from {@link #MIN} (inclusive) to {@link #END} (exclusive). */
  public static boolean inRange(Instant instant) {
    return !instant.isBefore(MIN) && instant.isBefore(END);
  }

  /** Whether the time is in range; {@link #instant()} is then set. */
  public boolean isValid() {
    return instant != null;
  }

  /**
   * The problem as an {@link RejectReason#INVALID_VALUE} rejection of the entity at {@code source};
   * only for times that are not valid.
   */
  public <T> Decoded<T> rejected(SourceRef source) {
    if (isValid()) {
      throw new IllegalStateException("a valid time has no rejection");
    }
    return Decoded.rejected(source, RejectReason.INVALID_VALUE, problem);
  }

  private static EpochTime outOfRange(String field, String value) {
    return new EpochTime(
        null, field + " = " + value + " is outside " + MIN + " .. " + MAX + " (POSIX time)");
  }
}
