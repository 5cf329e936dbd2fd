package io.mobiflow.benchmarks.gtfs;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes a GTFS feed of a chosen size, shaped like a large region's: a grid of stops around Paris,
 * routes of {@code stopsPerTrip} stops, {@code tripsPerRoute} trips each from 05:00 every few
 * minutes (the last ones past 24:00), weekday/Saturday/Sunday services with calendar_dates
 * exceptions, one shape per route, a few frequencies and transfers. Deterministic for a seed, so
 * two runs load the same feed. At the default size it has 13 million stop_times, the scale of
 * Île-de-France's feed.
 *
 * @param routes number of routes
 * @param tripsPerRoute trips of each route
 * @param stopsPerTrip stops of each trip
 * @param stops stops in the grid
 * @param seed random seed
 */
public record SyntheticGtfsFeed(
    int routes, int tripsPerRoute, int stopsPerTrip, int stops, long seed) {

  /** 2,000 routes x 260 trips x 25 stops = 13,000,000 stop_times over 40,000 stops. */
  public static SyntheticGtfsFeed regionScale() {
    return new SyntheticGtfsFeed(2_000, 260, 25, 40_000, 42L);
  }

  public long stopTimes() {
    return (long) routes * tripsPerRoute * stopsPerTrip;
  }

  /** Writes the feed's text files into {@code dir} (created if needed). */
  public void writeTo(Path dir) throws IOException {
    Files.createDirectories(dir);
    write(
        dir,
        "agency.txt",
        "agency_id,agency_name,agency_url,agency_timezone\n"
            + "SYN,Synthetic Region,https://example.org,Europe/Paris\n");
    write(
        dir,
        "calendar.txt",
        "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n"
            + "WEEK,1,1,1,1,1,0,0,20260105,20260628\n"
            + "SAT,0,0,0,0,0,1,0,20260105,20260628\n"
            + "SUN,0,0,0,0,0,0,1,20260105,20260628\n");
    write(
        dir,
        "calendar_dates.txt",
        "service_id,date,exception_type\n"
            + "WEEK,20260406,2\nSUN,20260406,1\nWEEK,20260501,2\nSUN,20260501,1\n");
    SplittableRandom random = new SplittableRandom(seed);
    int side = (int) Math.ceil(Math.sqrt(stops));
    try (BufferedWriter out = writer(dir, "stops.txt")) {
      out.write("stop_id,stop_name,stop_lat,stop_lon,location_type,parent_station\n");
      for (int s = 0; s < stops; s++) {
        double lat = 48.60 + 0.5 * (s / side) / side;
        double lon = 2.00 + 0.7 * (s % side) / side;
        out.write("S" + s + ",Stop " + s + "," + fmt(lat) + "," + fmt(lon) + ",0,\n");
      }
    }
    int[][] routeStops = new int[routes][stopsPerTrip];
    try (BufferedWriter routesOut = writer(dir, "routes.txt");
        BufferedWriter shapes = writer(dir, "shapes.txt")) {
      routesOut.write("route_id,agency_id,route_short_name,route_long_name,route_type\n");
      shapes.write("shape_id,shape_pt_lat,shape_pt_lon,shape_pt_sequence\n");
      for (int r = 0; r < routes; r++) {
        routesOut.write("R" + r + ",SYN," + r + ",Route " + r + "," + (r % 10 == 0 ? 0 : 3) + "\n");
        int row = random.nextInt(side);
        int col = random.nextInt(side);
        for (int k = 0; k < stopsPerTrip; k++) {
          row = Math.floorMod(row + random.nextInt(3) - 1, side);
          col = Math.floorMod(col + 1, side);
          routeStops[r][k] = Math.min(stops - 1, row * side + col);
          int s = routeStops[r][k];
          shapes.write(
              "SH"
                  + r
                  + ","
                  + fmt(48.60 + 0.5 * (s / side) / side)
                  + ","
                  + fmt(2.00 + 0.7 * (s % side) / side)
                  + ","
                  + (k + 1)
                  + "\n");
        }
      }
    }
    String[] services = {"WEEK", "WEEK", "WEEK", "SAT", "SUN"};
    try (BufferedWriter trips = writer(dir, "trips.txt");
        BufferedWriter times = writer(dir, "stop_times.txt");
        BufferedWriter frequencies = writer(dir, "frequencies.txt")) {
      trips.write("route_id,service_id,trip_id,direction_id,shape_id\n");
      times.write(
          "trip_id,arrival_time,departure_time,stop_id,stop_sequence,pickup_type,drop_off_type\n");
      frequencies.write("trip_id,start_time,end_time,headway_secs,exact_times\n");
      StringBuilder line = new StringBuilder(64);
      for (int r = 0; r < routes; r++) {
        int headway = 240 + 75 * (r % 5);
        for (int t = 0; t < tripsPerRoute; t++) {
          String tripId = "T" + r + "_" + t;
          trips.write(
              "R"
                  + r
                  + ","
                  + services[t % services.length]
                  + ","
                  + tripId
                  + ","
                  + (t % 2)
                  + ",SH"
                  + r
                  + "\n");
          if (t == 0 && r % 100 == 0) {
            frequencies.write(tripId + ",06:00:00,09:00:00,600,0\n");
          }
          int time = 5 * 3600 + (t / 2) * headway + r % 60;
          for (int k = 0; k < stopsPerTrip; k++) {
            int stop = routeStops[r][t % 2 == 0 ? k : stopsPerTrip - 1 - k];
            line.setLength(0);
            line.append(tripId).append(',');
            clock(line, time).append(',');
            clock(line, time + 20)
                .append(",S")
                .append(stop)
                .append(',')
                .append(k + 1)
                .append(",0,0\n");
            times.append(line);
            time += 60 + 20 + random.nextInt(60);
          }
        }
      }
    }
    try (BufferedWriter transfers = writer(dir, "transfers.txt")) {
      transfers.write("from_stop_id,to_stop_id,transfer_type,min_transfer_time\n");
      for (int r = 0; r + 1 < routes; r += 50) {
        transfers.write("S" + routeStops[r][0] + ",S" + routeStops[r + 1][0] + ",2,180\n");
      }
    }
  }

  private static StringBuilder clock(StringBuilder out, int seconds) {
    int h = seconds / 3600;
    int m = seconds / 60 % 60;
    int s = seconds % 60;
    return out.append(h < 10 ? "0" : "")
        .append(h)
        .append(m < 10 ? ":0" : ":")
        .append(m)
        .append(s < 10 ? ":0" : ":")
        .append(s);
  }

  private static String fmt(double degrees) {
    return String.format(java.util.Locale.ROOT, "%.6f", degrees);
  }

  private static BufferedWriter writer(Path dir, String name) throws IOException {
    return Files.newBufferedWriter(dir.resolve(name), StandardCharsets.UTF_8);
  }

  private static void write(Path dir, String name, String text) {
    try {
      Files.writeString(dir.resolve(name), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
