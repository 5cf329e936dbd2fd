package io.mobiflow.connectors.gtfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.mobiflow.connectors.common.RejectReason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compact timetable on the two real feeds and on a small hand-written one. Counts of the real
 * feeds come from {@code unzip -p FEED FILE.txt | tail -n +2 | grep -c .} and, for stops.txt with
 * quoted names, Python's csv module; query answers from awk over the raw files, as written beside
 * each.
 */
class CompactTimetableTest {

  @TempDir Path dir;

  @Test
  void caltrainLoadsWithEveryEntityCounted() throws IOException {
    CompactTimetable caltrain = load("caltrain-ct.zip");
    assertThat(caltrain.stopCount()).isEqualTo(109);
    assertThat(caltrain.routeCount()).isEqualTo(9);
    assertThat(caltrain.tripCount()).isEqualTo(176);
    assertThat(caltrain.stopTimeCount()).isEqualTo(3498);
    assertThat(caltrain.transferCount()).isEqualTo(10);
    assertThat(caltrain.shapePointCount()).isEqualTo(12027);
    assertThat(caltrain.frequencyCount()).isZero();
    assertThat(caltrain.problems()).isEmpty();
    assertThat(caltrain.timeZone()).isEqualTo(ZoneId.of("America/Los_Angeles"));
    // stops.txt: 31 rows with location_type 1; 70021 has parent_station 22nd_street
    assertThat(caltrain.stops()).filteredOn(TransitStop::station).hasSize(31);
    assertThat(caltrain.stops())
        .filteredOn(s -> s.stopId().equals("70021"))
        .singleElement()
        .extracting(TransitStop::parentStationId)
        .isEqualTo("22nd_street");
  }

  @Test
  void caltrainDeparturesFollowingStopsAndHeadways() throws IOException {
    CompactTimetable caltrain = load("caltrain-ct.zip");
    LocalDate wednesday = LocalDate.of(2023, 11, 8); // service 72982 (weekdays), no exception
    // awk over stop_times.txt joined with trips.txt of service 72982, stop 70021, 07:00-08:00:
    // trip 105 (route L1) 7:24:00 seq 21, trip 403 (route L4) 7:52:00 seq 18
    assertThat(caltrain.departures("70021", wednesday, 7 * 3600, 8 * 3600))
        .extracting(
            CompactTimetable.Departure::tripId,
            CompactTimetable.Departure::routeId,
            CompactTimetable.Departure::departureSeconds,
            CompactTimetable.Departure::stopSequence)
        .containsExactly(
            tuple("105", "L1", 7 * 3600 + 24 * 60, 21), tuple("403", "L4", 7 * 3600 + 52 * 60, 18));
    // Saturday: service 72981 only, whose trips have other ids
    assertThat(caltrain.departures("70021", LocalDate.of(2023, 11, 11), 7 * 3600, 8 * 3600))
        .noneMatch(d -> d.tripId().equals("105"));
    // Thanksgiving 2023-11-23: calendar_dates removes 72982 and adds 72981
    assertThat(caltrain.departures("70021", LocalDate.of(2023, 11, 23), 0, 30 * 3600))
        .noneMatch(d -> d.tripId().equals("105"))
        .isNotEmpty();
    // trip 105 after seq 21: one stop, 70011 at 7:31:00, seq 22
    assertThat(caltrain.followingStops("105", 21))
        .containsExactly(new ScheduledTrip.StopTime("70011", 22, 7 * 3600 + 31 * 60, 27060));
    // L1 at 70012, 06:00-12:00: 6:37, 7:37, 8:37, 9:36, 10:36, 11:36
    assertThat(caltrain.headways("L1", "70012", wednesday, 6 * 3600, 12 * 3600).gaps())
        .containsExactly(3600, 3600, 3540, 3600, 3600);
  }

