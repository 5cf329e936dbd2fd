package io.mobiflow.connectors.common;

import java.time.Instant;

/**
 * Checks for the compact constructors of event records; each throws IllegalArgumentException with a
 * short message that names the field and quotes the value through {@link #quoted}.
 */
public final class Require {

  /** At most this many characters of a value are quoted in a message. */
  public static final int EXCERPT_CHARS = 200;

  private Require() {}

  /** A non-null, non-blank identifier. */
  public static String id(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " is missing");
    }
    return value;
  }

  /** A non-null value. */
  public static <T> T present(T value, String field) {
    if (value == null) {
      throw new IllegalArgumentException(field + " is missing");
    }
    return value;
  }

  /**
   * A non-null instant within years 1970-9999 ({@link EpochTime#inRange}). Whether it is plausible
   * for its feed (not years before or after the fetch) is for the job to judge.
   */
  public static Instant instant(Instant value, String field) {
    present(value, field);
    if (!EpochTime.inRange(value)) {
      throw new IllegalArgumentException(field + " " + value + " is not within years 1970-9999");
    }
    return value;
  }

  /** Null, or a finite value in [min, max]. */
  public static Double optionalInRange(Double value, double min, double max, String field) {
    if (value != null && !(value >= min && value <= max)) {
      throw new IllegalArgumentException(
          field + " = " + value + " is outside [" + min + ", " + max + "]");
    }
    return value;
  }

  /** Null, or a value of at least zero. */
  public static Integer optionalNonNegative(Integer value, String field) {
    if (value != null && value < 0) {
      throw new IllegalArgumentException(field + " = " + value + " is negative");
    }
    return value;
  }

  /** A value of at least zero. */
  public static int nonNegative(int value, String field) {
    if (value < 0) {
      throw new IllegalArgumentException(field + " = " + value + " is negative");
    }
    return value;
  }

  /**
   * A value from the input as messages and rejection details quote it: in single quotes, cut after
   * {@link #EXCERPT_CHARS} characters with the full length said ({@code 'abc…' (1000000
   * characters)}), so that a hostile value (a megabyte id, a million-column line) never makes a
   * huge dead letter.
   */
  public static String quoted(String value) {
    if (value == null) {
      return "null";
    }
    return value.length() <= EXCERPT_CHARS
        ? "'" + value + "'"
        : "'" + head(value) + "…' (" + value.length() + " characters)";
  }

  /**
   * A text (a parser's message, say) cut after {@link #EXCERPT_CHARS} characters, the cut marked
   * with the full length: {@code abc… (1000000 characters)}.
   */
  public static String shortened(String text) {
    return text.length() <= EXCERPT_CHARS
        ? text
        : head(text) + "… (" + text.length() + " characters)";
  }

  private static String head(String text) {
    boolean splitsAPair = Character.isHighSurrogate(text.charAt(EXCERPT_CHARS - 1));
    return text.substring(0, splitsAPair ? EXCERPT_CHARS - 1 : EXCERPT_CHARS);
  }
}
