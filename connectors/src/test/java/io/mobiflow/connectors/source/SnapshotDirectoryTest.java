package io.mobiflow.connectors.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mobiflow.connectors.common.FeedKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotDirectoryTest {

  @TempDir Path root;

  @Test
  void listsSnapshotsOfAllFeedsInFetchTimeOrder() throws IOException {
    touch("bikes/gbfs_station_status/200.json");
    touch("bus/gtfs_rt_vehicle_positions/300.pb");
    touch("bus/gtfs_rt_trip_updates/100.pb");
    touch("bus/gtfs_rt_vehicle_positions/100.pb");

    List<SnapshotFile> files = SnapshotDirectory.scan(root);

    assertThat(files)
        .extracting(SnapshotFile::fetchedAt, SnapshotFile::feedId, SnapshotFile::kind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                Instant.ofEpochSecond(100), "bus", FeedKind.GTFS_RT_VEHICLE_POSITIONS),
            org.assertj.core.groups.Tuple.tuple(
                Instant.ofEpochSecond(100), "bus", FeedKind.GTFS_RT_TRIP_UPDATES),
            org.assertj.core.groups.Tuple.tuple(
                Instant.ofEpochSecond(200), "bikes", FeedKind.GBFS_STATION_STATUS),
            org.assertj.core.groups.Tuple.tuple(
                Instant.ofEpochSecond(300), "bus", FeedKind.GTFS_RT_VEHICLE_POSITIONS));
  }

  @Test
  void fileOfAndScanAgree() throws IOException {
    Path relative =
        SnapshotDirectory.fileOf(
            "f", FeedKind.COUNTER_CSV, Instant.ofEpochSecond(1_768_287_600L), "csv");
    touch(relative.toString());
    assertThat(SnapshotDirectory.scan(root))
        .singleElement()
        .satisfies(
            file -> {
              assertThat(file.kind()).isEqualTo(FeedKind.COUNTER_CSV);
              assertThat(file.fetchedAt()).isEqualTo(Instant.ofEpochSecond(1_768_287_600L));
            });
  }

  @Test
  void reportsFilesOutsideTheLayoutInsteadOfSkippingThem() throws IOException {
    touch("bus/gtfs_rt_vehicle_positons/100.pb");
    assertThatThrownBy(() -> SnapshotDirectory.scan(root))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("unknown feed kind 'gtfs_rt_vehicle_positons'");
  }

  @Test
  void reportsFilesNotNamedByTheirTime() throws IOException {
    touch("bus/gtfs_rt_vehicle_positions/latest.pb");
    assertThatThrownBy(() -> SnapshotDirectory.scan(root)).hasMessageContaining("<epoch-seconds>");
  }

  @Test
  void reportsAMissingDirectory() {
    assertThatThrownBy(() -> SnapshotDirectory.scan(root.resolve("nope")))
        .hasMessageContaining("does not exist");
  }

  private void touch(String relative) throws IOException {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "x");
  }
}
