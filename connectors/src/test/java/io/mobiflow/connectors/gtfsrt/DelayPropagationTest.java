package io.mobiflow.connectors.gtfsrt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.FeedHeader;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import com.google.transit.realtime.GtfsRealtime.TripDescriptor;
import com.google.transit.realtime.GtfsRealtime.TripUpdate;
import io.mobiflow.connectors.Snapshots;
import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.gtfs.CompactTimetable;
import io.mobiflow.connectors.gtfs.CompactTimetableLoader;
import io.mobiflow.connectors.gtfsrt.decode.DelayPropagation;
import io.mobiflow.connectors.gtfsrt.decode.TripUpdateDecoder;
import io.mobiflow.connectors.gtfsrt.model.StopRelationship;
import io.mobiflow.connectors.gtfsrt.model.StopTimeUpdate;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Caltrain's real TripUpdates (predicted times only, no delays) resolved against its timetable, and
 * updates built against its real trips. Scheduled times from {@code unzip -p ct.zip stop_times.txt
 * | awk -F, '$1=="124"'}: trip 124 has stop_sequence 1..23, seq 3 (70032), 5 (70052), 8 (70092), 18
 * (70212) 16:50:00, 19 (70222) 16:55:00, 20 (70232) 17:03:00, 21 (70242) 17:09:00, 22 (70262)
 * 17:16:00, 23 (70272) 17:21:00; start_date 2023-11-07, America/Los_Angeles (PST, UTC-8), so the
 * service day starts at 2023-11-07T08:00:00Z = 1699344000 and 17:03:00 is 1699405380. Stop 70011
 * (San Francisco, northbound) is in stops.txt but not on trip 124.
 *
 * <p>Péribus trip {@code CA_GRAND_PERIGUEUX:VehicleJourney:291688} is a loop ({@code unzip -p
 * peribus-gtfs.zip stop_times.txt | grep 'VehicleJourney:291688"'}): stop MOBIITI:Quay:111602 at
 * stop_sequence 1 and 9, seven other stops at 2..8; it runs on Sundays (Timetable:1).
 */
class DelayPropagationTest {

  private static final String LOOP = "CA_GRAND_PERIGUEUX:VehicleJourney:291688";
  private static final String LOOP_STOP = "MOBIITI:Quay:111602";

  @TempDir static Path dir;
  static CompactTimetable caltrain;
  static CompactTimetable peribus;

  @BeforeAll
  static void loadTimetables() throws Exception {
    caltrain = load("caltrain-ct.zip");
    peribus = load("peribus-gtfs.zip");
  }

  private static CompactTimetable load(String name) throws Exception {
    Path zip = dir.resolve(name);
    try (InputStream in = DelayPropagationTest.class.getResourceAsStream("/real/gtfs/" + name)) {
      Files.copy(in, zip);
    }
    return CompactTimetableLoader.load(zip);
  }

  @Test
  void predictedTimesOfTheRealFeedBecomeDelays() {
    List<Decoded<StopTimeUpdate>> resolved =
        new DelayPropagation(caltrain)
            .resolve(
                new TripUpdateDecoder()
                    .decode(
                        Snapshots.resource(
                            FeedKind.GTFS_RT_TRIP_UPDATES, "/real/caltrain/ct-trip-updates.pb")));
    assertThat(resolved).allMatch(Decoded::isOk);
    // trip 124: departure 1699405504 = 17:05:04 PST at seq 20 (+124 s); 1699405801 = 17:10:01 at
    // seq 21 (+61 s); arrival only at seq 23, 1699406518 = 17:21:58 (+58 s)
    assertThat(resolved)
        .map(Decoded::value)
        .filteredOn(u -> u.tripId().equals("124"))
        .extracting(StopTimeUpdate::stopSequence, StopTimeUpdate::departureDelaySeconds)
        .startsWith(tuple(20, 124), tuple(21, 61))
        .endsWith(tuple(23, 58));
    assertThat(resolved).map(Decoded::value).allMatch(u -> u.delaySeconds() != null);
  }

