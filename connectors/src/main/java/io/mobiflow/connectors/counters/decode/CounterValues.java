package io.mobiflow.connectors.counters.decode;

import io.mobiflow.connectors.common.EpochTime;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.common.Require;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.regex.Pattern;

/**
 * The typed reads every counter decoder makes from text, none of them trusted: a time must parse
 * and lie within years 1970–9999 ({@link EpochTime#inRange}, so that epoch milliseconds never
 * overflow), a number must be a plain finite decimal. Anything else rejects the row or site as
 * {@link RejectReason#INVALID_VALUE}, with the field and the text quoted short.
 */
final class CounterValues {

  /** A plain decimal: no NaN, Infinity, hex ({@code 0x1p3}) or type suffix ({@code 1d}). */
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d{1,4})?");

  private CounterValues() {}

  /** How a decoder turns its time text into an instant; may throw DateTimeException. */
  @FunctionalInterface
  interface TimeFormat {
    Instant parse(String text);
  }

  /** An ISO-8601 time with an offset or {@code Z}. */
  static final TimeFormat ISO_OFFSET = text -> OffsetDateTime.parse(text).toInstant();

  /** {@code text} as a time of {@code format}; rejects it when unreadable or out of range. */
  static Instant time(String text, TimeFormat format, String field) throws RowRejected {
    try {
      Instant time = format.parse(text);
      if (EpochTime.inRange(time)) {
        return time;
      }
    } catch (DateTimeException e) {
      // unreadable: rejected below
    }
    throw new RowRejected(
        RejectReason.INVALID_VALUE,
        field + " " + Require.quoted(text) + " is not a time within years 1970-9999");
  }

  /** {@code text} as a finite decimal number; rejects it otherwise (overflow included). */
  static double number(String text, String field) throws RowRejected {
    if (text.length() <= 64 && DECIMAL.matcher(text).matches()) {
      double value = Double.parseDouble(text);
      if (Double.isFinite(value)) {
        return value;
      }
    }
    throw new RowRejected(
        RejectReason.INVALID_VALUE, field + " " + Require.quoted(text) + " is not a number");
  }
}
