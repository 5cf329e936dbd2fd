package io.mobiflow.connectors.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.FeedHeader;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import com.google.transit.realtime.GtfsRealtime.Position;
import com.google.transit.realtime.GtfsRealtime.VehicleDescriptor;
import com.google.transit.realtime.GtfsRealtime.VehiclePosition;
import io.mobiflow.connectors.Snapshots;
import io.mobiflow.connectors.gbfs.decode.FreeFloatingVehicleDecoder;
import io.mobiflow.connectors.gbfs.model.VehicleChange;
import io.mobiflow.connectors.gtfsrt.decode.VehiclePositionDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Dead letters as they leave the engine: ids of vehicles and bikes replaced by keyed pseudonyms,
 * coordinates rounded to 3 decimals, in the detail and in the source; the rest kept. The rejections
 * come from the real decoders where they can.
 */
class DeadLetterRedactionTest {

  private static final KeyedHash KEY = KeyedHash.withKey(bytes("the first key, 32 bytes long...."));
  private static final KeyedHash OTHER_KEY =
      KeyedHash.withKey(bytes("another key, also 32 bytes long."));
  private static final DeadLetterRedaction REDACTION = new DeadLetterRedaction(KEY);

  @Test
  void thePseudonymIsTheTruncatedHmacSha256OfTheIdStableForOneKeyAndOtherUnderAnother() {
    // RFC 4231, test case 6: a 131-byte key of 0xaa
    byte[] rfcKey = new byte[131];
    Arrays.fill(rfcKey, (byte) 0xaa);
    assertThat(
            KeyedHash.withKey(rfcKey)
                .pseudonym("Test Using Larger Than Block-Size Key - Hash Key First"))
        .isEqualTo("h:60e431591ee0b67f");

    String once = KEY.pseudonym("bike-4711");
    assertThat(KeyedHash.withKey(bytes("the first key, 32 bytes long....")).pseudonym("bike-4711"))
        .isEqualTo(once);
    assertThat(KEY.pseudonym("bike-4711")).isEqualTo(once);
    assertThat(OTHER_KEY.pseudonym("bike-4711")).isNotEqualTo(once);
    assertThat(KEY.pseudonym("bike-4712")).isNotEqualTo(once);
    assertThat(KeyedHash.isPseudonym(once)).isTrue();
    assertThat(KeyedHash.ofThisProcess()).isSameAs(KeyedHash.ofThisProcess());
    assertThat(KeyedHash.ofThisProcess().pseudonym("bike-4711")).isNotEqualTo(once);
  }