  @Test
  void delaysPropagateAcrossUnlistedAndSkippedStopsUntilNoData() {
    // trip 124 has stops seq 1..23; list seq 19 (+300 s), skip 20, NO_DATA at 22
    List<Decoded<StopTimeUpdate>> resolved =
        resolve(
            caltrain,
            update("124", TripDescriptor.ScheduleRelationship.SCHEDULED)
                .addStopTimeUpdate(stop(19).setDeparture(delay(300)))
                .addStopTimeUpdate(
                    stop(20)
                        .setScheduleRelationship(
                            TripUpdate.StopTimeUpdate.ScheduleRelationship.SKIPPED))
                .addStopTimeUpdate(
                    stop(22)
                        .setScheduleRelationship(
                            TripUpdate.StopTimeUpdate.ScheduleRelationship.NO_DATA)),
            update("124", TripDescriptor.ScheduleRelationship.CANCELED),
            update("NOT-A-TRIP", TripDescriptor.ScheduleRelationship.SCHEDULED)
                .addStopTimeUpdate(stop(1).setDeparture(delay(60))),
            update("124", TripDescriptor.ScheduleRelationship.SCHEDULED)
                .addStopTimeUpdate(stop(99).setDeparture(delay(60))));

    List<Decoded<StopTimeUpdate>> first =
        resolved.stream().filter(d -> d.source().line() == 1).toList();
    assertThat(first)
        .map(Decoded::value)
        .extracting(
            StopTimeUpdate::stopSequence,
            StopTimeUpdate::relationship,
            StopTimeUpdate::departureDelaySeconds)
        .containsExactly(
            tuple(19, StopRelationship.SCHEDULED, 300),
            tuple(20, StopRelationship.SKIPPED, null),
            tuple(21, StopRelationship.PROPAGATED, 300),
            tuple(22, StopRelationship.NO_DATA, null));
    // the cancellation lists no stop: every one of the trip's 23 stops is cancelled
    assertThat(resolved.stream().filter(d -> d.source().line() == 2))
        .hasSize(23)
        .allMatch(d -> d.value().relationship() == StopRelationship.TRIP_CANCELED);
    assertThat(resolved.stream().filter(d -> d.source().line() >= 3))
        .extracting(Decoded::reason)
        .containsExactly(RejectReason.UNKNOWN_REFERENCE, RejectReason.UNKNOWN_REFERENCE);
  }

  @Test
  void aStopSequenceAndStopIdThatDisagreeArePlacedByTheStopId() {
    // stop_sequence 5 is stop 70052, stop 70232 is stop_sequence 20: the update is for 70232
    List<Decoded<StopTimeUpdate>> resolved =
        resolve(
            caltrain,
            update("124", TripDescriptor.ScheduleRelationship.SCHEDULED)
                .addStopTimeUpdate(stop(5).setStopId("70232").setDeparture(delay(120))));

    assertThat(placed(resolved))
        .containsExactly(
            tuple("70232", 20, StopRelationship.SCHEDULED, 120),
            tuple("70242", 21, StopRelationship.PROPAGATED, 120),
            tuple("70262", 22, StopRelationship.PROPAGATED, 120),
            tuple("70272", 23, StopRelationship.PROPAGATED, 120));
  }

  @Test
  void onALoopTheStopIdIsPlacedAtItsVisitNearestTheSequence() {
    // 111602 is visited at stop_sequence 1 and 9; sequence 8 is nearest 9, sequence 2 nearest 1
    List<Decoded<StopTimeUpdate>> resolved =
        resolve(
            peribus,
            trip(LOOP, "20260111")
                .addStopTimeUpdate(stop(8).setStopId(LOOP_STOP).setDeparture(delay(90))),
            trip(LOOP, "20260111")
                .addStopTimeUpdate(stop(2).setStopId(LOOP_STOP).setDeparture(delay(30))));

    assertThat(resolved).allMatch(Decoded::isOk);
    assertThat(resolved.stream().filter(d -> d.source().line() == 1))
        .map(Decoded::value)
        .extracting(StopTimeUpdate::stopId, StopTimeUpdate::stopSequence, u -> u.delaySeconds())
        .containsExactly(tuple(LOOP_STOP, 9, 90));
    // the visit at 1 and the eight stops after it, each once, 111602 at 1 and at 9
    assertThat(resolved.stream().filter(d -> d.source().line() == 2))
        .map(Decoded::value)
        .extracting(StopTimeUpdate::stopSequence, u -> u.delaySeconds())
        .containsExactly(
            tuple(1, 30),
            tuple(2, 30),
            tuple(3, 30),
            tuple(4, 30),
            tuple(5, 30),
            tuple(6, 30),
            tuple(7, 30),
            tuple(8, 30),
            tuple(9, 30));
    assertThat(resolved.stream().filter(d -> d.source().line() == 2))
        .map(d -> d.value().stopId())
        .filteredOn(LOOP_STOP::equals)
        .hasSize(2);
  }

