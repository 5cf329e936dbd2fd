package io.mobiflow.connectors.gbfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.connectors.Snapshots;
import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.common.FeedDecoder;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.gbfs.decode.DiscoveryDecoder;
import io.mobiflow.connectors.gbfs.decode.FreeFloatingVehicleDecoder;
import io.mobiflow.connectors.gbfs.decode.GbfsEnvelope;
import io.mobiflow.connectors.gbfs.decode.GeofencingZoneDecoder;
import io.mobiflow.connectors.gbfs.decode.StationInformationDecoder;
import io.mobiflow.connectors.gbfs.decode.StationStatusDecoder;
import io.mobiflow.connectors.gbfs.decode.SystemInformationDecoder;
import io.mobiflow.connectors.gbfs.decode.VehicleTypeDecoder;
import io.mobiflow.connectors.gbfs.model.FreeFloatingVehicle;
import io.mobiflow.connectors.gbfs.model.StationStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * GBFS documents of one good element and one hostile one: the hostile value rejects its element
 * only, as a typed rejection naming the field and quoting the value, and the good element of the
 * same document still decodes. Nothing is thrown, and no instant that would overflow epoch
 * milliseconds gets through.
 */
class HostileGbfsValuesTest {

  private static final String HEAD = "{\"last_updated\":1700000000,\"ttl\":60,\"data\":";
  private static final String STATUS =
      "{\"station_id\":\"s1\",\"num_bikes_available\":3,\"num_docks_available\":5,"
          + "\"last_reported\":1699999990}";
  private static final String VEHICLE =
      "{\"bike_id\":\"b1\",\"lat\":45.18,\"lon\":0.72,\"last_reported\":1699999990}";
  private static final String STATION =
      "{\"station_id\":\"s1\",\"name\":\"S\",\"lat\":45.18,\"lon\":0.72,\"capacity\":20}";
  private static final String TYPE =
      "{\"vehicle_type_id\":\"t1\",\"form_factor\":\"scooter\",\"propulsion_type\":\"electric\"}";

