package io.mobiflow.jobs.testing;

import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import com.google.transit.realtime.GtfsRealtime.TripUpdate;
import io.mobiflow.geodata.geom.Wgs84;
import io.mobiflow.geodata.locate.Zone;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipFile;
import org.locationtech.jts.geom.Coordinate;

/**
 * The real Caltrain feeds (copies of ../shared/data in the connectors' test resources), three test
 * zones along the corridor by latitude, and what the tests expect of them, computed from the raw
 * files with the protobuf bindings and plain Java — never through Mobiflow's code. Keys are {@code
 * zone@windowStart} with 5-minute windows.
 */
public final class CaltrainCorridor {

  public static final Path REAL = Path.of("../connectors/src/test/resources/real");
  public static final Path VEHICLES = REAL.resolve("caltrain/ct-vehicle-positions.pb");
  public static final Path TRIP_UPDATES = REAL.resolve("caltrain/ct-trip-updates.pb");
  public static final Path GTFS = REAL.resolve("gtfs/caltrain-ct.zip");

  private static final double[][] BANDS = {{37.6, 38.0}, {37.35, 37.6}, {37.0, 37.35}};
  private static final String[] ZONE_IDS = {"SF", "PEN", "SJ"};

  private CaltrainCorridor() {}

  /** San Francisco, the Peninsula, the South Bay: boxes by latitude. */
  public static List<Zone> zones() {
    List<Zone> zones = new ArrayList<>();
    for (int z = 0; z < BANDS.length; z++) {
      double s = BANDS[z][0];
      double n = BANDS[z][1];
      zones.add(
          new Zone(
              ZONE_IDS[z],
              ZONE_IDS[z],
              Wgs84.GEOMETRY_FACTORY.createPolygon(
                  new Coordinate[] {
                    new Coordinate(-123, s),
                    new Coordinate(-121.5, s),
                    new Coordinate(-121.5, n),
                    new Coordinate(-123, n),
                    new Coordinate(-123, s)
                  })));
    }
    return zones;
  }

  /** The same zones as a GeoJSON FeatureCollection with {@code id} and {@code name}. */
  public static String zonesGeoJson() {
    StringBuilder json = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
    for (int z = 0; z < BANDS.length; z++) {
      double s = BANDS[z][0];
      double n = BANDS[z][1];
      json.append(z == 0 ? "" : ",")
          .append("{\"type\":\"Feature\",\"properties\":{\"id\":\"")
          .append(ZONE_IDS[z])
          .append("\",\"name\":\"")
          .append(ZONE_IDS[z])
          .append("\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[-123,")
          .append(s)
          .append("],[-121.5,")
          .append(s)
          .append("],[-121.5,")
          .append(n)
          .append("],[-123,")
          .append(n)
          .append("],[-123,")
          .append(s)
          .append("]]]}}");
    }
    return json.append("]}").toString();
  }

  /**
   * Vehicle positions and stop time updates with a delay per zone and window: {@code {positions,
   * updates}}, from {@link #vehiclesPerZoneWindow} and {@link #delaysPerZoneWindow}.
   */
  public static Map<String, long[]> countsPerZoneWindow() throws IOException {
    Map<String, long[]> counts = new HashMap<>();
    vehiclesPerZoneWindow()
        .forEach((key, n) -> counts.computeIfAbsent(key, k -> new long[2])[0] = n);
    delaysPerZoneWindow()
        .forEach((key, delays) -> counts.computeIfAbsent(key, k -> new long[2])[1] = delays.size());
    return counts;
  }

  /** Vehicle positions per zone and window. */
  public static Map<String, Long> vehiclesPerZoneWindow() throws IOException {
    Map<String, Long> counts = new TreeMap<>();
    for (FeedEntity entity : FeedMessage.parseFrom(Files.readAllBytes(VEHICLES)).getEntityList()) {
      String key =
          zone(entity.getVehicle().getPosition().getLatitude())
              + "@"
              + window(entity.getVehicle().getTimestamp());
      counts.merge(key, 1L, Long::sum);
    }
    return counts;
  }