  @Test
  void anUpdateWhoseSequenceAndIdFitNoStopIsOneRejectionNamingBoth() {
    List<Decoded<StopTimeUpdate>> resolved =
        resolve(
            caltrain,
            update("124", TripDescriptor.ScheduleRelationship.SCHEDULED)
                .addStopTimeUpdate(stop(5).setStopId("70011").setDeparture(delay(60)))
                .addStopTimeUpdate(stop(20).setDeparture(delay(60))));

    assertThat(resolved).filteredOn(d -> !d.isOk()).hasSize(1);
    Decoded<StopTimeUpdate> rejected =
        resolved.stream().filter(d -> !d.isOk()).findFirst().orElseThrow();
    assertThat(rejected.reason()).isEqualTo(RejectReason.UNKNOWN_REFERENCE);
    assertThat(rejected.detail())
        .contains("stop_sequence 5 is stop 70052")
        .contains("stop_id 70011 is not a stop of trip 124");
    assertThat(resolved)
        .filteredOn(Decoded::isOk)
        .map(Decoded::value)
        .extracting(StopTimeUpdate::stopSequence, StopTimeUpdate::departureDelaySeconds)
        .containsExactly(tuple(20, 60), tuple(21, 60), tuple(22, 60), tuple(23, 60));
  }

  @Test
  void delaysApplyUpToTheNextNamedStopAndEachStopIsUpdatedOnce() {
    // seq 18 +60; then stop 70242 (seq 21) named with stop_sequence 20 (70232): +180 from 21 on
    List<Decoded<StopTimeUpdate>> resolved =
        resolve(
            caltrain,
            update("124", TripDescriptor.ScheduleRelationship.SCHEDULED)
                .addStopTimeUpdate(stop(18).setDeparture(delay(60)))
                .addStopTimeUpdate(stop(20).setStopId("70242").setDeparture(delay(180))));

    assertThat(placed(resolved))
        .containsExactly(
            tuple("70212", 18, StopRelationship.SCHEDULED, 60),
            tuple("70222", 19, StopRelationship.PROPAGATED, 60),
            tuple("70232", 20, StopRelationship.PROPAGATED, 60),
            tuple("70242", 21, StopRelationship.SCHEDULED, 180),
            tuple("70262", 22, StopRelationship.PROPAGATED, 180),
            tuple("70272", 23, StopRelationship.PROPAGATED, 180));
  }

  @Test
  void aSecondUpdateOfTheSameStopInOneTripUpdateIsADuplicate() {
    // stop_sequence 20 is stop 70232: the second update names it again by its id
    List<Decoded<StopTimeUpdate>> resolved =
        resolve(
            caltrain,
            update("124", TripDescriptor.ScheduleRelationship.SCHEDULED)
                .addStopTimeUpdate(stop(20).setDeparture(delay(60)))
                .addStopTimeUpdate(stop(20).setStopId("70232").setDeparture(delay(600))));

    assertThat(resolved)
        .extracting(Decoded::reason, d -> d.isOk() ? d.value().stopSequence() : null)
        .containsExactly(
            tuple(RejectReason.DUPLICATE, null),
            tuple(null, 20),
            tuple(null, 21),
            tuple(null, 22),
            tuple(null, 23));
    assertThat(resolved)
        .filteredOn(Decoded::isOk)
        .allMatch(d -> d.value().departureDelaySeconds() == 60);
  }

  @Test
  void theSpecsExampleTwoOnARealTrip() {
    // gtfs.org trip updates, example 2: +300 s at stop_sequence 3, +60 s at 8, unspecified at 10
    // -> 3..7 +300, 8 and 9 +60, 10 onwards unknown
    List<Decoded<StopTimeUpdate>> resolved =
        resolve(
            caltrain,
            update("124", TripDescriptor.ScheduleRelationship.SCHEDULED)
                .addStopTimeUpdate(stop(3).setArrival(delay(300)))
                .addStopTimeUpdate(stop(8).setArrival(delay(60)))
                .addStopTimeUpdate(stop(10)));

    assertThat(resolved)
        .map(Decoded::value)
        .extracting(StopTimeUpdate::stopSequence, StopTimeUpdate::arrivalDelaySeconds)
        .containsExactly(
            tuple(3, 300),
            tuple(4, 300),
            tuple(5, 300),
            tuple(6, 300),
            tuple(7, 300),
            tuple(8, 60),
            tuple(9, 60),
            tuple(10, null));
  }