  @Test
  void peribusLoadsWithParentStationsShapesAndItsServicePeriod() throws IOException {
    CompactTimetable peribus = load("peribus-gtfs.zip");
    assertThat(peribus.stopCount()).isEqualTo(1329);
    assertThat(peribus.routeCount()).isEqualTo(80);
    assertThat(peribus.tripCount()).isEqualTo(2374);
    assertThat(peribus.stopTimeCount()).isEqualTo(33408);
    assertThat(peribus.shapePointCount()).isEqualTo(62754);
    assertThat(peribus.problems()).isEmpty();
    // Python csv over stops.txt: 520 stations, 809 stops, all 809 with a parent_station
    assertThat(peribus.stops()).filteredOn(TransitStop::station).hasSize(520);
    assertThat(peribus.stops()).filteredOn(s -> s.parentStationId() != null).hasSize(809);
    // SOURCES.md: service 2025-12-22 -> 2026-03-01
    assertThat(peribus.serviceSpan())
        .containsExactly(LocalDate.of(2025, 12, 22), LocalDate.of(2026, 3, 1));
  }

  @Test
  void afterMidnightFrequenciesQuotesAndBadRowsOfAHandWrittenFeed() throws IOException {
    write(
        "agency.txt",
        "agency_id,agency_name,agency_url,agency_timezone\nA,A,http://a,Europe/Paris");
    write(
        "stops.txt",
        "stop_id,stop_name,stop_lat,stop_lon\nX,\"Gare, quai 1\",45.0,0.7\nY,Y,45.1,0.7");
    write("routes.txt", "route_id,agency_id,route_short_name,route_type\nR,A,1,3");
    write(
        "calendar.txt",
        "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n"
            + "S,1,1,1,1,1,1,1,20260101,20260131");
    write("calendar_dates.txt", "service_id,date,exception_type\nS,20260110,2");
    write("trips.txt", "route_id,service_id,trip_id\nR,S,NIGHT\nR,S,FREQ");
    write(
        "stop_times.txt",
        "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
            + "NIGHT,25:10:00,25:10:00,Y,2\n" // out of order: sorted by stop_sequence
            + "NIGHT,24:50:00,24:50:00,X,1\n"
            + "FREQ,06:00:00,06:00:00,X,1\n"
            + "FREQ,06:10:00,06:10:00,Y,2\n"
            + "GHOST,06:00:00,06:00:00,X,1\n"
            + "FREQ,06:20:00,06:20:00,NOWHERE,3\n"
            + "FREQ,6h30,06:30:00,Y,4\n");
    write(
        "frequencies.txt", "trip_id,start_time,end_time,headway_secs\nFREQ,06:00:00,07:00:00,1200");
    CompactTimetable timetable = CompactTimetableLoader.load(dir);

    assertThat(timetable.stopTimeCount()).isEqualTo(4);
    assertThat(timetable.problems())
        .extracting(r -> r.reason(), r -> r.source().line())
        .containsExactly(
            tuple(RejectReason.UNKNOWN_REFERENCE, 6L),
            tuple(RejectReason.UNKNOWN_REFERENCE, 7L),
            tuple(RejectReason.INVALID_VALUE, 8L));
    assertThat(timetable.problems()).allMatch(r -> r.source().file().equals("stop_times.txt"));
    assertThat(timetable.stops().get(0).name()).isEqualTo("Gare, quai 1");
    // 00:50 on the 12th is the 24:50 departure of the 11th's service
    assertThat(timetable.departures("X", LocalDate.of(2026, 1, 12), 0, 3600))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.serviceDate()).isEqualTo(LocalDate.of(2026, 1, 11));
              assertThat(d.departureSeconds()).isEqualTo(24 * 3600 + 50 * 60);
              assertThat(d.secondsFrom(LocalDate.of(2026, 1, 12))).isEqualTo(50 * 60);
            });
    // the 10th's service is removed, so nothing runs after midnight on the 11th
    assertThat(timetable.departures("X", LocalDate.of(2026, 1, 11), 0, 3600)).isEmpty();
    // FREQ every 20 min from 06:00 to before 07:00 -> 06:00, 06:20, 06:40 at X (offset 0)
    assertThat(timetable.departures("X", LocalDate.of(2026, 1, 12), 5 * 3600, 8 * 3600))
        .extracting(CompactTimetable.Departure::departureSeconds)
        .containsExactly(6 * 3600, 6 * 3600 + 1200, 6 * 3600 + 2400);
    assertThat(timetable.headways("R", "X", LocalDate.of(2026, 1, 12), 5 * 3600, 8 * 3600).gaps())
        .containsExactly(1200, 1200);
    assertThat(timetable.followingStops("NIGHT", 1))
        .extracting(ScheduledTrip.StopTime::stopId)
        .containsExactly("Y");
    assertThat(timetable.forDate(LocalDate.of(2026, 1, 12)).trips())
        .extracting(ScheduledTrip::tripId)
        .containsExactly("FREQ", "NIGHT");
  }

  @Test
  void aFeedWithoutAgencyIsAnError() throws IOException {
    write("stops.txt", "stop_id,stop_name,stop_lat,stop_lon\nX,X,45.0,0.7");
    assertThatThrownBy(() -> CompactTimetableLoader.load(dir))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("agency");
  }

  private CompactTimetable load(String resource) throws IOException {
    Path zip = dir.resolve(resource);
    try (InputStream in = getClass().getResourceAsStream("/real/gtfs/" + resource)) {
      Files.copy(in, zip);
    }
    return CompactTimetableLoader.load(zip);
  }

  private void write(String file, String text) throws IOException {
    Files.writeString(dir.resolve(file), text + "\n");
  }

  @Test
  void departuresEqualAPlainLoopOverTheDaysTripsOnPeribus() throws IOException {
    CompactTimetable peribus = load("peribus-gtfs.zip");
    LocalDate date = LocalDate.of(2026, 1, 13);
    Timetable today = peribus.forDate(date);
    Timetable yesterday = peribus.forDate(date.minusDays(1));
    java.util.SplittableRandom random = new java.util.SplittableRandom(11);
    int nonEmpty = 0;
    for (int query = 0; query < 300; query++) {
      // a stop some trip of the day serves, around that time (so most queries find something)
      ScheduledTrip served = today.trips().get(random.nextInt(today.trips().size()));
      ScheduledTrip.StopTime at = served.stops().get(random.nextInt(served.stops().size()));
      String stop = at.stopId();
      int from = Math.max(0, at.departureSeconds()) - random.nextInt(0, 2 * 3600);
      int to = from + random.nextInt(0, 4 * 3600);
      // by hand: every stop time of the day's trips but their last stop, in [from, to]; and the
      // previous day's trips past midnight
      List<String> expected = new java.util.ArrayList<>();
      collect(today, stop, from, to, 0, expected);
      collect(yesterday, stop, from, to, 86_400, expected);
      List<String> actual =
          peribus.departures(stop, date, from, to).stream()
              .map(d -> d.tripId() + "@" + d.secondsFrom(date))
              .toList();
      assertThat(actual)
          .as("%s %d..%d", stop, from, to)
          .containsExactlyInAnyOrderElementsOf(expected);
      nonEmpty += actual.isEmpty() ? 0 : 1;
    }
    assertThat(nonEmpty).as("queries that found departures").isGreaterThan(150);
  }

  private static void collect(
      Timetable day, String stop, int from, int to, int shift, List<String> into) {
    for (ScheduledTrip trip : day.trips()) {
      List<ScheduledTrip.StopTime> times = trip.stops();
      for (int i = 0; i < times.size() - 1; i++) {
        ScheduledTrip.StopTime t = times.get(i);
        int departure = t.departureSeconds() - shift;
        if (t.stopId().equals(stop)
            && t.departureSeconds() != CompactTimetable.NO_TIME
            && departure >= from
            && departure <= to) {
          into.add(trip.tripId() + "@" + departure);
        }
      }
    }
  }
}