  /**
   * Delays of the stop updates per zone and window: delay = predicted time − (start_date's noon −
   * 12 h in America/Los_Angeles + the scheduled time), carried to the later stops an update leaves
   * out.
   */
  public static Map<String, List<Integer>> delaysPerZoneWindow() throws IOException {
    Map<String, List<Integer>> delays = new TreeMap<>();
    for (ResolvedStop stop : resolvedStops()) {
      delays
          .computeIfAbsent(stop.zone() + "@" + window(stop.feedTime()), k -> new ArrayList<>())
          .add(stop.delay());
    }
    return delays;
  }

  /**
   * Departures per zone and window of their predicted time (scheduled time + delay, carried as
   * above), one per trip and stop.
   */
  public static Map<String, Long> departuresPerZoneWindow() throws IOException {
    Map<String, Long> departures = new TreeMap<>();
    for (ResolvedStop stop : resolvedStops()) {
      departures.merge(stop.zone() + "@" + window(stop.predicted()), 1L, Long::sum);
    }
    return departures;
  }

  /** The earliest predicted time minus the latest update time, in seconds. */
  public static long earliestPredictionAfterLatestUpdate() throws IOException {
    List<ResolvedStop> stops = resolvedStops();
    return stops.stream().mapToLong(ResolvedStop::predicted).min().orElseThrow()
        - stops.stream().mapToLong(ResolvedStop::feedTime).max().orElseThrow();
  }

  /** One stop of a trip update with its delay, resolved by hand. */
  private record ResolvedStop(String zone, long feedTime, int delay, long predicted) {}

  private static List<ResolvedStop> resolvedStops() throws IOException {
    Map<String, double[]> stops = new HashMap<>();
    Map<String, List<int[]>> schedule = new HashMap<>(); // trip -> {sequence, departure seconds}
    Map<String, String> stopAt = new HashMap<>(); // trip@sequence -> stop id
    try (ZipFile zip = new ZipFile(GTFS.toFile())) {
      for (String[] f : rows(zip, "stops.txt")) {
        stops.put(f[0], new double[] {Double.parseDouble(f[3]), Double.parseDouble(f[4])});
      }
      for (String[] f : rows(zip, "stop_times.txt")) {
        schedule
            .computeIfAbsent(f[0], k -> new ArrayList<>())
            .add(new int[] {Integer.parseInt(f[4]), seconds(f[2])});
        stopAt.put(f[0] + "@" + f[4], f[3]);
      }
    }
    schedule.values().forEach(list -> list.sort((a, b) -> Integer.compare(a[0], b[0])));
    List<ResolvedStop> resolved = new ArrayList<>();
    FeedMessage message = FeedMessage.parseFrom(Files.readAllBytes(TRIP_UPDATES));
    for (FeedEntity entity : message.getEntityList()) {
      TripUpdate update = entity.getTripUpdate();
      String trip = update.getTrip().getTripId();
      long serviceStart =
          LocalDate.parse(update.getTrip().getStartDate(), DateTimeFormatter.BASIC_ISO_DATE)
                  .atTime(12, 0)
                  .atZone(ZoneId.of("America/Los_Angeles"))
                  .toEpochSecond()
              - 43_200;
      Map<Integer, Long> predicted = new HashMap<>();
      for (TripUpdate.StopTimeUpdate stop : update.getStopTimeUpdateList()) {
        predicted.put(
            stop.getStopSequence(),
            stop.hasDeparture() ? stop.getDeparture().getTime() : stop.getArrival().getTime());
      }
      Integer carried = null;
      for (int[] row : schedule.get(trip)) {
        Long time = predicted.get(row[0]);
        if (time != null) {
          carried = (int) (time - serviceStart - row[1]);
        }
        if (carried != null) {
          double latitude = stops.get(stopAt.get(trip + "@" + row[0]))[0];
          resolved.add(
              new ResolvedStop(
                  zone(latitude), update.getTimestamp(), carried, serviceStart + row[1] + carried));
        }
      }
    }
    return resolved;
  }