  @Test
  void aTimeTakesPrecedenceOverTheDelayGivenWithIt() {
    // seq 20 is scheduled at 17:03:00 PST = 1699405380; time 1699405504 is +124 s, not +600
    List<Decoded<StopTimeUpdate>> resolved =
        resolve(
            caltrain,
            update("124", TripDescriptor.ScheduleRelationship.SCHEDULED)
                .addStopTimeUpdate(
                    stop(20)
                        .setDeparture(
                            TripUpdate.StopTimeEvent.newBuilder()
                                .setDelay(600)
                                .setTime(1_699_405_504L))));

    assertThat(resolved)
        .map(Decoded::value)
        .extracting(StopTimeUpdate::stopSequence, StopTimeUpdate::departureDelaySeconds)
        .containsExactly(tuple(20, 124), tuple(21, 124), tuple(22, 124), tuple(23, 124));
  }

  @Test
  void aTimeMoreThanADayFromItsScheduleRejectsTheTripUpdate() {
    // 1699405380 (seq 20 at 17:03:00) + 2 days
    List<Decoded<StopTimeUpdate>> resolved =
        resolve(
            caltrain,
            update("124", TripDescriptor.ScheduleRelationship.SCHEDULED)
                .addStopTimeUpdate(stop(19).setDeparture(delay(60)))
                .addStopTimeUpdate(
                    stop(20)
                        .setDeparture(
                            TripUpdate.StopTimeEvent.newBuilder()
                                .setTime(1_699_405_380L + 2 * 86_400))),
            update("124", TripDescriptor.ScheduleRelationship.SCHEDULED)
                .addStopTimeUpdate(stop(22).setDeparture(delay(30))));

    assertThat(resolved)
        .extracting(Decoded::reason, d -> d.source().line())
        .containsExactly(tuple(RejectReason.INVALID_VALUE, 1L), tuple(null, 2L), tuple(null, 2L));
    assertThat(resolved.get(0).detail()).contains("stop 70232").contains("scheduled time");
  }

  private static List<Decoded<StopTimeUpdate>> resolve(
      CompactTimetable timetable, TripUpdate.Builder... updates) {
    return new DelayPropagation(timetable)
        .resolve(
            new TripUpdateDecoder()
                .decode(
                    Snapshots.of(
                        FeedKind.GTFS_RT_TRIP_UPDATES, "tu.pb", message(updates).toByteArray())));
  }

  /** Each resolved update's stop id, stop sequence, relationship and departure delay, in order. */
  private static List<Tuple> placed(List<Decoded<StopTimeUpdate>> resolved) {
    return resolved.stream()
        .map(Decoded::value)
        .map(u -> tuple(u.stopId(), u.stopSequence(), u.relationship(), u.departureDelaySeconds()))
        .toList();
  }

  private static TripUpdate.Builder trip(String tripId, String startDate) {
    return TripUpdate.newBuilder()
        .setTrip(TripDescriptor.newBuilder().setTripId(tripId).setStartDate(startDate));
  }

  private static TripUpdate.StopTimeUpdate.Builder stop(int sequence) {
    return TripUpdate.StopTimeUpdate.newBuilder().setStopSequence(sequence);
  }

  private static TripUpdate.StopTimeEvent.Builder delay(int seconds) {
    return TripUpdate.StopTimeEvent.newBuilder().setDelay(seconds);
  }

  private static TripUpdate.Builder update(
      String tripId, TripDescriptor.ScheduleRelationship relationship) {
    return TripUpdate.newBuilder()
        .setTrip(
            TripDescriptor.newBuilder()
                .setTripId(tripId)
                .setStartDate("20231107")
                .setScheduleRelationship(relationship));
  }

  private static FeedMessage message(TripUpdate.Builder... updates) {
    FeedMessage.Builder message =
        FeedMessage.newBuilder()
            .setHeader(
                FeedHeader.newBuilder().setGtfsRealtimeVersion("2.0").setTimestamp(1_699_405_534L));
    for (int i = 0; i < updates.length; i++) {
      message.addEntity(FeedEntity.newBuilder().setId("e" + i).setTripUpdate(updates[i]));
    }
    return message.build();
  }
}
