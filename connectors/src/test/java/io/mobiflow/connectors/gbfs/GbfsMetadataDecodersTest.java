package io.mobiflow.connectors.gbfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.connectors.Snapshots;
import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.gbfs.decode.DiscoveryDecoder;
import io.mobiflow.connectors.gbfs.decode.FreeFloatingVehicleDecoder;
import io.mobiflow.connectors.gbfs.decode.GbfsEnvelope;
import io.mobiflow.connectors.gbfs.decode.GeofencingZoneDecoder;
import io.mobiflow.connectors.gbfs.decode.StationStatusDecoder;
import io.mobiflow.connectors.gbfs.decode.SystemInformationDecoder;
import io.mobiflow.connectors.gbfs.decode.VehicleTypeDecoder;
import io.mobiflow.connectors.gbfs.model.GbfsFeedLink;
import io.mobiflow.connectors.gbfs.model.GeofencingZone;
import io.mobiflow.connectors.gbfs.model.SystemInformation;
import io.mobiflow.connectors.gbfs.model.VehicleType;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Discovery, system information, vehicle types, geofencing zones and envelopes of the real GBFS
 * files (1.x, 2.2, 2.3, 3.0). Counts come from Python's json module over the raw files: {@code
 * len(d['data'][...])}.
 */
class GbfsMetadataDecodersTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "almere, 4, ", // 3.0: data.feeds, no language
    "helsinki, 3, en", // 1.x: data.en.feeds
    "lillestrombysykkel, 6, nb", // 2.2: data.nb.feeds
    "tier-wolfsburg, 3, en" // 2.3
  })
  void discoveryListsEveryFeedWithItsLanguage(String system, int feeds, String language) {
    List<Decoded<GbfsFeedLink>> links =
        new DiscoveryDecoder()
            .decode(
                Snapshots.resource(FeedKind.GBFS_DISCOVERY, "/real/gbfs/" + system + "/gbfs.json"));
    assertThat(links).hasSize(feeds).allMatch(Decoded::isOk);
    assertThat(links).allMatch(l -> java.util.Objects.equals(l.value().language(), language));
  }

  @Test
  void version3ManifestListsSystemsAndVersions() {
    String manifest =
        """
        {"last_updated":"2025-05-21T07:47:43+00:00","ttl":3600,"version":"3.0","data":{"datasets":[
          {"system_id":"check_almere","versions":[{"version":"3.0","url":"https://a/v3/gbfs.json"},
                                                  {"version":"2.3","url":"https://a/v2/gbfs.json"}]},
          {"system_id":"check_rotterdam","versions":[{"version":"3.0"}]}]}}
        """;
    List<Decoded<GbfsFeedLink>> links =
        new DiscoveryDecoder()
            .decode(Snapshots.of(FeedKind.GBFS_DISCOVERY, "manifest.json", manifest));
    assertThat(links.subList(0, 2))
        .extracting(Decoded::value)
        .containsExactly(
            new GbfsFeedLink("gbfs", "https://a/v3/gbfs.json", null, "check_almere", "3.0"),
            new GbfsFeedLink("gbfs", "https://a/v2/gbfs.json", null, "check_almere", "2.3"));
    assertThat(links.get(2).reason()).isEqualTo(RejectReason.MISSING_FIELD);
  }

  @Test
  void systemInformationAcrossVersions() {
    SystemInformation almere = system("almere");
    assertThat(almere)
        .isEqualTo(
            new SystemInformation(
                "check_almere",
                "Check Technologies",
                ZoneId.of("Europe/Amsterdam"),
                List.of("en", "nl")));
    for (String other : List.of("helsinki", "lillestrombysykkel", "tier-wolfsburg")) {
      assertThat(system(other).systemId()).isNotBlank();
    }
  }

  @Test
  void vehicleTypesOfThreeSystems() {
    assertThat(types("almere"))
        .containsExactly(
            new VehicleType("check_moped_almere_60", "moped", "electric", 60000.0, null));
    assertThat(types("tier-wolfsburg"))
        .containsExactly(
            new VehicleType("okai_escooter", "scooter_standing", "electric", 46.0, null));
    assertThat(types("lillestrombysykkel"))
        .containsExactly(
            new VehicleType("YLS:VehicleType:CityBike", "bicycle", "human", null, null));
  }

  @Test
  void geofencingZonesOfAlmere() {
    List<Decoded<GeofencingZone>> zones =
        new GeofencingZoneDecoder()
            .decode(
                Snapshots.resource(
                    FeedKind.GBFS_GEOFENCING_ZONES, "/real/gbfs/almere/geofencing_zones.json"));
    // 16 features; features 7 and 8 have "geometry": null in the file
    assertThat(zones).hasSize(16);
    assertThat(zones)
        .filteredOn(d -> !d.isOk())
        .extracting(Decoded::reason, d -> d.source().line())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(RejectReason.MISSING_FIELD, 7L),
            org.assertj.core.groups.Tuple.tuple(RejectReason.MISSING_FIELD, 8L));
    GeofencingZone first = zones.get(0).value();
    assertThat(first.name()).isEqualTo("Hub Bergnet");
    assertThat(first.area().getGeometryType()).isEqualTo("MultiPolygon");
    assertThat(first.rules())
        .first()
        .isEqualTo(
            new GeofencingZone.Rule(List.of("check_moped_almere_60"), true, false, true, null));
  }

  @Test
  void envelopesGiveFreshnessIncludingVelibsLastUpdatedOther() throws Exception {
    GbfsEnvelope almere =
        GbfsEnvelope.read(
            Snapshots.resource(FeedKind.GBFS_VEHICLE_TYPES, "/real/gbfs/almere/vehicle_types.json")
                .payload());
    assertThat(almere.version()).isEqualTo("3.0");
    assertThat(almere.ttlSeconds()).isEqualTo(600);
    assertThat(almere.nextUpdateAt()).isEqualTo(Instant.parse("2025-05-21T07:57:43.343377Z"));
    GbfsEnvelope velib =
        GbfsEnvelope.read(
            Snapshots.resource(
                    FeedKind.GBFS_STATION_STATUS, "/real/gbfs/velib-paris/station_status.json.gz")
                .payload());
    assertThat(velib.version()).isNull();
    assertThat(velib.lastUpdated()).isEqualTo(Instant.ofEpochSecond(1732004538L));
    assertThat(velib.ttlSeconds()).isEqualTo(3600);
    assertThat(GbfsEnvelope.read("[1,2]".getBytes())).isNull();
  }

  @Test
  void stationCountsPerVehicleType() {
    // lillestrombysykkel station_status, first station: vehicle_types_available CityBike: 10
    assertThat(
            new StationStatusDecoder()
                .decode(
                    Snapshots.resource(
                        FeedKind.GBFS_STATION_STATUS,
                        "/real/gbfs/lillestrombysykkel/station_status.json"))
                .get(0)
                .value()
                .vehiclesByType())
        .isEqualTo(Map.of("YLS:VehicleType:CityBike", 10));
  }

  /** The 12 Tier snapshots: vehicles per file from len(d['data']['bikes']). */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "1690889244, 848", "1690889547, 851", "1690889850, 848", "1690890153, 847",
    "1690890456, 847", "1690890760, 847", "1690891064, 848", "1690891368, 854",
    "1690891672, 851", "1690891975, 854", "1690892278, 854", "1690892581, 854"
  })
  void everyTierSnapshotDecodes(long time, int vehicles) {
    assertThat(
            new FreeFloatingVehicleDecoder()
                .decode(
                    Snapshots.resource(
                        FeedKind.GBFS_FREE_VEHICLES,
                        "/real/gbfs/tier-wolfsburg/free_bike_status_series/free_bike_status_"
                            + time
                            + ".json.gz")))
        .hasSize(vehicles)
        .allMatch(Decoded::isOk);
  }

  private static SystemInformation system(String system) {
    List<Decoded<SystemInformation>> decoded =
        new SystemInformationDecoder()
            .decode(
                Snapshots.resource(
                    FeedKind.GBFS_SYSTEM_INFORMATION,
                    "/real/gbfs/" + system + "/system_information.json"));
    assertThat(decoded).singleElement().matches(Decoded::isOk);
    return decoded.get(0).value();
  }

  private static List<VehicleType> types(String system) {
    return new VehicleTypeDecoder()
            .decode(
                Snapshots.resource(
                    FeedKind.GBFS_VEHICLE_TYPES, "/real/gbfs/" + system + "/vehicle_types.json"))
            .stream()
            .map(Decoded::value)
            .toList();
  }
}
