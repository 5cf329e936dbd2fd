package io.mobiflow.connectors.counters.decode;

import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.common.FeedDecoder;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.common.SourceRef;
import io.mobiflow.connectors.counters.model.CounterReading;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes Mobiflow's generic counter CSV, one reading per line after this header:
 *
 * <pre>sensor_id,timestamp,flow_veh_h,occupancy_pct,speed_kmh</pre>
 *
 * <p>{@code timestamp} is ISO-8601 with an offset or {@code Z} (start of the counting period); the
 * three measures are decimal numbers, empty when the sensor did not deliver them. Line numbers in
 * rejections count the header as line 1.
 */
public final class CounterCsvDecoder implements FeedDecoder<CounterReading> {

  /** The header this decoder reads. */
  public static final String HEADER = "sensor_id,timestamp,flow_veh_h,occupancy_pct,speed_kmh";

  private static final long serialVersionUID = 1L;

  @Override
  public List<Decoded<CounterReading>> decode(FeedSnapshot snapshot) {
    List<Decoded<CounterReading>> out = new ArrayList<>();
    String[] lines = new String(snapshot.payload(), StandardCharsets.UTF_8).split("\r?\n", -1);
    String header = lines[0].startsWith("\uFEFF") ? lines[0].substring(1) : lines[0];
    if (!header.trim().equals(HEADER)) {
      out.add(
          Decoded.rejected(
              snapshot.source().atLine(1),
              RejectReason.MALFORMED,
              "expected header '" + HEADER + "', found '" + header + "'"));
      return out;
    }
    for (int i = 1; i < lines.length; i++) {
      if (!lines[i].isBlank()) {
        out.add(decodeLine(lines[i], snapshot.source().atLine(i + 1L)));
      }
    }
    return out;
  }

  private static Decoded<CounterReading> decodeLine(String line, SourceRef source) {
    String[] fields = line.split(",", -1);
    if (fields.length != 5) {
      return Decoded.rejected(
          source, RejectReason.MALFORMED, "expected 5 fields, found " + fields.length);
    }
    Instant observedAt;
    try {
      observedAt = OffsetDateTime.parse(fields[1].trim()).toInstant();
    } catch (DateTimeParseException e) {
      return Decoded.rejected(source, RejectReason.INVALID_VALUE, "timestamp '" + fields[1] + "'");
    }
    try {
      return Decoded.ok(
          source,
          new CounterReading(
              fields[0].trim(),
              observedAt,
              measure(fields[2], "flow_veh_h"),
              measure(fields[3], "occupancy_pct"),
              measure(fields[4], "speed_kmh")));
    } catch (IllegalArgumentException e) {
      return Decoded.rejected(source, RejectReason.INVALID_VALUE, e.getMessage());
    }
  }

  private static Double measure(String text, String field) {
    String trimmed = text.trim();
    if (trimmed.isEmpty()) {
      return null;
    }
    try {
      return Double.valueOf(trimmed);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(field + " '" + trimmed + "' is not a number");
    }
  }
}
