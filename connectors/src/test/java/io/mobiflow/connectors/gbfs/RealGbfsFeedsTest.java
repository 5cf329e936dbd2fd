package io.mobiflow.connectors.gbfs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mobiflow.connectors.Snapshots;
import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.gbfs.decode.FreeFloatingVehicleDecoder;
import io.mobiflow.connectors.gbfs.decode.StationInformationDecoder;
import io.mobiflow.connectors.gbfs.decode.StationStatusDecoder;
import io.mobiflow.connectors.gbfs.model.FreeFloatingVehicle;
import io.mobiflow.connectors.gbfs.model.StationInformation;
import io.mobiflow.connectors.gbfs.model.StationStatus;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Real GBFS extracts of three versions, with their quirks, decoded without loss. */
class RealGbfsFeedsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void decodesTierFreeBikeStatusOfGbfs2() throws Exception {
    FeedSnapshot snapshot =
        Snapshots.resource(
            FeedKind.GBFS_FREE_VEHICLES,
            "/real/gbfs/tier-wolfsburg/free_bike_status_series/free_bike_status_1690889244.json.gz");
    JsonNode bikes = JSON.readTree(snapshot.payload()).path("data").path("bikes");

    List<Decoded<FreeFloatingVehicle>> decoded = new FreeFloatingVehicleDecoder().decode(snapshot);

    assertThat(decoded).hasSize(bikes.size()).allMatch(Decoded::isOk);
    JsonNode first = bikes.get(0);
    assertThat(decoded.get(0).value())
        .isEqualTo(
            new FreeFloatingVehicle(
                first.get("bike_id").asText(),
                first.get("lat").asDouble(),
                first.get("lon").asDouble(),
                "okai_escooter",
                false,
                false,
                Instant.ofEpochSecond(first.get("last_reported").asLong())));
  }

  @Test
  void decodesAlmereVehicleStatusOfGbfs3WithRfc3339Time() {
    List<Decoded<FreeFloatingVehicle>> decoded =
        new FreeFloatingVehicleDecoder()
            .decode(
                Snapshots.resource(
                    FeedKind.GBFS_FREE_VEHICLES, "/real/gbfs/almere/vehicle_status.json"));
    assertThat(decoded).hasSize(6).allMatch(Decoded::isOk);
    // No last_reported per vehicle: the document's last_updated, 2025-05-21T07:48:04.229881+00:00.
    assertThat(decoded)
        .extracting(d -> d.value().observedAt())
        .containsOnly(Instant.parse("2025-05-21T07:48:04.229881Z"));
    assertThat(decoded.get(0).value().vehicleId())
        .isEqualTo("d44a73a8-d9b1-483d-a90f-4ab6617e6d82");
  }

  @Test
  void decodesVelibStationsDespiteTheirNonConformities() throws Exception {
    FeedSnapshot information =
        Snapshots.resource(
            FeedKind.GBFS_STATION_INFORMATION,
            "/real/gbfs/velib-paris/station_information.json.gz");
    FeedSnapshot status =
        Snapshots.resource(
            FeedKind.GBFS_STATION_STATUS, "/real/gbfs/velib-paris/station_status.json.gz");
    JsonNode first = JSON.readTree(status.payload()).path("data").path("stations").get(0);

    List<Decoded<StationInformation>> stations =
        new StationInformationDecoder().decode(information);
    List<Decoded<StationStatus>> statuses = new StationStatusDecoder().decode(status);

    assertThat(stations).hasSize(1485).allMatch(Decoded::isOk);
    assertThat(statuses).hasSize(1485).allMatch(Decoded::isOk);
    // Integer ids are read as text and match across the two files.
    Set<String> ids = stations.stream().map(d -> d.value().stationId()).collect(Collectors.toSet());
    assertThat(statuses).allMatch(d -> ids.contains(d.value().stationId()));
    // No last_updated (only lastUpdatedOther): each station's own last_reported is used; flags as
    // 1.
    assertThat(statuses.get(0).value())
        .isEqualTo(
            new StationStatus(
                first.get("station_id").asText(),
                first.get("num_bikes_available").asInt(),
                null,
                first.get("num_docks_available").asInt(),
                true,
                true,
                Instant.ofEpochSecond(first.get("last_reported").asLong()),
                Instant.ofEpochSecond(
                    JSON.readTree(status.payload()).get("lastUpdatedOther").asLong()),
                java.util.Map.of(
                    "mechanical",
                    first.get("num_bikes_available_types").get(0).get("mechanical").asInt(),
                    "ebike",
                    first.get("num_bikes_available_types").get(1).get("ebike").asInt())));
  }

  @Test
  void rejectsADocumentWithNeitherVehiclesNorBikes() {
    assertThat(
            new FreeFloatingVehicleDecoder()
                .decode(
                    Snapshots.of(
                        FeedKind.GBFS_FREE_VEHICLES, "v.json", "{\"data\":{\"parked\":[]}}")))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.reason()).isEqualTo(RejectReason.MALFORMED);
              assertThat(d.detail()).isEqualTo("no data.vehicles or data.bikes array");
            });
  }
}
