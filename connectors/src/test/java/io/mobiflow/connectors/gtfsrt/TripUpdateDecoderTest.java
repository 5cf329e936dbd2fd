package io.mobiflow.connectors.gtfsrt;

import static org.assertj.core.api.Assertions.assertThat;

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
