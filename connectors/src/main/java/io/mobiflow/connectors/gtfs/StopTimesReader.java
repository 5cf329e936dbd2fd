package io.mobiflow.connectors.gtfs;

import io.mobiflow.connectors.common.RejectReason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Reads stop_times.txt straight from its bytes into the loader's columns: quoted fields, CRLF and a
 * byte-order mark handled, a String made for a trip id only when it changes (rows come grouped by
 * trip in practice). It replaces onebusaway's bean-mapping reader for this one file, which took
 * most of a region-sized load (see benchmarks/README.md for the two measured side by side); every
 * other file still goes through onebusaway. A record (a line, or several when a quoted field holds
 * line breaks) of more than {@link #MAX_RECORD_BYTES} is rejected as MALFORMED and read to its end
 * without being kept, so no input makes the reader's buffers grow past that.
 */
final class StopTimesReader {

  /** What the reader hands over per row. */
  interface RowSink {
    void row(int trip, int stop, int sequence, int arrival, int departure);

    void reject(long line, RejectReason reason, String detail);
  }

  /** The longest record read: 64 KiB, a hundred times a long real row. */
  static final int MAX_RECORD_BYTES = 1 << 16;

  private static final int BUFFER = 1 << 16;

  private final Map<String, Integer> trips;
  private final Map<String, Integer> stops;
  private final InputStream in;
  private final byte[] buffer = new byte[BUFFER];
  private int length;
  private int position;
  private long line = 1;
  private byte[][] fields = new byte[16][64];
  private int[] fieldLength = new int[16];
  private int fieldCount;
  private boolean overlong;
  private byte[] lastTrip = new byte[0];
  private int lastTripLength = -1;
  private int lastTripIndex = -1;

  StopTimesReader(InputStream in, Map<String, Integer> trips, Map<String, Integer> stops) {
    this.in = in;
    this.trips = trips;
    this.stops = stops;
  }

  /** Reads every row; throws only when the header lacks a required column or reading fails. */
  void read(RowSink sink) throws IOException {
    if (!nextRecord()) {
      return;
    }
    if (overlong) {
      throw new IOException(
          "stop_times.txt: the header is longer than " + MAX_RECORD_BYTES + " bytes");
    }
    String[] header = new String[fieldCount];
    for (int f = 0; f < fieldCount; f++) {
      String name = new String(fields[f], 0, fieldLength[f], StandardCharsets.UTF_8).trim();
      header[f] = f == 0 && name.startsWith("\uFEFF") ? name.substring(1) : name;
    }
    int tripColumn = column(header, "trip_id");
    int stopColumn = column(header, "stop_id");
    int sequenceColumn = column(header, "stop_sequence");
    int arrivalColumn = column(header, "arrival_time");
    int departureColumn = column(header, "departure_time");
    while (true) {
      long rowLine = line;
      if (!nextRecord()) {
        return;
      }
      if (overlong) {
        sink.reject(
            rowLine,
            RejectReason.MALFORMED,
            "a row longer than " + MAX_RECORD_BYTES + " bytes (not read)");
        continue;
      }
      if (fieldCount == 1 && fieldLength[0] == 0) {
        continue; // blank line
      }
      if (fieldCount < header.length) {
        sink.reject(
            rowLine,
            RejectReason.MALFORMED,
            "expected " + header.length + " fields, found " + fieldCount);
        continue;
      }
      int trip = trip(tripColumn);
      if (trip < 0) {
        sink.reject(rowLine, RejectReason.UNKNOWN_REFERENCE, "unknown trip_id " + text(tripColumn));
        continue;
      }
      Integer stop = stops.get(text(stopColumn));
      if (stop == null) {
        sink.reject(rowLine, RejectReason.UNKNOWN_REFERENCE, "unknown stop_id " + text(stopColumn));
        continue;
      }
      int sequence = number(sequenceColumn);
      int arrival = time(arrivalColumn);
      int departure = time(departureColumn);
      if (sequence < 0 || arrival == -2 || departure == -2) {
        sink.reject(
            rowLine,
            RejectReason.INVALID_VALUE,
            "stop_sequence '"
                + text(sequenceColumn)
                + "', arrival_time '"
                + text(arrivalColumn)
                + "', departure_time '"
                + text(departureColumn)
                + "'");
        continue;
      }
      sink.row(trip, stop, sequence, arrival, departure);
    }
  }

  private static int column(String[] header, String name) throws IOException {
    for (int f = 0; f < header.length; f++) {
      if (header[f].equals(name)) {
        return f;
      }
    }
    throw new IOException("stop_times.txt has no column " + name);
  }

  private int trip(int column) {
    byte[] value = fields[column];
    int n = fieldLength[column];
    if (n != lastTripLength || !Arrays.equals(value, 0, n, lastTrip, 0, n)) {
      lastTrip = Arrays.copyOf(value, n);
      lastTripLength = n;
      Integer index = trips.get(new String(value, 0, n, StandardCharsets.UTF_8).trim());
      lastTripIndex = index == null ? -1 : index;
    }
    return lastTripIndex;
  }

  private String text(int column) {
    return new String(fields[column], 0, fieldLength[column], StandardCharsets.UTF_8).trim();
  }

  /** A non-negative integer, or -1 when empty or not a number. */
  private int number(int column) {
    byte[] value = fields[column];
    int n = fieldLength[column];
    long result = 0;
    int digits = 0;
    for (int i = 0; i < n; i++) {
      byte b = value[i];
      if (b >= '0' && b <= '9') {
        result = result * 10 + (b - '0');
        digits++;
        if (result > Integer.MAX_VALUE) {
          return -1;
        }
      } else if (b != ' ') {
        return -1;
      }
    }
    return digits == 0 ? -1 : (int) result;
  }

  /** H:MM:SS or HH:MM:SS as seconds; {@link CompactTimetable#NO_TIME} when empty; -2 when bad. */
  private int time(int column) {
    byte[] value = fields[column];
    int n = fieldLength[column];
    int from = 0;
    while (from < n && value[from] == ' ') {
      from++;
    }
    while (n > from && value[n - 1] == ' ') {
      n--;
    }
    if (from == n) {
      return CompactTimetable.NO_TIME;
    }
    int[] parts = new int[3];
    int part = 0;
    int digits = 0;
    for (int i = from; i < n; i++) {
      byte b = value[i];
      if (b >= '0' && b <= '9') {
        parts[part] = parts[part] * 10 + (b - '0');
        if (++digits > 3) {
          return -2;
        }
      } else if (b == ':' && part < 2 && digits > 0) {
        part++;
        digits = 0;
      } else {
        return -2;
      }
    }
    if (part != 2 || digits != 2 || parts[1] > 59 || parts[2] > 59) {
      return -2;
    }
    return parts[0] * 3600 + parts[1] * 60 + parts[2];
  }

  /**
   * Reads the next record's fields; false at the end of input. A record over {@link
   * #MAX_RECORD_BYTES} is flagged {@link #overlong} and read to its end without being kept.
   */
  private boolean nextRecord() throws IOException {
    fieldCount = 0;
    overlong = false;
    int b = read();
    if (b < 0) {
      return false;
    }
    startField();
    boolean quoted = false;
    int recordBytes = 0;
    while (true) {
      if (b < 0) {
        return true;
      }
      if (!overlong && (quoted || b != '\n') && ++recordBytes > MAX_RECORD_BYTES) {
        overlong = true; // read on to the record's end, keeping nothing
      }
      if (quoted) {
        if (b == '"') {
          int next = read();
          if (next == '"') {
            append((byte) '"');
          } else {
            quoted = false;
            b = next;
            continue;
          }
        } else {
          if (b == '\n') {
            line++;
          }
          append((byte) b);
        }
      } else if (b == '"' && fieldLength[fieldCount - 1] == 0) {
        quoted = true;
      } else if (b == ',') {
        startField();
      } else if (b == '\n') {
        line++;
        return true;
      } else if (b != '\r') {
        append((byte) b);
      }
      b = read();
    }
  }

  private void startField() {
    if (overlong) {
      return;
    }
    if (fieldCount == fields.length) {
      fields = Arrays.copyOf(fields, fieldCount * 2);
      fieldLength = Arrays.copyOf(fieldLength, fieldCount * 2);
      for (int f = fieldCount; f < fields.length; f++) {
        fields[f] = new byte[64];
      }
    }
    fieldLength[fieldCount++] = 0;
  }

  private void append(byte b) {
    if (overlong) {
      return;
    }
    int f = fieldCount - 1;
    if (fieldLength[f] == fields[f].length) {
      fields[f] = Arrays.copyOf(fields[f], fields[f].length * 2);
    }
    fields[f][fieldLength[f]++] = b;
  }

  private int read() throws IOException {
    if (position == length) {
      length = in.read(buffer, 0, BUFFER);
      position = 0;
      if (length <= 0) {
        length = 0;
        return -1;
      }
    }
    return buffer[position++] & 0xff;
  }
}
