package io.mobiflow.connectors.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.FeedHeader;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import com.google.transit.realtime.GtfsRealtime.Position;
import com.google.transit.realtime.GtfsRealtime.TripDescriptor;
import com.google.transit.realtime.GtfsRealtime.TripUpdate;
import com.google.transit.realtime.GtfsRealtime.VehiclePosition;
import io.mobiflow.connectors.Snapshots;
import io.mobiflow.connectors.counters.decode.CounterCsvDecoder;
import io.mobiflow.connectors.counters.decode.Datex2Decoder;
import io.mobiflow.connectors.counters.decode.ParisArchiveDecoder;
import io.mobiflow.connectors.counters.decode.ParisPortalDecoder;
import io.mobiflow.connectors.gbfs.decode.DiscoveryDecoder;
import io.mobiflow.connectors.gbfs.decode.FreeFloatingVehicleDecoder;
import io.mobiflow.connectors.gbfs.decode.GeofencingZoneDecoder;
import io.mobiflow.connectors.gbfs.decode.StationInformationDecoder;
import io.mobiflow.connectors.gbfs.decode.StationStatusDecoder;
import io.mobiflow.connectors.gbfs.decode.SystemInformationDecoder;
import io.mobiflow.connectors.gbfs.decode.VehicleTypeDecoder;
import io.mobiflow.connectors.gtfsrt.decode.AlertDecoder;
import io.mobiflow.connectors.gtfsrt.decode.TripUpdateDecoder;
import io.mobiflow.connectors.gtfsrt.decode.VehiclePositionDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every decoder against bad input: each case must come back as a typed rejection carrying the file
 * (and the line or entity where there is one), and nothing may be thrown out of the decoder.
 */
class BadInputTest {

  private static final String GBFS_HEAD = "{\"last_updated\":1700000000,\"ttl\":60,\"data\":";
  private static final String ARCHIVE_HEADER =
      "iu_ac,libelle,iu_nd_amont,libelle_nd_amont,iu_nd_aval,libelle_nd_aval,t_1h,q,k,etat_trafic,etat_barre\n";
  private static final String PORTAL_HEADER =
      "\uFEFFIdentifiant arc;Libelle;Date et heure de comptage;Débit horaire;Taux d'occupation;Etat trafic\n";

