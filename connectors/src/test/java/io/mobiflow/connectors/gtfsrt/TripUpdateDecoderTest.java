package io.mobiflow.connectors.gtfsrt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.FeedHeader;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import com.google.transit.realtime.GtfsRealtime.TripDescriptor;
import com.google.transit.realtime.GtfsRealtime.TripUpdate;
import io.mobiflow.connectors.Snapshots;
import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.gtfsrt.decode.TripUpdateDecoder;
import io.mobiflow.connectors.gtfsrt.model.StopRelationship;
import io.mobiflow.connectors.gtfsrt.model.StopTimeUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TripUpdateDecoderTest {

  private final TripUpdateDecoder decoder = new TripUpdateDecoder();

  @Test
  void decodesOneUpdatePerListedStopOfTheRealCaltrainFeed() throws Exception {
    FeedSnapshot snapshot =
        Snapshots.resource(FeedKind.GTFS_RT_TRIP_UPDATES, "/real/caltrain/ct-trip-updates.pb");
    // Independent path: the stops listed, straight from the bindings.
    List<String> expected = new ArrayList<>();
    for (FeedEntity entity : FeedMessage.parseFrom(snapshot.payload()).getEntityList()) {
      for (TripUpdate.StopTimeUpdate stop : entity.getTripUpdate().getStopTimeUpdateList()) {
        expected.add(entity.getTripUpdate().getTrip().getTripId() + "@" + stop.getStopId());
      }
    }

    List<Decoded<StopTimeUpdate>> decoded = decoder.decode(snapshot);

    assertThat(decoded).allMatch(Decoded::isOk);
    assertThat(decoded)
        .extracting(d -> d.value().tripId() + "@" + d.value().stopId())
        .containsExactlyElementsOf(expected)
        .hasSizeGreaterThan(19);
  }

  @Test
  void keepsDelaysSkippedStopsAndCancelledTrips() {
    FeedMessage message =
        message(
            update("T1", TripDescriptor.ScheduleRelationship.SCHEDULED)
                .addStopTimeUpdate(
                    TripUpdate.StopTimeUpdate.newBuilder()
                        .setStopId("A")
                        .setStopSequence(3)
                        .setArrival(TripUpdate.StopTimeEvent.newBuilder().setDelay(120))
                        .setDeparture(TripUpdate.StopTimeEvent.newBuilder().setDelay(150)))
                .addStopTimeUpdate(
                    TripUpdate.StopTimeUpdate.newBuilder()
                        .setStopSequence(4)
                        .setScheduleRelationship(
                            TripUpdate.StopTimeUpdate.ScheduleRelationship.SKIPPED)),
            update("T2", TripDescriptor.ScheduleRelationship.CANCELED)
                .addStopTimeUpdate(TripUpdate.StopTimeUpdate.newBuilder().setStopId("B")));

    List<Decoded<StopTimeUpdate>> decoded = decode(message);

    assertThat(decoded).allMatch(Decoded::isOk);
    StopTimeUpdate first = decoded.get(0).value();
    assertThat(first.arrivalDelaySeconds()).isEqualTo(120);
    assertThat(first.delaySeconds()).isEqualTo(150);
    assertThat(first.stopSequence()).isEqualTo(3);
    StopTimeUpdate skipped = decoded.get(1).value();
    assertThat(skipped.relationship()).isEqualTo(StopRelationship.SKIPPED);
    assertThat(skipped.stopId()).isNull();
    assertThat(skipped.delaySeconds()).isNull();
    assertThat(decoded.get(2).value().relationship()).isEqualTo(StopRelationship.TRIP_CANCELED);
  }

  @Test
  void rejectsUpdatesWithoutTripIdOrStopsButKeepsWholeTripCancellations() {
    FeedMessage message =
        message(
            TripUpdate.newBuilder()
                .setTrip(TripDescriptor.newBuilder().setRouteId("R"))
                .addStopTimeUpdate(TripUpdate.StopTimeUpdate.newBuilder().setStopId("A")),
            update("T2", TripDescriptor.ScheduleRelationship.CANCELED),
            update("T3", TripDescriptor.ScheduleRelationship.SCHEDULED));
    List<Decoded<StopTimeUpdate>> decoded = decode(message);
    assertThat(decoded)
        .extracting(Decoded::reason, d -> d.source().line())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(RejectReason.MISSING_FIELD, 1L),
            org.assertj.core.groups.Tuple.tuple(null, 2L),
            org.assertj.core.groups.Tuple.tuple(RejectReason.MISSING_FIELD, 3L));
    assertThat(decoded.get(1).value().relationship()).isEqualTo(StopRelationship.TRIP_CANCELED);
  }

  @Test
  void timesOutOfRangeRejectTheirEntityAndTheOthersOfTheRealFeedStillDecode() throws Exception {
    FeedMessage.Builder real =
        FeedMessage.parseFrom(
            Snapshots.resource(FeedKind.GTFS_RT_TRIP_UPDATES, "/real/caltrain/ct-trip-updates.pb")
                .payload())
            .toBuilder();
    // entity 3: a stop time of 1e17 s; entity 5: a trip update timestamp of 1e17 s; entity 7: a
    // delay of 100000 s, over a day
    TripUpdate.Builder third = real.getEntityBuilder(2).getTripUpdateBuilder();
    third.getStopTimeUpdateBuilder(0).getDepartureBuilder().setTime(100_000_000_000_000_000L);
    real.getEntityBuilder(4).getTripUpdateBuilder().setTimestamp(100_000_000_000_000_000L);
    real.getEntityBuilder(6)
        .getTripUpdateBuilder()
        .getStopTimeUpdateBuilder(0)
        .getArrivalBuilder()
        .setDelay(100_000);
    FeedMessage message = real.build();
    // Independent path: every stop of every entity but 3, 5 and 7, straight from the bindings.
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < message.getEntityCount(); i++) {
      TripUpdate update = message.getEntity(i).getTripUpdate();
      for (TripUpdate.StopTimeUpdate stop : update.getStopTimeUpdateList()) {
        if (i != 2 && i != 4 && i != 6) {
          expected.add(update.getTrip().getTripId() + "@" + stop.getStopId());
        }
      }
    }

    List<Decoded<StopTimeUpdate>> decoded = decode(message);

    assertThat(decoded)
        .filteredOn(d -> !d.isOk())
        .extracting(Decoded::reason, d -> d.source().line())
        .containsExactly(
            tuple(RejectReason.INVALID_VALUE, 3L),
            tuple(RejectReason.INVALID_VALUE, 5L),
            tuple(RejectReason.INVALID_VALUE, 7L));
    assertThat(decoded)
        .filteredOn(d -> !d.isOk())
        .extracting(Decoded::detail)
        .satisfiesExactly(
            d ->
                assertThat(d)
                    .startsWith("departure time = 100000000000000000 s")
                    .endsWith(
                        " of trip " + message.getEntity(2).getTripUpdate().getTrip().getTripId()),
            d -> assertThat(d).startsWith("trip update timestamp").contains("100000000000000000"),
            d -> assertThat(d).startsWith("arrival delay = 100000 s"));
    assertThat(decoded)
        .filteredOn(Decoded::isOk)
        .extracting(d -> d.value().tripId() + "@" + d.value().stopId())
        .containsExactlyElementsOf(expected);
  }

  @Test
  void aHeaderTimeOutOfRangeIsOneRejectionAndEntitiesWithTheirOwnTimeStillDecode() {
    FeedMessage message =
        message(
                update("T1", TripDescriptor.ScheduleRelationship.SCHEDULED)
                    .setTimestamp(1_768_287_000L)
                    .addStopTimeUpdate(stopWithDelay("A", 60)),
                update("T2", TripDescriptor.ScheduleRelationship.SCHEDULED)
                    .addStopTimeUpdate(stopWithDelay("B", 60)))
            .toBuilder()
            .setHeader(
                FeedHeader.newBuilder()
                    .setGtfsRealtimeVersion("2.0")
                    .setTimestamp(100_000_000_000_000_000L))
            .build();

    List<Decoded<StopTimeUpdate>> decoded = decode(message);

    assertThat(decoded)
        .extracting(Decoded::reason, d -> d.source().line())
        .containsExactly(
            tuple(RejectReason.INVALID_VALUE, -1L),
            tuple(null, 1L),
            tuple(RejectReason.MISSING_FIELD, 2L));
    assertThat(decoded.get(0).detail()).startsWith("header timestamp = 100000000000000000 s");
    assertThat(decoded.get(1).value().observedAt())
        .isEqualTo(Instant.ofEpochSecond(1_768_287_000L));
  }

  @Test
  void theRealVehiclePositionsGivenAsTripUpdatesAreRejectedAsTheWrongKind() throws Exception {
    FeedSnapshot positions =
        Snapshots.resource(FeedKind.GTFS_RT_TRIP_UPDATES, "/real/caltrain/ct-vehicle-positions.pb");
    int entities = FeedMessage.parseFrom(positions.payload()).getEntityCount(); // 14

    List<Decoded<StopTimeUpdate>> decoded = decoder.decode(positions);

    assertThat(decoded)
        .hasSize(entities)
        .allMatch(d -> d.reason() == RejectReason.WRONG_KIND)
        .allMatch(
            d ->
                d.detail()
                    .equals(
                        "declared gtfs_rt_trip_updates, entity is a vehicle position"
                            + " (gtfs_rt_vehicle_positions)"));
  }

  @Test
  void entitiesOfOtherKindsOrOfNoKindAreRejectedBesideTheTripUpdates() {
    FeedMessage message =
        message(
                update("T1", TripDescriptor.ScheduleRelationship.SCHEDULED)
                    .addStopTimeUpdate(stopWithDelay("A", 60)))
            .toBuilder()
            .addEntity(
                FeedEntity.newBuilder()
                    .setId("alert")
                    .setAlert(com.google.transit.realtime.GtfsRealtime.Alert.newBuilder()))
            .addEntity(FeedEntity.newBuilder().setId("empty"))
            .addEntity(
                FeedEntity.newBuilder()
                    .setId("shape")
                    .setUnknownFields(
                        // field 6 of FeedEntity is a shape in later versions of the spec
                        UnknownFieldSet.newBuilder()
                            .addField(
                                6,
                                UnknownFieldSet.Field.newBuilder()
                                    .addLengthDelimited(ByteString.copyFromUtf8("shape"))
                                    .build())
                            .build()))
            .build();

    List<Decoded<StopTimeUpdate>> decoded = decode(message);

    assertThat(decoded)
        .extracting(Decoded::reason, Decoded::detail)
        .containsExactly(
            tuple(null, null),
            tuple(
                RejectReason.WRONG_KIND,
                "declared gtfs_rt_trip_updates, entity is an alert (gtfs_rt_alerts)"),
            tuple(
                RejectReason.MISSING_FIELD, "entity 'empty' has no trip_update, vehicle nor alert"),
            tuple(
                RejectReason.WRONG_KIND,
                "declared gtfs_rt_trip_updates, entity is of a kind Mobiflow does not read"
                    + " (fields [6]: shape, stop or trip modifications)"));
  }

  private static TripUpdate.StopTimeUpdate.Builder stopWithDelay(String stopId, int delay) {
    return TripUpdate.StopTimeUpdate.newBuilder()
        .setStopId(stopId)
        .setDeparture(TripUpdate.StopTimeEvent.newBuilder().setDelay(delay));
  }

  private List<Decoded<StopTimeUpdate>> decode(FeedMessage message) {
    return decoder.decode(
        Snapshots.of(FeedKind.GTFS_RT_TRIP_UPDATES, "tu.pb", message.toByteArray()));
  }

  private static TripUpdate.Builder update(
      String tripId, TripDescriptor.ScheduleRelationship relationship) {
    return TripUpdate.newBuilder()
        .setTrip(
            TripDescriptor.newBuilder().setTripId(tripId).setScheduleRelationship(relationship));
  }

  private static FeedMessage message(TripUpdate.Builder... updates) {
    FeedMessage.Builder message =
        FeedMessage.newBuilder()
            .setHeader(
                FeedHeader.newBuilder().setGtfsRealtimeVersion("2.0").setTimestamp(1_768_287_600L));
    for (int i = 0; i < updates.length; i++) {
      message.addEntity(FeedEntity.newBuilder().setId("e" + i).setTripUpdate(updates[i]));
    }
    return message.build();
  }
}
