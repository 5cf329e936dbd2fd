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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Caltrain's real TripUpdates (predicted times only, no delays) resolved against its timetable.
 * Scheduled times from {@code unzip -p ct.zip stop_times.txt | awk -F, '$1=="124"'}: seq 20 (70232)
 * 17:03:00, seq 21 (70242) 17:09:00, seq 22 (70262) 17:16:00, seq 23 (70272) 17:21:00; start_date
 * 2023-11-07, America/Los_Angeles (PST, UTC-8).
 */
class DelayPropagationTest {

  @TempDir static Path dir;
  static CompactTimetable caltrain;

  @BeforeAll
  static void loadTimetable() throws Exception {
    Path zip = dir.resolve("ct.zip");
    try (InputStream in =
        DelayPropagationTest.class.getResourceAsStream("/real/gtfs/caltrain-ct.zip")) {
      Files.copy(in, zip);
    }
    caltrain = CompactTimetableLoader.load(zip);
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
    FeedMessage message =
        message(
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
    List<Decoded<StopTimeUpdate>> resolved =
        new DelayPropagation(caltrain)
            .resolve(
                new TripUpdateDecoder()
                    .decode(
                        Snapshots.of(
                            FeedKind.GTFS_RT_TRIP_UPDATES, "tu.pb", message.toByteArray())));

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
