package io.mobiflow.connectors.gbfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.connectors.Snapshots;
import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.gbfs.decode.StationInformationDecoder;
import io.mobiflow.connectors.gbfs.decode.StationStatusDecoder;
import io.mobiflow.connectors.gbfs.model.StationInformation;
import io.mobiflow.connectors.gbfs.model.StationStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StationDecodersTest {

  @Test
  void decodesTheRealHelsinkiStationStatusOfGbfs1() {
    List<Decoded<StationStatus>> decoded =
        new StationStatusDecoder()
            .decode(
                Snapshots.resource(
                    FeedKind.GBFS_STATION_STATUS, "/real/gbfs/helsinki/station_status.json"));
    assertThat(decoded).hasSize(10).allMatch(Decoded::isOk);
    // First station of the file, read by hand: 2 bikes, 0 disabled, 29 docks, flags as 1.
    assertThat(decoded.get(0).value())
        .isEqualTo(
            new StationStatus(
                "001",
                2,
                0,
                29,
                true,
                true,
                Instant.ofEpochSecond(1631517287L), // the station's last_reported
                Instant.ofEpochSecond(1631517710L), // the file's last_updated
                Map.of()));
  }

  @Test
  void decodesTheRealHelsinkiStationInformation() {
    List<Decoded<StationInformation>> decoded =
        new StationInformationDecoder()
            .decode(
                Snapshots.resource(
                    FeedKind.GBFS_STATION_INFORMATION,
                    "/real/gbfs/helsinki/station_information.json"));
    // The file keeps OpenTripPlanner's broken stations: #6 has a null id, #7 an empty one, #10 no
    // lat; #8 has no name (the id stands in) and #9 an empty one.
    assertThat(decoded)
        .extracting(Decoded::reason)
        .containsExactly(
            null,
            null,
            null,
            null,
            null,
            RejectReason.MISSING_FIELD,
            RejectReason.MISSING_FIELD,
            null,
            null,
            RejectReason.MISSING_FIELD);
    assertThat(decoded.get(7).value().name()).isEqualTo("008");
    assertThat(decoded.get(9).source().line()).isEqualTo(10);
    assertThat(decoded.get(0).value())
        .isEqualTo(
            new StationInformation("001", "Kaivopuisto", 60.155444793821, 24.9502928896903, 30));
  }

  @Test
  void readsGbfs3NamesCountsAndRfc3339Times() {
    String status =
        "{\"last_updated\":\"2026-01-13T07:00:00+01:00\",\"ttl\":0,\"version\":\"3.0\",\"data\":{\"stations\":["
            + "{\"station_id\":\"s1\",\"num_vehicles_available\":4,\"num_docks_available\":2,"
            + "\"is_renting\":false,\"is_returning\":true}]}}";
    StationStatus decoded =
        new StationStatusDecoder()
            .decode(Snapshots.of(FeedKind.GBFS_STATION_STATUS, "s.json", status))
            .get(0)
            .value();
    assertThat(decoded)
        .isEqualTo(
            new StationStatus(
                "s1",
                4,
                null,
                2,
                false,
                true,
                Instant.parse("2026-01-13T06:00:00Z"),
                Instant.parse("2026-01-13T06:00:00Z"),
                Map.of()));

    String information =
        "{\"last_updated\":1,\"data\":{\"stations\":[{\"station_id\":7,\"name\":[{\"text\":\"Gare\",\"language\":\"fr\"}],"
            + "\"lat\":45.18,\"lon\":0.72}]}}";
    StationInformation station =
        new StationInformationDecoder()
            .decode(Snapshots.of(FeedKind.GBFS_STATION_INFORMATION, "i.json", information))
            .get(0)
            .value();
    assertThat(station).isEqualTo(new StationInformation("7", "Gare", 45.18, 0.72, null));
  }

  @Test
  void rejectsBadStationsOneByOneAndBadDocumentsWhole() {
    String status =
        "{\"last_updated\":100,\"data\":{\"stations\":["
            + "{\"num_bikes_available\":1},"
            + "{\"station_id\":\"a\"},"
            + "{\"station_id\":\"b\",\"num_bikes_available\":-2},"
            + "{\"station_id\":\"c\",\"num_bikes_available\":3}]}}";
    assertThat(
            new StationStatusDecoder()
                .decode(Snapshots.of(FeedKind.GBFS_STATION_STATUS, "s.json", status)))
        .extracting(Decoded::reason)
        .containsExactly(
            RejectReason.MISSING_FIELD,
            RejectReason.MISSING_FIELD,
            RejectReason.INVALID_VALUE,
            null);
    assertThat(
            new StationStatusDecoder()
                .decode(Snapshots.of(FeedKind.GBFS_STATION_STATUS, "s.json", "{oops")))
        .singleElement()
        .extracting(Decoded::reason)
        .isEqualTo(RejectReason.MALFORMED);
    assertThat(
            new StationInformationDecoder()
                .decode(Snapshots.of(FeedKind.GBFS_STATION_INFORMATION, "i.json", "{\"data\":{}}")))
        .singleElement()
        .extracting(Decoded::reason)
        .isEqualTo(RejectReason.MALFORMED);
    String badPlace =
        "{\"data\":{\"stations\":[{\"station_id\":\"x\",\"name\":\"X\",\"lat\":0,\"lon\":0}]}}";
    assertThat(
            new StationInformationDecoder()
                .decode(Snapshots.of(FeedKind.GBFS_STATION_INFORMATION, "i.json", badPlace)))
        .singleElement()
        .extracting(Decoded::reason)
        .isEqualTo(RejectReason.INVALID_COORDINATE);
  }
}
