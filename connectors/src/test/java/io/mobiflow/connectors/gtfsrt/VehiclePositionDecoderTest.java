package io.mobiflow.connectors.gtfsrt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.transit.realtime.GtfsRealtime;
import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.FeedHeader;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import com.google.transit.realtime.GtfsRealtime.Position;
import com.google.transit.realtime.GtfsRealtime.VehicleDescriptor;
import io.mobiflow.connectors.Snapshots;
import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.gtfsrt.decode.VehiclePositionDecoder;
import io.mobiflow.connectors.gtfsrt.model.OccupancyStatus;
import io.mobiflow.connectors.gtfsrt.model.VehiclePosition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VehiclePositionDecoderTest {

  private final VehiclePositionDecoder decoder = new VehiclePositionDecoder();

  @Test
  void decodesEveryVehicleOfTheRealCaltrainFeed() throws Exception {
    FeedSnapshot snapshot =
        Snapshots.resource(
            FeedKind.GTFS_RT_VEHICLE_POSITIONS, "/real/caltrain/ct-vehicle-positions.pb");
    FeedMessage plain = FeedMessage.parseFrom(snapshot.payload());

    List<Decoded<VehiclePosition>> decoded = decoder.decode(snapshot);

    assertThat(decoded).hasSize(plain.getEntityCount()).allMatch(Decoded::isOk);
    for (int i = 0; i < plain.getEntityCount(); i++) {
      GtfsRealtime.VehiclePosition expected = plain.getEntity(i).getVehicle();
      VehiclePosition actual = decoded.get(i).value();
      assertThat(actual.tripId()).isEqualTo(expected.getTrip().getTripId());
      assertThat(actual.latitude()).isEqualTo(expected.getPosition().getLatitude());
      assertThat(actual.longitude()).isEqualTo(expected.getPosition().getLongitude());
      assertThat(actual.observedAt())
          .isEqualTo(
              Instant.ofEpochSecond(
                  expected.hasTimestamp()
                      ? expected.getTimestamp()
                      : plain.getHeader().getTimestamp()));
    }
  }

  @Test
  void convertsSpeedAndKeepsOccupancyAndFallsBackToTheHeaderTime() {
    FeedMessage message =
        message(
            1_768_287_600L,
            vehicle(45.18f, 0.72f)
                .setVehicle(VehicleDescriptor.newBuilder().setLabel("bus 12"))
                .setOccupancyStatus(
                    GtfsRealtime.VehiclePosition.OccupancyStatus.FEW_SEATS_AVAILABLE)
                .setPosition(
                    Position.newBuilder()
                        .setLatitude(45.18f)
                        .setLongitude(0.72f)
                        .setSpeed(10f)
                        .setBearing(90f)));
    VehiclePosition position = decode(message).get(0).value();
    assertThat(position.vehicleId()).isEqualTo("bus 12");
    assertThat(position.speedKmh()).isCloseTo(36.0, within(1e-9));
    assertThat(position.bearingDegrees()).isEqualTo(90.0);
    assertThat(position.occupancy()).isEqualTo(OccupancyStatus.FEW_SEATS_AVAILABLE);
    assertThat(position.tripId()).isNull();
    assertThat(position.observedAt()).isEqualTo(Instant.ofEpochSecond(1_768_287_600L));
  }

  @ParameterizedTest(name = "({0}, {1})")
  @CsvSource({"NaN, 0.72", "45.18, Infinity", "91, 0.72", "45.18, 181", "0, 0"})
  void rejectsUnmatchablePositions(float latitude, float longitude) {
    Decoded<VehiclePosition> decoded = decode(message(1L, vehicle(latitude, longitude))).get(0);
    assertThat(decoded.reason()).isEqualTo(RejectReason.INVALID_COORDINATE);
    assertThat(decoded.source().line()).isEqualTo(1);
  }

  @Test
  void rejectsAVehicleWithoutPositionOrTime() {
    FeedMessage message =
        FeedMessage.newBuilder()
            .setHeader(FeedHeader.newBuilder().setGtfsRealtimeVersion("2.0"))
            .addEntity(FeedEntity.newBuilder().setId("a").setVehicle(vehicle(45.18f, 0.72f)))
            .addEntity(
                FeedEntity.newBuilder()
                    .setId("b")
                    .setVehicle(GtfsRealtime.VehiclePosition.newBuilder().setTimestamp(5)))
            .build();
    assertThat(decode(message))
        .extracting(Decoded::reason, d -> d.source().line())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(RejectReason.MISSING_FIELD, 1L),
            org.assertj.core.groups.Tuple.tuple(RejectReason.MISSING_FIELD, 2L));
  }

  @Test
  void differentialDeletionsGiveNoEventAndNoRejection() {
    GtfsRealtime.FeedMessage message =
        GtfsRealtime.FeedMessage.newBuilder()
            .setHeader(
                GtfsRealtime.FeedHeader.newBuilder()
                    .setGtfsRealtimeVersion("2.0")
                    .setIncrementality(GtfsRealtime.FeedHeader.Incrementality.DIFFERENTIAL)
                    .setTimestamp(1_768_287_600L))
            .addEntity(vehicleEntity("kept", 45.18f, 0.72f, false))
            .addEntity(vehicleEntity("gone", 45.19f, 0.73f, true))
            .build();
    List<Decoded<VehiclePosition>> decoded =
        decoder.decode(
            Snapshots.of(FeedKind.GTFS_RT_VEHICLE_POSITIONS, "diff.pb", message.toByteArray()));
    assertThat(decoded).singleElement().matches(Decoded::isOk);
    assertThat(decoded.get(0).value().vehicleId()).isEqualTo("kept");
  }

  private static GtfsRealtime.FeedEntity vehicleEntity(
      String id, float latitude, float longitude, boolean deleted) {
    return GtfsRealtime.FeedEntity.newBuilder()
        .setId(id)
        .setIsDeleted(deleted)
        .setVehicle(
            GtfsRealtime.VehiclePosition.newBuilder()
                .setVehicle(GtfsRealtime.VehicleDescriptor.newBuilder().setId(id))
                .setPosition(
                    GtfsRealtime.Position.newBuilder()
                        .setLatitude(latitude)
                        .setLongitude(longitude)))
        .build();
  }

  @Test
  void timesOutOfRangeInTheRealFeedAreRejectionsAndNeverThrow() throws Exception {
    FeedMessage.Builder real =
        FeedMessage.parseFrom(
            Snapshots.resource(
                    FeedKind.GTFS_RT_VEHICLE_POSITIONS, "/real/caltrain/ct-vehicle-positions.pb")
                .payload())
            .toBuilder();
    real.getHeaderBuilder().setTimestamp(100_000_000_000_000_000L);
    real.getEntityBuilder(1).getVehicleBuilder().setTimestamp(100_000_000_000_000_000L);
    FeedMessage message = real.build();
    // Independent path: the header time is unknown, so a vehicle decodes only with a time of its
    // own; the second one's is out of range.
    List<RejectReason> expected = new ArrayList<>();
    expected.add(RejectReason.INVALID_VALUE); // the header, for the whole file
    for (int i = 0; i < message.getEntityCount(); i++) {
      GtfsRealtime.VehiclePosition vehicle = message.getEntity(i).getVehicle();
      expected.add(
          i == 1
              ? RejectReason.INVALID_VALUE
              : vehicle.getTimestamp() != 0 ? null : RejectReason.MISSING_FIELD);
    }

    List<Decoded<VehiclePosition>> decoded = decode(message);

    assertThat(decoded).extracting(Decoded::reason).containsExactlyElementsOf(expected);
    assertThat(decoded.get(0).source().line()).isEqualTo(-1);
    assertThat(decoded.get(0).detail())
        .startsWith("header timestamp = 100000000000000000 s is outside");
    assertThat(decoded.get(2).detail())
        .startsWith("vehicle timestamp = 100000000000000000 s is outside");
  }

  @Test
  void theRealAlertsGivenAsVehiclePositionsAreRejectedAsTheWrongKind() {
    List<Decoded<VehiclePosition>> decoded =
        decoder.decode(
            Snapshots.resource(
                FeedKind.GTFS_RT_VEHICLE_POSITIONS, "/real/brest/bibus-brest-gtfs-rt-alerts.pb"));
    assertThat(decoded)
        .hasSize(12)
        .allMatch(d -> d.reason() == RejectReason.WRONG_KIND)
        .allMatch(
            d ->
                d.detail()
                    .equals(
                        "declared gtfs_rt_vehicle_positions, entity is an alert"
                            + " (gtfs_rt_alerts)"));
  }

  @Test
  void rejectsBytesThatAreNotAFeedMessage() {
    List<Decoded<VehiclePosition>> decoded =
        decoder.decode(
            Snapshots.of(FeedKind.GTFS_RT_VEHICLE_POSITIONS, "vp.pb", "<html>oops</html>"));
    assertThat(decoded)
        .singleElement()
        .extracting(Decoded::reason)
        .isEqualTo(RejectReason.MALFORMED);
  }

  private List<Decoded<VehiclePosition>> decode(FeedMessage message) {
    return decoder.decode(
        Snapshots.of(FeedKind.GTFS_RT_VEHICLE_POSITIONS, "vp.pb", message.toByteArray()));
  }

  private static FeedMessage message(long timestamp, GtfsRealtime.VehiclePosition.Builder vehicle) {
    return FeedMessage.newBuilder()
        .setHeader(FeedHeader.newBuilder().setGtfsRealtimeVersion("2.0").setTimestamp(timestamp))
        .addEntity(FeedEntity.newBuilder().setId("e1").setVehicle(vehicle))
        .build();
  }

  private static GtfsRealtime.VehiclePosition.Builder vehicle(float latitude, float longitude) {
    return GtfsRealtime.VehiclePosition.newBuilder()
        .setVehicle(VehicleDescriptor.newBuilder().setId("v1"))
        .setPosition(Position.newBuilder().setLatitude(latitude).setLongitude(longitude));
  }
}
