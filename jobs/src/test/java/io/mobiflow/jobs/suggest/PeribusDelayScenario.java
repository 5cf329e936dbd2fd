package io.mobiflow.jobs.suggest;

import io.mobiflow.connectors.gtfs.CompactTimetable;
import io.mobiflow.connectors.gtfs.CompactTimetableLoader;
import io.mobiflow.connectors.gtfs.ScheduledTrip;
import io.mobiflow.connectors.gtfs.ScheduledTrip.StopTime;
import io.mobiflow.connectors.gtfs.TransitStop;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The delay scenarios' setting on the real Péribus network of 13 January 2026: the first trip of
 * the day with ten stops or more, the traveller waiting at its second stop S from its scheduled
 * departure, and the trip's later stops.
 *
 * @param timetable the Péribus timetable
 * @param stops its stops by id
 * @param trip the trip
 * @param waitingAt S
 * @param following the trip's stops after S
 * @param serviceStart the service day's origin (noon − 12 h), epoch seconds
 * @param now the scheduled departure from S
 */
public record PeribusDelayScenario(
    CompactTimetable timetable,
    Map<String, TransitStop> stops,
    ScheduledTrip trip,
    StopTime waitingAt,
    List<StopTime> following,
    long serviceStart,
    Instant now) {

  public static final Path PERIBUS =
      Path.of("../connectors/src/test/resources/real/gtfs/peribus-gtfs.zip");
  public static final LocalDate DATE = LocalDate.of(2026, 1, 13);

  public static PeribusDelayScenario load() throws IOException {
    CompactTimetable timetable = CompactTimetableLoader.load(PERIBUS);
    Map<String, TransitStop> stops = timetable.forDate(DATE).stopsById();
    ScheduledTrip trip =
        timetable.forDate(DATE).trips().stream()
            .filter(t -> t.stops().size() >= 10)
            .findFirst()
            .orElseThrow();
    StopTime waitingAt = trip.stops().get(1);
    long serviceStart = DATE.atTime(12, 0).atZone(timetable.timeZone()).toEpochSecond() - 43_200;
    return new PeribusDelayScenario(
        timetable,
        stops,
        trip,
        waitingAt,
        timetable.followingStops(trip.tripId(), waitingAt.stopSequence()),
        serviceStart,
        Instant.ofEpochSecond(serviceStart + waitingAt.departureSeconds()));
  }
}
