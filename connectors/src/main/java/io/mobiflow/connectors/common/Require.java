package io.mobiflow.connectors.common;

/** Checks for the compact constructors of event records; each throws IllegalArgumentException. */
public final class Require {

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
}
