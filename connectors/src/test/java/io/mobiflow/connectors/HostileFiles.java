package io.mobiflow.connectors;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Large hostile inputs made on the spot without holding them in memory: sparse files (a size, no
 * disk) and GTFS zips whose stop_times.txt repeats one row billions of bytes long (a zip bomb, or
 * an 8 MB zip of 100 M bad rows), written through {@link ZipOutputStream} a buffer at a time.
 */
public final class HostileFiles {

  /** A minimal valid feed besides stop_times.txt: agency, two stops, a route, a trip, a service. */
  public static final Map<String, String> SMALL_FEED =
      Map.of(
          "agency.txt",
          "agency_id,agency_name,agency_url,agency_timezone\nA,A,http://a,Europe/Paris\n",
          "stops.txt",
          "stop_id,stop_name,stop_lat,stop_lon\nX,X,45.15,0.75\nY,Y,45.16,0.76\n",
          "routes.txt",
          "route_id,agency_id,route_short_name,route_type\nR,A,1,3\n",
          "calendar.txt",
          "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n"
              + "S,1,1,1,1,1,1,1,20260101,20261231\n",
          "trips.txt",
          "route_id,service_id,trip_id\nR,S,T\n");

  /** The header of stop_times.txt. */
  public static final String STOP_TIMES_HEADER =
      "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n";

  private HostileFiles() {}

  /** A file of {@code size} bytes that takes no disk (zeros when read). */
  public static Path sparse(Path file, long size) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(size);
    }
    return file;
  }

  /**
   * A GTFS zip: {@link #SMALL_FEED}, then a stop_times.txt of {@link #STOP_TIMES_HEADER} and {@code
   * row} repeated until the entry holds at least {@code bytes} bytes.
   *
   * @return the number of bytes of stop_times.txt
   */
  public static long gtfsZip(Path zip, String row, long bytes) throws IOException {
    try (OutputStream file = Files.newOutputStream(zip);
        ZipOutputStream out = new ZipOutputStream(file)) {
      for (Map.Entry<String, String> entry : SMALL_FEED.entrySet()) {
        out.putNextEntry(new ZipEntry(entry.getKey()));
        out.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
      out.putNextEntry(new ZipEntry("stop_times.txt"));
      byte[] header = STOP_TIMES_HEADER.getBytes(StandardCharsets.UTF_8);
      out.write(header);
      byte[] unit = row.getBytes(StandardCharsets.UTF_8);
      byte[] buffer = new byte[(1 << 16) / unit.length * unit.length];
      for (int i = 0; i < buffer.length; i += unit.length) {
        System.arraycopy(unit, 0, buffer, i, unit.length);
      }
      long written = header.length;
      while (written < bytes) {
        out.write(buffer);
        written += buffer.length;
      }
      out.closeEntry();
      return written;
    }
  }
}
