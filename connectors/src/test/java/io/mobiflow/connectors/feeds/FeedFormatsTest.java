package io.mobiflow.connectors.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mobiflow.connectors.Snapshots;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.counters.model.CounterReading;
import io.mobiflow.connectors.gbfs.model.StationStatus;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every feed kind has one format, and real documents are detected as their kind. */
class FeedFormatsTest {

  /**
   * One real document per kind from {@code src/test/resources/real}; Mobiflow's own counter CSV has
   * none there (no publisher uses it), so {@link #detectsMobiflowsCounterCsv} writes one.
   */
  private static final Map<FeedKind, String> REAL =
      Map.ofEntries(
          Map.entry(FeedKind.GTFS_RT_VEHICLE_POSITIONS, "/real/caltrain/ct-vehicle-positions.pb"),
          Map.entry(FeedKind.GTFS_RT_TRIP_UPDATES, "/real/caltrain/ct-trip-updates.pb"),
          Map.entry(FeedKind.GTFS_RT_ALERTS, "/real/brest/bibus-brest-gtfs-rt-alerts.pb"),
          Map.entry(
              FeedKind.GBFS_STATION_INFORMATION,
              "/real/gbfs/velib-paris/station_information.json.gz"),
          Map.entry(FeedKind.GBFS_STATION_STATUS, "/real/gbfs/velib-paris/station_status.json.gz"),
          Map.entry(FeedKind.GBFS_FREE_VEHICLES, "/real/gbfs/almere/vehicle_status.json"),
          Map.entry(FeedKind.GBFS_DISCOVERY, "/real/gbfs/helsinki/gbfs.json"),
          Map.entry(
              FeedKind.GBFS_SYSTEM_INFORMATION, "/real/gbfs/helsinki/system_information.json"),
          Map.entry(FeedKind.GBFS_VEHICLE_TYPES, "/real/gbfs/tier-wolfsburg/vehicle_types.json"),
          Map.entry(FeedKind.GBFS_GEOFENCING_ZONES, "/real/gbfs/almere/geofencing_zones.json"),
          Map.entry(FeedKind.COUNTER_PARIS_ARCHIVE, "/real/paris/convention_2023.csv.gz"),
          Map.entry(
              FeedKind.COUNTER_PARIS_PORTAL,
              "/real/paris/comptages-routiers-permanents-washington_opendata-export.csv.gz"),
          Map.entry(FeedKind.COUNTER_DATEX2, "/real/datex2/tipi-speeds-trimmed.xml"));

  @Test
  void everyKindHasOneFormat() {
    for (FeedKind kind : FeedKind.values()) {
      assertThat(FeedFormats.of(kind).kind()).isEqualTo(kind);
    }
    assertThat(FeedFormats.ALL).hasSize(FeedKind.values().length);
  }

  @Test
  void realDocumentsAreDetectedAsTheirKind() {
    assertThat(EnumSet.copyOf(REAL.keySet()))
        .isEqualTo(EnumSet.complementOf(EnumSet.of(FeedKind.COUNTER_CSV)));
    REAL.forEach(
        (kind, path) -> {
          FeedSnapshot snapshot = Snapshots.resource(kind, path);
          assertThat(FeedFormats.detect(snapshot.payload())).as(path).isEqualTo(kind);
          assertThat(FeedFormats.familyOf(snapshot.payload()))
              .as(path)
              .isEqualTo(FeedFormats.of(kind).family());
          assertThat(FeedFormats.of(kind).extension())
              .as(path)
              .isEqualTo(extensionOf(path.replaceFirst("\\.gz$", "")));
        });
  }

  @Test
  void detectsMobiflowsCounterCsv() {
    byte[] csv =
        "sensor_id,timestamp,flow_veh_h,occupancy_pct,speed_kmh\nS1,2024-03-01T08:00:00Z,420,12.5,48\n"
            .getBytes(StandardCharsets.UTF_8);

    assertThat(FeedFormats.detect(csv)).isEqualTo(FeedKind.COUNTER_CSV);
    assertThat(
            FeedFormats.COUNTER_CSV
                .decoder()
                .decode(Snapshots.of(FeedKind.COUNTER_CSV, "c.csv", csv))
                .stream()
                .map(d -> d.value().siteId()))
        .containsExactly("S1");
  }

  @Test
  void documentsOfNoKindAreNone() {
    FeedSnapshot plans =
        Snapshots.resource(
            FeedKind.GBFS_DISCOVERY, "/real/gbfs/lillestrombysykkel/system_pricing_plans.json");

    assertThat(FeedFormats.detect(plans.payload())).isNull();
    assertThat(FeedFormats.familyOf(plans.payload())).isEqualTo(FeedFamily.GBFS);
    assertThat(FeedFormats.detect("hello,world\n1,2\n".getBytes(StandardCharsets.UTF_8))).isNull();
    assertThat(FeedFormats.detect("<html/>".getBytes(StandardCharsets.UTF_8))).isNull();
    assertThat(FeedFormats.detect(new byte[0])).isNull();
  }

  @Test
  void aTypedFormatIsCheckedAgainstItsEventType() {
    assertThat(FeedFormats.of(FeedKind.COUNTER_DATEX2, CounterReading.class))
        .isSameAs(FeedFormats.COUNTER_DATEX2);
    assertThat(FeedFormats.kindsGiving(CounterReading.class))
        .containsExactly(
            FeedKind.COUNTER_CSV,
            FeedKind.COUNTER_PARIS_ARCHIVE,
            FeedKind.COUNTER_PARIS_PORTAL,
            FeedKind.COUNTER_DATEX2);
    assertThatThrownBy(() -> FeedFormats.of(FeedKind.COUNTER_CSV, StationStatus.class))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static String extensionOf(String path) {
    return path.substring(path.lastIndexOf('.') + 1);
  }
}
