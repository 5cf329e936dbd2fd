package io.mobiflow.connectors.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.RejectReason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
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
  void filesNotNamedByAFetchTimeAreListedAsProblemsAtTheirModificationTime() throws IOException {
    // 16 digits: 9,999,999,999,999,999 s is within Instant's range but its milliseconds overflow
    // a long (what Flink's event time is); 20 digits overflow the long itself
    touch("bus/gtfs_rt_vehicle_positions/9999999999999999.pb");
    touch("bus/gtfs_rt_vehicle_positions/99999999999999999999.pb");
    touch("bus/gtfs_rt_vehicle_positions/latest.pb");
    touch("bus/gtfs_rt_vehicle_positions/-5.pb");
    touch("bus/gtfs_rt_vehicle_positions/253402300799.pb"); // 9999-12-31T23:59:59Z: the last
    Instant modified = Instant.parse("2026-01-13T07:00:00Z");
    for (String name :
        List.of("9999999999999999.pb", "99999999999999999999.pb", "latest.pb", "-5.pb")) {
      Files.setLastModifiedTime(
          root.resolve("bus/gtfs_rt_vehicle_positions/" + name), FileTime.from(modified));
    }

    List<SnapshotFile> files = SnapshotDirectory.scan(root);

    assertThat(files)
        .filteredOn(f -> f.problem() != null)
        .hasSize(4)
        .allSatisfy(
            f -> {
              assertThat(f.fetchedAt()).isEqualTo(modified);
              assertThat(f.problem()).contains("is not <epoch-seconds>.<ext>");
              FeedSnapshot snapshot = f.read();
              assertThat(snapshot.withheld().reason()).isEqualTo(RejectReason.INVALID_VALUE);
              assertThat(snapshot.payload()).isEmpty();
            });
    assertThat(files)
        .filteredOn(f -> f.problem() == null)
        .singleElement()
        .extracting(SnapshotFile::fetchedAt)
        .isEqualTo(Instant.parse("9999-12-31T23:59:59Z"));
    assertThat(files).allSatisfy(f -> f.fetchedAt().toEpochMilli()); // never overflows
  }

  @Test
  void everyEntryOutsideTheLayoutIsNamedInOneError() throws IOException {
    touch("bus/gtfs_rt_vehicle_positions/100.pb");
    touch("stray.pb");
    touch("bus/stray.pb");
    touch("bus/gtfs_rt_vehicle_positions/sub/100.pb");
    touch("bus/gtfs_rt_vehicle_positons/100.pb");
    assertThatThrownBy(() -> SnapshotDirectory.scan(root))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("holds 4 entries outside")
        .hasMessageContaining("stray.pb: not in a folder")
        .hasMessageContaining("bus/stray.pb: not in a folder")
        .hasMessageContaining("sub: a folder where snapshot files belong")
        .hasMessageContaining("unknown feed kind 'gtfs_rt_vehicle_positons'");
  }

  @Test
  void hiddenFilesAndFoldersAreIgnored() throws IOException {
    touch("bus/gtfs_rt_vehicle_positions/100.pb");
    touch("bus/gtfs_rt_vehicle_positions/.200.pb.partial");
    touch(".trash/whatever/deep/x.pb");
    assertThat(SnapshotDirectory.scan(root)).singleElement();
  }

  @Test
  void aSymlinkedFeedFolderIsFollowed(@TempDir Path elsewhere) throws IOException {
    Path feed = elsewhere.resolve("bus");
    Files.createDirectories(feed.resolve("gtfs_rt_vehicle_positions"));
    Files.writeString(feed.resolve("gtfs_rt_vehicle_positions/100.pb"), "x");
    Files.createSymbolicLink(root.resolve("bus"), feed);
    touch("bikes/gbfs_station_status/200.json");

    assertThat(SnapshotDirectory.scan(root))
        .extracting(SnapshotFile::feedId, SnapshotFile::fetchedAt)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("bus", Instant.ofEpochSecond(100)),
            org.assertj.core.groups.Tuple.tuple("bikes", Instant.ofEpochSecond(200)));
  }

  @Test
  void aSymlinkLoopIsReportedNotWalkedForever() throws IOException {
    touch("bus/gtfs_rt_vehicle_positions/100.pb");
    Files.createSymbolicLink(root.resolve("bus/gtfs_rt_trip_updates"), root.resolve("bus"));
    Files.createSymbolicLink(root.resolve("loop"), root);
    assertThatThrownBy(() -> SnapshotDirectory.scan(root))
        .hasMessageContaining("loop: a symbolic link to a folder above it")
        .hasMessageContaining("bus/gtfs_rt_trip_updates: a symbolic link to a folder above it");
  }

  @Test
  void aBrokenLinkIsListedAndReplayedAsUnreadable() throws IOException {
    Path link = root.resolve("bus/gtfs_rt_vehicle_positions/100.pb");
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, root.resolve("nowhere.pb"));
    assertThat(SnapshotDirectory.scan(root))
        .singleElement()
        .satisfies(
            f -> assertThat(f.read().withheld().reason()).isEqualTo(RejectReason.UNREADABLE));
  }

  @Test
  void aScanVisitsAtMostTheLimitOfEntries() throws IOException {
    for (int i = 1; i <= 3; i++) {
      touch("bus/gtfs_rt_vehicle_positions/" + i + ".pb");
    }
    // root, bus, its kind folder and three files: six entries
    assertThat(SnapshotDirectory.scan(root, 6)).hasSize(3);
    assertThatThrownBy(() -> SnapshotDirectory.scan(root, 5))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("holds more than 5 files and folders, the limit of one scan");
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