  static Stream<Arguments> hostileValues() {
    return Stream.of(
        // station_status: times
        status("last_reported 1e18", "\"last_reported\":1e18", "last_reported", "1.0E18"),
        status(
            "last_reported 10^18 as an integer",
            "\"last_reported\":1000000000000000000",
            "last_reported",
            "1000000000000000000"),
        status("last_reported negative", "\"last_reported\":-1", "last_reported", "-1"),
        status(
            "last_reported of year +999999999",
            "\"last_reported\":\"+999999999-12-31T23:59:59Z\"",
            "last_reported",
            "+999999999-12-31T23:59:59Z"),
        status(
            "last_reported not a time",
            "\"last_reported\":\"yesterday\"",
            "last_reported",
            "yesterday"),
        // station_status: counts
        status(
            "20-digit bike count (wrapped to 1,661,992,959 before)",
            "\"num_bikes_available\":99999999999999999999",
            "num_bikes_available",
            "99999999999999999999"),
        status(
            "bike count 1e400 (Jackson reads Infinity)",
            "\"num_bikes_available\":1e400",
            "num_bikes_available",
            "Infinity"),
        status(
            "fractional bike count", "\"num_bikes_available\":2.5", "num_bikes_available", "2.5"),
        status("negative bike count", "\"num_bikes_available\":-1", "num_bikes_available", "-1"),
        status(
            "bike count over the bound",
            "\"num_bikes_available\":100001",
            "num_bikes_available",
            "100001"),
        status(
            "GBFS 3.0 vehicle count over int",
            "\"num_vehicles_available\":4294967299",
            "num_vehicles_available",
            "4294967299"),
        status(
            "dock count 2^32+1 (wrapped to 1 before)",
            "\"num_docks_available\":4294967297",
            "num_docks_available",
            "4294967297"),
        status(
            "disabled count 1e10", "\"num_bikes_disabled\":1e10", "num_bikes_disabled", "1.0E10"),
        status("flag 2", "\"is_renting\":2", "is_renting", "2"),
        status("flag as text", "\"is_returning\":\"yes\"", "is_returning", "yes"),
        status(
            "count per type of 20 digits",
            "\"vehicle_types_available\":[{\"vehicle_type_id\":\"e\",\"count\":99999999999999999999}]",
            "count",
            "99999999999999999999"),
        status(
            "Vélib' count per type of 1e20",
            "\"num_bikes_available_types\":[{\"mechanical\":1e20}]",
            "num_bikes_available_types",
            "1.0E20"),
        status(
            "counts per type adding up over the bound",
            "\"vehicle_types_available\":[{\"vehicle_type_id\":\"e\",\"count\":60000},"
                + "{\"vehicle_type_id\":\"e\",\"count\":60000}]",
            "type 'e'",
            "120000"),
        // free vehicles
        vehicle("last_reported 1e18", "\"last_reported\":1e18", "last_reported", "1.0E18"),
        vehicle(
            "last_reported of year +999999999",
            "\"last_reported\":\"+999999999-01-01T00:00:00+01:00\"",
            "last_reported",
            "+999999999"),
        vehicle("is_reserved as text", "\"is_reserved\":\"maybe\"", "is_reserved", "maybe"),
        // station information, vehicle types
        Arguments.of(
            "capacity of 20 digits",
            new StationInformationDecoder(),
            HEAD + "{\"stations\":[" + STATION + "," + with(STATION, "\"capacity\":1e20") + "]}}",
            RejectReason.INVALID_VALUE,
            "capacity",
            "1.0E20"),
        Arguments.of(
            "negative capacity",
            new StationInformationDecoder(),
            HEAD + "{\"stations\":[" + STATION + "," + with(STATION, "\"capacity\":-3") + "]}}",
            RejectReason.INVALID_VALUE,
            "capacity",
            "-3"),
        Arguments.of(
            "latitude 1e400",
            new StationInformationDecoder(),
            HEAD + "{\"stations\":[" + STATION + "," + with(STATION, "\"lat\":1e400") + "]}}",
            RejectReason.INVALID_COORDINATE,
            "station 's1'",
            ""),
        Arguments.of(
            "range 1e400",
            new VehicleTypeDecoder(),
            HEAD
                + "{\"vehicle_types\":["
                + TYPE
                + ","
                + with(TYPE, "\"max_range_meters\":1e400")
                + "]}}",
            RejectReason.INVALID_VALUE,
            "maxRangeMeters",
            "Infinity"),
        Arguments.of(
            "range as text",
            new VehicleTypeDecoder(),
            HEAD
                + "{\"vehicle_types\":["
                + TYPE
                + ","
                + with(TYPE, "\"max_range_meters\":\"far\"")
                + "]}}",
            RejectReason.INVALID_VALUE,
            "max_range_meters",
            "far"),
        Arguments.of(
            "geofencing speed limit 1e9",
            new GeofencingZoneDecoder(),
            HEAD
                + "{\"geofencing_zones\":{\"type\":\"FeatureCollection\",\"features\":["
                + zone("")
                + ","
                + zone(",\"maximum_speed_kph\":1e9")
                + "]}}}",
            RejectReason.INVALID_VALUE,
            "maximum_speed_kph",
            "1.0E9"),
        Arguments.of(
            "geofencing flag as text",
            new GeofencingZoneDecoder(),
            HEAD
                + "{\"geofencing_zones\":{\"type\":\"FeatureCollection\",\"features\":["
                + zone("")
                + ","
                + zone(",\"ride_allowed\":\"sometimes\"")
                + "]}}}",
            RejectReason.INVALID_VALUE,
            "ride_allowed",
            "sometimes"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileValues")
  void aHostileValueRejectsItsElementOnly(
      String name,
      FeedDecoder<?> decoder,
      String document,
      RejectReason reason,
      String field,
      String value) {
    List<? extends Decoded<?>> decoded = decoder.decode(snapshot(document));

    assertThat(decoded).hasSize(2);
    assertThat(decoded.get(0).isOk()).as("the good element").isTrue();
    assertThat(decoded.get(1).reason()).isEqualTo(reason);
    assertThat(decoded.get(1).source().line()).isEqualTo(2);
    assertThat(decoded.get(1).detail()).contains(field).contains(value);
  }

  @Test
  void aDocumentTimeOutOfRangeRejectsOnlyTheElementsThatNeedIt() {
    String head = "{\"last_updated\":1e18,\"ttl\":60,\"data\":";
    // the first vehicle has its own last_reported, the second needs the document's
    List<Decoded<FreeFloatingVehicle>> vehicles =
        new FreeFloatingVehicleDecoder()
            .decode(
                snapshot(
                    head
                        + "{\"bikes\":["
                        + VEHICLE
                        + ",{\"bike_id\":\"b2\",\"lat\":45.18,\"lon\":0.72}]}}"));
    assertThat(vehicles.get(0).value().observedAt()).isEqualTo(Instant.ofEpochSecond(1699999990));
    assertThat(vehicles.get(1).reason()).isEqualTo(RejectReason.INVALID_VALUE);
    assertThat(vehicles.get(1).detail()).contains("last_updated").contains("1.0E18");
    // a station status is published at the document's time: every station needs it
    assertThat(
            new StationStatusDecoder()
                .decode(snapshot(head + "{\"stations\":[" + STATUS + "," + STATUS + "]}}")))
        .extracting(Decoded::reason)
        .containsExactly(RejectReason.INVALID_VALUE, RejectReason.INVALID_VALUE);
    // station information does not use it
    assertThat(
            new StationInformationDecoder()
                .decode(snapshot(head + "{\"stations\":[" + STATION + "]}}")))
        .allMatch(Decoded::isOk);
    // the envelope (the recorder's and the job's view) calls such a time unknown, never throws
    GbfsEnvelope envelope = GbfsEnvelope.read(snapshot(head + "{}}").payload());
    assertThat(envelope.lastUpdated()).isNull();
    assertThat(envelope.lastUpdatedProblem()).contains("last_updated");
    assertThat(envelope.ttlSeconds()).isEqualTo(60);
    assertThat(
            GbfsEnvelope.read(
                snapshot("{\"last_updated\":\"+999999999-01-01T00:00:00Z\",\"ttl\":1e20}")
                    .payload()))
        .extracting(GbfsEnvelope::lastUpdated, GbfsEnvelope::ttlSeconds)
        .containsExactly(null, null);
  }

  @Test
  void boundsAreInclusiveAndWholeDecimalsAreCounts() {
    StationStatus status =
        new StationStatusDecoder()
            .decode(
                snapshot(
                    HEAD
                        + "{\"stations\":["
                        + with(STATUS, "\"num_bikes_available\":100000,\"num_docks_available\":3.0")
                        + "]}}"))
            .get(0)
            .value();
    assertThat(status.vehiclesAvailable()).isEqualTo(100_000);
    assertThat(status.docksAvailable()).isEqualTo(3);
    // 9999-12-31T23:59:59Z is the last second accepted, POSIX 253402300799
    FreeFloatingVehicle last =
        new FreeFloatingVehicleDecoder()
            .decode(
                snapshot(
                    HEAD
                        + "{\"bikes\":["
                        + with(VEHICLE, "\"last_reported\":253402300799")
                        + ","
                        + with(VEHICLE, "\"last_reported\":253402300800")
                        + "]}}"))
            .get(0)
            .value();
    assertThat(last.observedAt()).isEqualTo(Instant.parse("9999-12-31T23:59:59Z"));
  }

  /**
   * Each real GBFS file handed to every decoder of another kind: one WRONG_KIND rejection naming
   * the kind detected (before, a free_bike_status read as station_status was one MALFORMED "no
   * data.stations array", and a station_status read as station_information one MISSING_FIELD per
   * station).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "/real/gbfs/helsinki/station_status.json, GBFS_STATION_STATUS",
    "/real/gbfs/helsinki/station_information.json, GBFS_STATION_INFORMATION",
    "/real/gbfs/helsinki/gbfs.json, GBFS_DISCOVERY",
    "/real/gbfs/helsinki/system_information.json, GBFS_SYSTEM_INFORMATION",
    "/real/gbfs/almere/vehicle_status.json, GBFS_FREE_VEHICLES",
    "/real/gbfs/almere/vehicle_types.json, GBFS_VEHICLE_TYPES",
    "/real/gbfs/almere/geofencing_zones.json, GBFS_GEOFENCING_ZONES",
  })
  void aDocumentOfAnotherKindIsRefusedWithTheKindItIs(String file, FeedKind kind) {
    FeedSnapshot snapshot = Snapshots.resource(kind, file);
    Map<FeedKind, FeedDecoder<?>> decoders =
        Map.of(
            FeedKind.GBFS_STATION_STATUS, new StationStatusDecoder(),
            FeedKind.GBFS_STATION_INFORMATION, new StationInformationDecoder(),
            FeedKind.GBFS_DISCOVERY, new DiscoveryDecoder(),
            FeedKind.GBFS_SYSTEM_INFORMATION, new SystemInformationDecoder(),
            FeedKind.GBFS_FREE_VEHICLES, new FreeFloatingVehicleDecoder(),
            FeedKind.GBFS_VEHICLE_TYPES, new VehicleTypeDecoder(),
            FeedKind.GBFS_GEOFENCING_ZONES, new GeofencingZoneDecoder());
    decoders.forEach(
        (decoderKind, decoder) -> {
          List<? extends Decoded<?>> decoded = decoder.decode(snapshot);
          if (decoderKind == kind) {
            assertThat(decoded).anyMatch(Decoded::isOk);
          } else {
            assertThat(decoded)
                .as(decoderKind + " decoder")
                .singleElement()
                .satisfies(
                    d -> {
                      assertThat(d.reason()).isEqualTo(RejectReason.WRONG_KIND);
                      assertThat(d.detail()).contains(kind.name()).contains(decoderKind.name());
                    });
          }
        });
  }

  @Test
  void anEmptyStationListIsNoneOfEitherKindNotAWrongOne() {
    String empty = HEAD + "{\"stations\":[]}}";
    assertThat(new StationInformationDecoder().decode(snapshot(empty))).isEmpty();
    assertThat(new StationStatusDecoder().decode(snapshot(empty))).isEmpty();
  }

  @Test
  void aHugeIdIsQuotedShortInTheDetail() {
    String id = "x".repeat(1_000_000);
    List<Decoded<StationStatus>> decoded =
        new StationStatusDecoder()
            .decode(snapshot(HEAD + "{\"stations\":[{\"station_id\":\"" + id + "\"}]}}"));
    assertThat(decoded.get(0).reason()).isEqualTo(RejectReason.MISSING_FIELD);
    assertThat(decoded.get(0).detail()).hasSizeLessThan(300).contains("1000000 characters");
  }

  private static Arguments status(String name, String field, String named, String value) {
    return Arguments.of(
        name,
        new StationStatusDecoder(),
        HEAD + "{\"stations\":[" + STATUS + "," + with(STATUS, field) + "]}}",
        RejectReason.INVALID_VALUE,
        named,
        value);
  }

  private static Arguments vehicle(String name, String field, String named, String value) {
    return Arguments.of(
        name,
        new FreeFloatingVehicleDecoder(),
        HEAD + "{\"bikes\":[" + VEHICLE + "," + with(VEHICLE, field) + "]}}",
        RejectReason.INVALID_VALUE,
        named,
        value);
  }

  /** The element with {@code field} added last (a repeated key: Jackson keeps the last). */
  private static String with(String element, String field) {
    return element.substring(0, element.length() - 1) + "," + field + "}";
  }

  private static String zone(String rule) {
    return "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
        + "[[[0.7,45.1],[0.8,45.1],[0.8,45.2],[0.7,45.1]]]},"
        + "\"properties\":{\"rules\":[{\"ride_through_allowed\":true"
        + rule
        + "}]}}";
  }

  private static FeedSnapshot snapshot(String json) {
    return Snapshots.of(FeedKind.GBFS_STATION_STATUS, "hostile.json", json);
  }
}