  static Stream<Arguments> cases() {
    byte[] positions = vehicleAt(45.18, 0.72).toByteArray();
    return Stream.of(
        // GTFS-Realtime
        of(
            "truncated VehiclePositions",
            new VehiclePositionDecoder(),
            Arrays.copyOf(positions, positions.length - 7),
            RejectReason.MALFORMED,
            -1),
        of(
            "VehiclePosition at null island",
            new VehiclePositionDecoder(),
            vehicleAt(0, 0).toByteArray(),
            RejectReason.INVALID_COORDINATE,
            1),
        of(
            "VehiclePosition latitude 95",
            new VehiclePositionDecoder(),
            vehicleAt(95, 0.7).toByteArray(),
            RejectReason.INVALID_COORDINATE,
            1),
        of(
            "text instead of TripUpdates",
            new TripUpdateDecoder(),
            "trip_id,delay\nT1,60".getBytes(StandardCharsets.UTF_8),
            RejectReason.MALFORMED,
            -1),
        of(
            "TripUpdate with a bad start_date",
            new TripUpdateDecoder(),
            tripUpdateStarting("2026-01-13").toByteArray(),
            RejectReason.INVALID_VALUE,
            1),
        of(
            "truncated Alerts",
            new AlertDecoder(),
            new byte[] {0x0A, 0x10, 0x0A},
            RejectReason.MALFORMED,
            -1),
        // GBFS
        of(
            "station_information as an array",
            new StationInformationDecoder(),
            "[1,2,3]",
            RejectReason.MALFORMED,
            -1),
        of(
            "station_information lat as text",
            new StationInformationDecoder(),
            GBFS_HEAD
                + "{\"stations\":[{\"station_id\":\"s\",\"name\":\"S\",\"lat\":\"45.1\",\"lon\":0.7}]}}",
            RejectReason.MISSING_FIELD,
            1),
        of(
            "station at null island",
            new StationInformationDecoder(),
            GBFS_HEAD
                + "{\"stations\":[{\"station_id\":\"s\",\"name\":\"S\",\"lat\":0,\"lon\":0}]}}",
            RejectReason.INVALID_COORDINATE,
            1),
        of(
            "station_status count as text",
            new StationStatusDecoder(),
            GBFS_HEAD + "{\"stations\":[{\"station_id\":\"s\",\"num_bikes_available\":\"many\"}]}}",
            RejectReason.INVALID_VALUE,
            1),
        of(
            "station_status negative count",
            new StationStatusDecoder(),
            GBFS_HEAD + "{\"stations\":[{\"station_id\":\"s\",\"num_bikes_available\":-2}]}}",
            RejectReason.INVALID_VALUE,
            1),
        of(
            "free vehicle at null island",
            new FreeFloatingVehicleDecoder(),
            GBFS_HEAD + "{\"bikes\":[{\"bike_id\":\"b\",\"lat\":0.0,\"lon\":0.0}]}}",
            RejectReason.INVALID_COORDINATE,
            1),
        of(
            "truncated free_bike_status",
            new FreeFloatingVehicleDecoder(),
            GBFS_HEAD + "{\"bikes\":[{\"bike_id\":",
            RejectReason.MALFORMED,
            -1),
        of(
            "discovery without feeds",
            new DiscoveryDecoder(),
            GBFS_HEAD + "{\"en\":{\"feedz\":[]}}}",
            RejectReason.MISSING_FIELD,
            -1),
        of(
            "system_information with a bad time zone",
            new SystemInformationDecoder(),
            GBFS_HEAD + "{\"system_id\":\"x\",\"name\":\"X\",\"timezone\":\"Mars/Olympus\"}}",
            RejectReason.INVALID_VALUE,
            1),
        of(
            "vehicle_types as an object",
            new VehicleTypeDecoder(),
            GBFS_HEAD + "{\"vehicle_types\":{}}}",
            RejectReason.MALFORMED,
            -1),
        of(
            "geofencing zone as a point",
            new GeofencingZoneDecoder(),
            GBFS_HEAD
                + "{\"geofencing_zones\":{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[0.7,45.1]},\"properties\":{}}]}}}",
            RejectReason.INVALID_VALUE,
            1),
        // counters
        of(
            "generic CSV missing columns",
            new CounterCsvDecoder(),
            "sensor_id,timestamp\nS1,2026-01-13T07:00:00Z",
            RejectReason.MISSING_FIELD,
            1),
        of(
            "generic CSV bad date",
            new CounterCsvDecoder(),
            CounterCsvDecoder.HEADER + "\nS1,13/01/2026,1,2,3",
            RejectReason.INVALID_VALUE,
            2),
        of(
            "generic CSV bad number",
            new CounterCsvDecoder(),
            CounterCsvDecoder.HEADER + "\nS1,2026-01-13T07:00:00Z,1;5,2,3",
            RejectReason.INVALID_VALUE,
            2),
        of(
            "generic CSV unclosed quote",
            new CounterCsvDecoder(),
            CounterCsvDecoder.HEADER + "\nS1,2026-01-13T07:00:00Z,1,2,3\n\"S2,2026",
            RejectReason.MALFORMED,
            3),
        of(
            "Paris archive missing columns",
            new ParisArchiveDecoder(),
            "iu_ac,t_1h,q\n5672,2023-02-05 01:00:00,98",
            RejectReason.MISSING_FIELD,
            1),
        of(
            "Paris archive bad date",
            new ParisArchiveDecoder(),
            ARCHIVE_HEADER + "5672,C,1,A,2,B,2023-02-30 01:00:00,98.0,2.1,1,3",
            RejectReason.INVALID_VALUE,
            2),
        of(
            "Paris archive bad number",
            new ParisArchiveDecoder(),
            ARCHIVE_HEADER + "5672,C,1,A,2,B,2023-02-05 01:00:00,98.0.1,2.1,1,3",
            RejectReason.INVALID_VALUE,
            2),
        of(
            "Paris archive bad state",
            new ParisArchiveDecoder(),
            ARCHIVE_HEADER + "5672,C,1,A,2,B,2023-02-05 01:00:00,98.0,2.1,7,3",
            RejectReason.INVALID_VALUE,
            2),
        of(
            "Paris portal bad offset time",
            new ParisPortalDecoder(),
            PORTAL_HEADER + "4264;AV;2024-01-04 22:00;1034.0;22.8;Fluide",
            RejectReason.INVALID_VALUE,
            2),
        of(
            "Paris portal unknown state",
            new ParisPortalDecoder(),
            PORTAL_HEADER + "4264;AV;2024-01-04T22:00:00+01:00;1034.0;22.8;Embouteillé",
            RejectReason.INVALID_VALUE,
            2),
        of(
            "Paris portal occupancy over 100 %",
            new ParisPortalDecoder(),
            PORTAL_HEADER + "4264;AV;2024-01-04T22:00:00+01:00;1034.0;122.8;Fluide",
            RejectReason.INVALID_VALUE,
            2),
        of(
            "truncated DATEX II",
            new Datex2Decoder(),
            "<d2LogicalModel><payloadPublication><siteMeasurements>",
            RejectReason.MALFORMED,
            1),
        of(
            "DATEX II of another publication",
            new Datex2Decoder(),
            "<d2LogicalModel xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><payloadPublication xsi:type=\"SituationPublication\"/></d2LogicalModel>",
            RejectReason.MALFORMED,
            -1),
        of(
            "DATEX II flow as text",
            new Datex2Decoder(),
            "<d2LogicalModel xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><payloadPublication xsi:type=\"MeasuredDataPublication\"><siteMeasurements><measurementSiteReference id=\"A\"/><measurementTimeDefault>2026-07-25T08:30:00+02:00</measurementTimeDefault><measuredValue><measuredValue><basicData xsi:type=\"TrafficFlow\"><vehicleFlow><vehicleFlowRate>lots</vehicleFlowRate></vehicleFlow></basicData></measuredValue></measuredValue></siteMeasurements></payloadPublication></d2LogicalModel>",
            RejectReason.INVALID_VALUE,
            1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void badInputIsATypedRejectionWithItsSource(
      String name, FeedDecoder<?> decoder, byte[] payload, RejectReason reason, long line) {
    FeedSnapshot snapshot = Snapshots.of(FeedKind.COUNTER_CSV, "bad-input", payload);
    List<? extends Decoded<?>> decoded = decode(decoder, snapshot);
    assertThat(decoded)
        .filteredOn(d -> !d.isOk())
        .first()
        .satisfies(
            d -> {
              assertThat(d.reason()).isEqualTo(reason);
              assertThat(d.source().file()).isEqualTo("bad-input");
              assertThat(d.source().line()).isEqualTo(line);
              assertThat(d.detail()).isNotBlank();
            });
  }

  @ParameterizedTest(name = "{0} over the size limit")
  @MethodSource("cases")
  void aDocumentOverTheSizeLimitIsRejectedWhole(
      String name, FeedDecoder<?> decoder, byte[] payload, RejectReason reason, long line) {
    FeedSnapshot snapshot = Snapshots.of(FeedKind.COUNTER_CSV, "big", payload);
    assertThat(decoder.limitedTo(payload.length - 1L).decode(snapshot))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.reason()).isEqualTo(RejectReason.TOO_LARGE);
              assertThat(d.source().file()).isEqualTo("big");
            });
    assertThat(decoder.limitedTo(payload.length).decode(snapshot))
        .noneMatch(d -> d.reason() == RejectReason.TOO_LARGE);
  }