  @Test
  void aShortKeyIsRefusedAndNoKeyIsEverPrinted() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> KeyedHash.withKey(bytes("too short")))
        .hasMessageContaining("at least 16 bytes");
    assertThat(KEY.toString()).doesNotContain("first key").contains("hidden");
  }

  @Test
  void freeFloatingDeadLettersOfTheDecoderKeepNeitherIdsNorFullCoordinates() {
    String json =
        """
        {"last_updated": 1768285890, "ttl": 0, "version": "2.3", "data": {"bikes": [
          {"bike_id": "bike-no-position", "is_reserved": false, "is_disabled": false},
          {"bike_id": "bike-off-the-map", "lat": 95.1234567, "lon": 0.7212345,
           "is_reserved": false, "is_disabled": false},
          {"bike_id": "%s", "is_reserved": false, "is_disabled": false},
          {"bike_id": "bike-ok", "lat": 45.1843218, "lon": 0.7212345,
           "is_reserved": "maybe", "is_disabled": false}
        ]}}
        """
            .formatted("bike-" + "x".repeat(600));
    List<Rejection> rejections =
        new FreeFloatingVehicleDecoder()
                .decode(Snapshots.of(FeedKind.GBFS_FREE_VEHICLES, "free_bike_status.json", json))
                .stream()
                .filter(d -> !d.isOk())
                .map(Decoded::rejection)
                .toList();
    assertThat(rejections).hasSize(4);
    // the decoder names the vehicles (that is what has to go)
    assertThat(rejections.get(0).detail()).contains("bike-no-position");

    List<Rejection> redacted = rejections.stream().map(REDACTION::redact).toList();

    for (int i = 0; i < redacted.size(); i++) {
      Rejection out = redacted.get(i);
      assertThat(out.detail())
          .doesNotContain("bike-no-position", "bike-off-the-map", "xxxxxxxxxx", "95.1234567");
      assertThat(out.reason()).isEqualTo(rejections.get(i).reason());
      assertThat(out.source()).isEqualTo(rejections.get(i).source()); // file and entity index
    }
    assertThat(redacted.get(0).detail())
        .isEqualTo("vehicle '" + KEY.pseudonym("bike-no-position") + "' without lat/lon");
    assertThat(redacted.get(1).detail()).contains(KEY.pseudonym("bike-off-the-map"));
    // an id cut by the decoder's quoting is pseudonymised as far as it was quoted
    assertThat(redacted.get(2).detail())
        .contains("vehicle '" + KEY.pseudonym("bike-" + "x".repeat(195) + "…") + "'");
  }

  @Test
  void gtfsRealtimeCoordinatesAreRoundedAndEntityIdsPseudonymised() {
    FeedMessage message =
        FeedMessage.newBuilder()
            .setHeader(FeedHeader.newBuilder().setGtfsRealtimeVersion("2.0").setTimestamp(1000))
            .addEntity(
                FeedEntity.newBuilder()
                    .setId("vp-bus-12-V03")
                    .setVehicle(
                        VehiclePosition.newBuilder()
                            .setVehicle(VehicleDescriptor.newBuilder().setId("bus-12-V03"))
                            .setPosition(
                                Position.newBuilder()
                                    .setLatitude(95.18432f)
                                    .setLongitude(0.72134f))))
            .addEntity(FeedEntity.newBuilder().setId("vp-bus-7-V01"))
            .build();
    List<Rejection> rejections =
        new VehiclePositionDecoder()
                .decode(
                    Snapshots.of(
                        FeedKind.GTFS_RT_VEHICLE_POSITIONS, "vp.pb", message.toByteArray()))
                .stream()
                .filter(d -> !d.isOk())
                .map(Decoded::rejection)
                .toList();
    assertThat(rejections).hasSize(2);
    double latitude = 95.18432f; // as the decoder sees it: 95.18431854248047
    assertThat(rejections.get(0).detail()).contains(String.valueOf(latitude));
    assertThat(rejections.get(1).detail()).contains("vp-bus-7-V01");

    Rejection off = REDACTION.redact(rejections.get(0));
    Rejection bare = REDACTION.redact(rejections.get(1));

    assertThat(off.detail()).doesNotContain(String.valueOf(latitude)).contains("(95.184, 0.721)");
    assertThat(bare.detail())
        .doesNotContain("vp-bus-7-V01")
        .contains("entity '" + KEY.pseudonym("vp-bus-7-V01") + "'");
  }

  @Test
  void anObservationQuotedWholeAndAnEntityNamedInTheSourceArePseudonymisedToo() {
    VehicleChange change =
        new VehicleChange(
            VehicleChange.Kind.PICK_UP,
            "scooter-42",
            45.1843218,
            -0.7212345,
            Instant.parse("2026-01-13T07:31:30.123456Z"));
    Rejection late =
        new Rejection(
            RejectReason.LATE,
            SourceRef.file("vehicle-change-event-time", null),
            "observation of 2026-01-13T07:31:30.123456Z came after the watermark: " + change);
    Rejection thrown =
        new Rejection(
            RejectReason.OPERATOR_FAILURE,
            SourceRef.file("event-time-gate", DeadLetterRedaction.vehicle("bus-12-V03")),
            "event-time-gate threw java.lang.IllegalStateException: boom");
    Rejection quoted =
        new Rejection(
            RejectReason.MALFORMED,
            SourceRef.file("tier", "free_bike_status.json").atLine(3),
            "bad element {\"bike_id\": \"b-9\", \"lat\": 45.1843218, \"vehicle_id\":77}");

    String lateDetail = REDACTION.redact(late).detail();
    assertThat(lateDetail)
        .doesNotContain("scooter-42", "45.1843218", "-0.7212345")
        .contains("vehicleId=" + KEY.pseudonym("scooter-42"))
        .contains("latitude=45.184", "longitude=-0.721")
        .contains("2026-01-13T07:31:30.123456Z"); // a time is not a coordinate
    assertThat(REDACTION.redact(thrown).source().file())
        .isEqualTo("vehicle '" + KEY.pseudonym("bus-12-V03") + "'");
    assertThat(REDACTION.redact(thrown).detail()).isEqualTo(thrown.detail());
    assertThat(REDACTION.redact(quoted).detail())
        .isEqualTo(
            "bad element {\"bike_id\": \""
                + KEY.pseudonym("b-9")
                + "\", \"lat\": 45.184, \"vehicle_id\":\""
                + KEY.pseudonym("77")
                + "\"}");
    assertThat(REDACTION.redact(quoted).source()).isEqualTo(quoted.source());
  }

  @Test
  void deadLettersWithoutVehiclesAreLeftAsTheyAreAndRedactionIsIdempotent() {
    Rejection stop =
        new Rejection(
            RejectReason.UNKNOWN_REFERENCE,
            SourceRef.file("peribus-trip-updates", "1768285890.pb").atLine(7),
            "stop 'S12' of trip 'T-0730' is not in the timetable; flow 1234.5 at 07:31:30.123456Z");
    assertThat(REDACTION.redact(stop)).isEqualTo(stop);

    Rejection once =
        REDACTION.redact(
            new Rejection(
                RejectReason.MISSING_FIELD,
                SourceRef.file("tier", "x.json"),
                "vehicle 'bike-1' without lat/lon at (45.1843218, 0.7212345)"));
    assertThat(REDACTION.redact(once)).isEqualTo(once);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