  /**
   * The departures stop_times.txt schedules in [start, end) at the stops of each zone: every
   * stop_time but a trip's last, of trips whose service (calendar.txt and calendar_dates.txt) runs
   * on the service day, at noon − 12 h in America/Los_Angeles + departure_time; service days of the
   * window's date and the day before (trips past midnight).
   */
  public static Map<String, Integer> scheduledDeparturesPerZone(Instant start, Instant end)
      throws IOException {
    ZoneId la = ZoneId.of("America/Los_Angeles");
    LocalDate date = start.atZone(la).toLocalDate();
    Map<String, Integer> counts = new TreeMap<>();
    try (ZipFile zip = new ZipFile(GTFS.toFile())) {
      Map<String, String> zoneOfStop = new HashMap<>();
      for (String[] f : rows(zip, "stops.txt")) {
        double latitude = Double.parseDouble(f[3]);
        if (latitude >= BANDS[BANDS.length - 1][0] && latitude < BANDS[0][1]) {
          zoneOfStop.put(f[0], zone(latitude)); // stops outside the three zones count nowhere
        }
      }
      Map<String, String> serviceOfTrip = new HashMap<>();
      for (String[] f : rows(zip, "trips.txt")) {
        serviceOfTrip.put(f[2], f[1]);
      }
      Map<String, int[]> lastSequence = new HashMap<>();
      List<String[]> stopTimes = rows(zip, "stop_times.txt");
      for (String[] f : stopTimes) {
        lastSequence.merge(
            f[0], new int[] {Integer.parseInt(f[4])}, (a, b) -> a[0] >= b[0] ? a : b);
      }
      for (LocalDate day : List.of(date.minusDays(1), date)) {
        Set<String> running = runningServices(zip, day);
        long origin = day.atTime(12, 0).atZone(la).toEpochSecond() - 43_200;
        for (String[] f : stopTimes) {
          if (f[2].isEmpty()
              || !zoneOfStop.containsKey(f[3])
              || !running.contains(serviceOfTrip.get(f[0]))
              || Integer.parseInt(f[4]) == lastSequence.get(f[0])[0]) {
            continue;
          }
          long at = origin + seconds(f[2]);
          if (at >= start.getEpochSecond() && at < end.getEpochSecond()) {
            counts.merge(zoneOfStop.get(f[3]), 1, Integer::sum);
          }
        }
      }
    }
    return counts;
  }

  private static Set<String> runningServices(ZipFile zip, LocalDate day) throws IOException {
    Set<String> running = new HashSet<>();
    String yyyymmdd = day.format(DateTimeFormatter.BASIC_ISO_DATE);
    int weekday = day.getDayOfWeek().getValue(); // monday = 1 = column 1
    for (String[] f : rows(zip, "calendar.txt")) {
      if (f[weekday].equals("1")
          && f[8].compareTo(yyyymmdd) <= 0
          && f[9].compareTo(yyyymmdd) >= 0) {
        running.add(f[0]);
      }
    }
    for (String[] f : rows(zip, "calendar_dates.txt")) {
      if (f[1].equals(yyyymmdd)) {
        if (f[2].equals("1")) {
          running.add(f[0]);
        } else {
          running.remove(f[0]);
        }
      }
    }
    return running;
  }

  private static String zone(double latitude) {
    for (int z = 0; z < BANDS.length; z++) {
      if (latitude >= BANDS[z][0] && latitude < BANDS[z][1]) {
        return ZONE_IDS[z];
      }
    }
    throw new IllegalStateException("latitude " + latitude + " outside the test zones");
  }

  private static Instant window(long epochSeconds) {
    return Instant.ofEpochSecond(epochSeconds - Math.floorMod(epochSeconds, 300));
  }

  private static List<String[]> rows(ZipFile zip, String file) throws IOException {
    List<String[]> rows = new ArrayList<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                zip.getInputStream(zip.getEntry(file)), StandardCharsets.UTF_8))) {
      in.readLine();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        rows.add(line.split(",", -1)); // Caltrain quotes nothing
      }
    }
    return rows;
  }

  private static int seconds(String time) {
    String[] hms = time.split(":");
    return Integer.parseInt(hms[0]) * 3600
        + Integer.parseInt(hms[1]) * 60
        + Integer.parseInt(hms[2]);
  }
}