  @Test
  void datex2WithAnExternalEntityIsRejectedAndNeverResolved(@TempDir Path dir) throws Exception {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-42");
    String xml =
        "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY xxe SYSTEM \""
            + secret.toUri()
            + "\">]><d2LogicalModel xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
            + "<payloadPublication xsi:type=\"MeasuredDataPublication\"><siteMeasurements>"
            + "<measurementSiteReference id=\"&xxe;\"/></siteMeasurements></payloadPublication>"
            + "</d2LogicalModel>";
    List<? extends Decoded<?>> decoded =
        decode(new Datex2Decoder(), Snapshots.of(FeedKind.COUNTER_DATEX2, "xxe.xml", xml));
    assertThat(decoded).isNotEmpty().noneMatch(Decoded::isOk);
    assertThat(decoded.get(0).reason()).isEqualTo(RejectReason.MALFORMED);
    assertThat(decoded.toString()).doesNotContain("TOP-SECRET-42");
  }

  @Test
  void noDecoderThrowsOnRandomBytes() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    for (int i = 0; i < 200; i++) {
      byte[] bytes = new byte[random.nextInt(1, 400)];
      for (int b = 0; b < bytes.length; b++) {
        bytes[b] = (byte) random.nextInt(256);
      }
      FeedSnapshot snapshot = Snapshots.of(FeedKind.COUNTER_CSV, "random", bytes);
      cases()
          .map(a -> (FeedDecoder<?>) a.get()[1])
          .forEach(
              decoder -> assertThatCode(() -> decoder.decode(snapshot)).doesNotThrowAnyException());
    }
  }

  private static List<? extends Decoded<?>> decode(FeedDecoder<?> decoder, FeedSnapshot snapshot) {
    return decoder.decode(snapshot);
  }

  private static Arguments of(
      String name, FeedDecoder<?> decoder, String text, RejectReason reason, long line) {
    return of(name, decoder, text.getBytes(StandardCharsets.UTF_8), reason, line);
  }

  private static Arguments of(
      String name, FeedDecoder<?> decoder, byte[] bytes, RejectReason reason, long line) {
    return Arguments.of(name, decoder, bytes, reason, line);
  }

  private static FeedMessage vehicleAt(double lat, double lon) {
    return FeedMessage.newBuilder()
        .setHeader(
            FeedHeader.newBuilder().setGtfsRealtimeVersion("2.0").setTimestamp(1_768_287_600L))
        .addEntity(
            FeedEntity.newBuilder()
                .setId("v1")
                .setVehicle(
                    VehiclePosition.newBuilder()
                        .setPosition(
                            Position.newBuilder()
                                .setLatitude((float) lat)
                                .setLongitude((float) lon))))
        .build();
  }

  private static FeedMessage tripUpdateStarting(String startDate) {
    return FeedMessage.newBuilder()
        .setHeader(
            FeedHeader.newBuilder().setGtfsRealtimeVersion("2.0").setTimestamp(1_768_287_600L))
        .addEntity(
            FeedEntity.newBuilder()
                .setId("t1")
                .setTripUpdate(
                    TripUpdate.newBuilder()
                        .setTrip(
                            TripDescriptor.newBuilder().setTripId("T1").setStartDate(startDate))
                        .addStopTimeUpdate(
                            TripUpdate.StopTimeUpdate.newBuilder().setStopSequence(1))))
        .build();
  }
}
