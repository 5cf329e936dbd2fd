package io.mobiflow.jobs.suggest.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.connectors.gbfs.model.FreeFloatingVehicle;
import io.mobiflow.connectors.gbfs.model.StationInformation;
import io.mobiflow.connectors.gbfs.model.StationStatus;
import io.mobiflow.connectors.gtfs.CompactTimetable;
import io.mobiflow.connectors.gtfs.CompactTimetableLoader;
import io.mobiflow.connectors.gtfs.ScheduledTrip.StopTime;
import io.mobiflow.connectors.gtfs.TransitStop;
import io.mobiflow.connectors.gtfsrt.model.StopRelationship;
import io.mobiflow.connectors.gtfsrt.model.StopTimeUpdate;
import io.mobiflow.geodata.geom.Wgs84;
import io.mobiflow.jobs.suggest.FreeVehicles;
import io.mobiflow.jobs.suggest.SuggestionSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The surroundings of the stops of a small hand-written network: stops, stations and vehicles are
 * placed at chosen distances and bearings from a stop S ({@link Wgs84#destination}); which are near
 * is checked against those distances, measured again here by haversine ({@link
 * Wgs84#distanceMeters}), not by the grid index under test. Walking radius 250 m (the default),
 * transfers 200 m, reports trusted for 5 minutes.
 */
class StopSurroundingsTest {

  private static final double LAT = 45.0;
  private static final double LON = 0.7;
  private static final Instant NOW = Instant.parse("2026-01-13T08:00:00Z");

  @TempDir Path dir;

  private final Map<String, double[]> stopAt = new HashMap<>();
  private CompactTimetable timetable;

  /**
   * Stops: S; S2 120 m east, S3 190 m north, S4 215 m south (within a transfer of S: S2 and S3); T
   * 2 km north, U 1.2 km east, far from S and from each other. Trip L: S (1), T (2), S again (3), U
   * (4).
   */
  @BeforeEach
  void network() throws IOException {
    stopAt.put("S", new double[] {LAT, LON});
    stopAt.put("S2", from("S", 90, 120));
    stopAt.put("S3", from("S", 0, 190));
    stopAt.put("S4", from("S", 180, 215));
    stopAt.put("T", from("S", 0, 2000));
    stopAt.put("U", from("S", 90, 1200));
    StringBuilder stops = new StringBuilder("stop_id,stop_name,stop_lat,stop_lon");
    stopAt.forEach(
        (id, at) -> stops.append('\n').append(id + "," + id + "," + at[0] + "," + at[1]));
    write(
        "agency.txt",
        "agency_id,agency_name,agency_url,agency_timezone\nA,A,http://a,Europe/Paris");
    write("stops.txt", stops.toString());
    write("routes.txt", "route_id,agency_id,route_short_name,route_type\nR,A,1,3");
    write(
        "calendar.txt",
        "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n"
            + "W,1,1,1,1,1,1,1,20260101,20260131");
    write("trips.txt", "route_id,service_id,trip_id\nR,W,L");
    write(
        "stop_times.txt",
        "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
            + "L,09:00:00,09:00:00,S,1\n"
            + "L,09:10:00,09:10:00,T,2\n"
            + "L,09:20:00,09:20:00,S,3\n"
            + "L,09:30:00,09:30:00,U,4");
    timetable = CompactTimetableLoader.load(dir);
  }

  @Test
  void stopsZonesAndStationNamesAreLookedUpById() {
    StopSurroundings around =
        surroundings(
            Map.of("Z1", List.of("S", "S2"), "Z2", List.of("T")),
            List.of(station("A", "S", 45, 100)));

    assertThat(around.stop("T").name()).isEqualTo("T");
    assertThat(around.stop("T").latitude()).isEqualTo(stopAt.get("T")[0]);
    assertThat(around.stop("nowhere")).isNull();
    assertThat(around.stops()).containsOnlyKeys(stopAt.keySet());
    assertThat(around.zoneOf("S2")).isEqualTo("Z1");
    assertThat(around.zoneOf("T")).isEqualTo("Z2");
    assertThat(around.zoneOf("U")).as("in no zone").isNull();
    assertThat(around.stationNames()).isEqualTo(Map.of("A", "station A"));
  }

  @Test
  void transfersAreTheStopsWithinTwoHundredMetresNearestFirst() {
    StopSurroundings around = surroundings(Map.of(), List.of());
    TransitStop s = around.stop("S");
    List<String> byHaversine =
        stopAt.keySet().stream()
            .filter(id -> meters(stopAt.get(id), stopAt.get("S")) <= 200)
            .sorted(Comparator.comparingDouble(id -> meters(stopAt.get(id), stopAt.get("S"))))
            .toList();

    assertThat(byHaversine).as("the network as laid out").containsExactly("S", "S2", "S3");
    assertThat(around.transfersAt(s)).extracting(TransitStop::stopId).isEqualTo(byHaversine);
    assertThat(around.transfersAt(around.stop("T")))
        .extracting(TransitStop::stopId)
        .containsExactly("T");
  }

  @Test
  void theStopOfTheTripIsFoundBySequenceElseByItsFirstVisit() {
    StopSurroundings around = surroundings(Map.of(), List.of());

    assertThat(around.stopOfTrip(update("L", "S", 3), "S"))
        .as("the trip's second visit of S")
        .isEqualTo(new StopTime("S", 3, 9 * 3600 + 20 * 60, 9 * 3600 + 20 * 60));
    assertThat(around.stopOfTrip(update("L", "S", null), "S"))
        .isEqualTo(new StopTime("S", 1, 9 * 3600, 9 * 3600));
    assertThat(around.stopOfTrip(update("L", "S", 7), "S")).as("no such sequence").isNull();
    assertThat(around.stopOfTrip(update("L", "S4", null), "S4")).as("not on the trip").isNull();
    assertThat(around.stopOfTrip(update("GHOST", "S", 1), "S")).as("unknown trip").isNull();
  }

  /**
   * Around S: station A 100 m (3 bikes, 5 docks; a later report, not yet in force, says 9), B 240 m
   * (not renting: 7 bikes count as none; 2 docks), C 260 m (beyond the radius), D 150 m (its report
   * 6 minutes old), E 200 m (no report); vehicle v1 30 m. Around T: station F 80 m (renting 2, not
   * returning: 4 docks count as none). Around U: vehicle v2 100 m. Feed f1's next snapshot (v9 by
   * S) is later than now; feed f2's only snapshot is 10 minutes old.
   */
  @Test
  void spotsNearTheStopAndItsLaterStopsWithTheirAvailabilityAsOfNow() throws Exception {
    List<StationInformation> stations =
        List.of(
            station("A", "S", 45, 100),
            station("B", "S", 270, 240),
            station("C", "S", 225, 260),
            station("D", "S", 135, 150),
            station("E", "S", 315, 200),
            station("F", "T", 90, 80));
    Map<String, List<StationStatus>> reports = new HashMap<>();
    reports.put(
        "A", List.of(status("A", 3, 5, true, true, 60), status("A", 9, 0, true, true, -60)));
    reports.put("B", List.of(status("B", 7, 2, false, true, 10)));
    reports.put("C", List.of(status("C", 5, 5, true, true, 10)));
    reports.put("D", List.of(status("D", 5, 5, true, true, 360)));
    reports.put("F", List.of(status("F", 2, 4, true, false, 10)));
    FreeVehicles f1 = snapshot("f1", 120, vehicle("v1", "S", 0, 30), vehicle("v2", "U", 0, 100));
    FreeVehicles f1Next = snapshot("f1", -30, vehicle("v9", "S", 180, 20));
    FreeVehicles f2 = snapshot("f2", 600, vehicle("w1", "S", 90, 10));
    StopSurroundings around = surroundings(Map.of(), stations);

    // the layout: each spot is within 250 m of the stop it is placed by, and of no earlier one
    assertThat(meters(spot(stations, "B"), stopAt.get("S"))).isLessThan(250);
    assertThat(meters(spot(stations, "C"), stopAt.get("S"))).isGreaterThan(250);
    assertThat(meters(position(f1, "v2"), stopAt.get("S"))).isGreaterThan(250);
    assertThat(meters(position(f1, "v2"), stopAt.get("U"))).isLessThan(250);

    List<VehicleSpot> spots =
        around.spotsNear(
            around.stop("S"),
            timetable.followingStops("L", 1), // T, S, U
            NOW,
            reports::get,
            List.of(List.of(f1, f1Next), List.of(f2)));

    double[] a = spot(stations, "A");
    double[] b = spot(stations, "B");
    double[] f = spot(stations, "F");
    double[] v1 = position(f1, "v1");
    double[] v2 = position(f1, "v2");
    assertThat(spots)
        .containsExactly(
            new VehicleSpot("A", a[0], a[1], 3, 5),
            new VehicleSpot("B", b[0], b[1], 0, 2),
            new VehicleSpot("v1", v1[0], v1[1], 1, null),
            new VehicleSpot("F", f[0], f[1], 2, 0),
            new VehicleSpot("v2", v2[0], v2[1], 1, null));

    // two minutes later f1's next snapshot is in force: v9 instead of v1 and v2, A's report of 9
    List<VehicleSpot> later =
        around.spotsNear(
            around.stop("S"),
            List.of(),
            NOW.plusSeconds(120),
            reports::get,
            List.of(List.of(f1, f1Next)));
    double[] v9 = position(f1Next, "v9");
    assertThat(later)
        .containsExactly(
            new VehicleSpot("A", a[0], a[1], 9, 0),
            new VehicleSpot("B", b[0], b[1], 0, 2),
            new VehicleSpot("v9", v9[0], v9[1], 1, null));
  }

  @Test
  void atMostThirtyTwoStationsAroundAStopTheNearest() throws Exception {
    List<StationInformation> stations = new ArrayList<>();
    Map<String, List<StationStatus>> reports = new HashMap<>();
    for (int i = 0; i < 40; i++) {
      String id = "N" + i;
      stations.add(station(id, "S", (i * 47) % 360, 240 - 5 * i)); // 240 m down to 45 m
      reports.put(id, List.of(status(id, 1, 1, true, true, 0)));
    }
    List<String> nearestByHaversine =
        stations.stream()
            .sorted(
                Comparator.comparingDouble(
                    s -> meters(new double[] {s.latitude(), s.longitude()}, stopAt.get("S"))))
            .limit(32)
            .map(StationInformation::stationId)
            .toList();

    List<VehicleSpot> spots =
        surroundings(Map.of(), stations)
            .spotsNear(stopOf("S"), List.of(), NOW, reports::get, List.of());

    assertThat(spots).extracting(VehicleSpot::id).isEqualTo(nearestByHaversine);
  }

  @Test
  void asOfIsTheLatestReportNotAfterTheTime() {
    List<Instant> reports = List.of(NOW, NOW.plusSeconds(60), NOW.plusSeconds(120));

    assertThat(StopSurroundings.asOf(reports, NOW.plusSeconds(90), t -> t))
        .isEqualTo(NOW.plusSeconds(60));
    assertThat(StopSurroundings.asOf(reports, NOW.plusSeconds(120), t -> t))
        .isEqualTo(NOW.plusSeconds(120));
    assertThat(StopSurroundings.asOf(reports, NOW.minusSeconds(1), t -> t)).isNull();
    assertThat(StopSurroundings.asOf(null, NOW, (Instant t) -> t)).isNull();
  }

  private StopSurroundings surroundings(
      Map<String, List<String>> stopsByZone, List<StationInformation> stations) {
    return new StopSurroundings(timetable, stopsByZone, stations, SuggestionSettings.DEFAULT);
  }

  private TransitStop stopOf(String id) {
    return timetable.stops().stream().filter(s -> s.stopId().equals(id)).findFirst().orElseThrow();
  }

  private double[] from(String stop, double bearing, double meters) {
    double[] at = stopAt.get(stop);
    return Wgs84.destination(at[0], at[1], bearing, meters);
  }

  private StationInformation station(String id, String stop, double bearing, double meters) {
    double[] at = from(stop, bearing, meters);
    return new StationInformation(id, "station " + id, at[0], at[1], 10);
  }

  /** A report observed {@code secondsAgo} before {@link #NOW}. */
  private static StationStatus status(
      String id, int vehicles, int docks, boolean renting, boolean returning, long secondsAgo) {
    Instant at = NOW.minusSeconds(secondsAgo);
    return new StationStatus(id, vehicles, 0, docks, renting, returning, at, at, Map.of());
  }

  private FreeFloatingVehicle vehicle(String id, String stop, double bearing, double meters) {
    double[] at = from(stop, bearing, meters);
    return new FreeFloatingVehicle(id, at[0], at[1], "bike", false, false, NOW);
  }

  /** A snapshot observed {@code secondsAgo} before {@link #NOW}. */
  private static FreeVehicles snapshot(
      String feed, long secondsAgo, FreeFloatingVehicle... vehicles) {
    return new FreeVehicles(feed, NOW.minusSeconds(secondsAgo), List.of(vehicles));
  }

  private static StopTimeUpdate update(String trip, String stop, Integer sequence) {
    return new StopTimeUpdate(
        trip, null, null, stop, sequence, StopRelationship.SCHEDULED, 60, 60, null, null, NOW);
  }

  private static double[] spot(List<StationInformation> stations, String id) {
    StationInformation s =
        stations.stream().filter(x -> x.stationId().equals(id)).findFirst().orElseThrow();
    return new double[] {s.latitude(), s.longitude()};
  }

  private static double[] position(FreeVehicles snapshot, String id) {
    FreeFloatingVehicle v =
        snapshot.vehicles().stream()
            .filter(x -> x.vehicleId().equals(id))
            .findFirst()
            .orElseThrow();
    return new double[] {v.latitude(), v.longitude()};
  }

  private static double meters(double[] a, double[] b) {
    return Wgs84.distanceMeters(a[0], a[1], b[0], b[1]);
  }

  private void write(String file, String text) throws IOException {
    Files.writeString(dir.resolve(file), text + "\n");
  }
}
