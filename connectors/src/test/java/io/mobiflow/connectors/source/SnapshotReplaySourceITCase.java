package io.mobiflow.connectors.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.connectors.FlinkTests;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.FeedSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replay source on a MiniCluster: fetch-time order across feeds, event-time watermarks, and
 * files it cannot hand on whole emitted as unread snapshots, the replay going on.
 */
class SnapshotReplaySourceITCase {

  @RegisterExtension static final MiniClusterExtension FLINK = FlinkTests.miniCluster();

  @TempDir Path root;

  @Test
  void replaysInFetchTimeOrderWithWatermarksBehindEveryRecord() throws Exception {
    // written out of order, across feeds and kinds; times 100..120 s, one second apart
    long[] times = {117, 103, 111, 100, 120, 108, 105, 114, 102, 119, 101, 110};
    FeedKind[] kinds = {
      FeedKind.GTFS_RT_VEHICLE_POSITIONS, FeedKind.GBFS_STATION_STATUS, FeedKind.COUNTER_CSV
    };
    for (int i = 0; i < times.length; i++) {
      Path file =
          root.resolve(
              SnapshotDirectory.fileOf(
                  "feed-" + (i % 2), kinds[i % 3], Instant.ofEpochSecond(times[i]), "bin"));
      Files.createDirectories(file.getParent());
      Files.write(file, new byte[] {(byte) i});
    }
    StreamExecutionEnvironment env = FlinkTests.environment();
    env.getConfig().setAutoWatermarkInterval(1);

    List<long[]> seen = new ArrayList<>();
    try (CloseableIterator<long[]> it =
        env.fromSource(
                SnapshotReplaySource.of(SnapshotDirectory.scan(root)),
                SnapshotReplaySource.watermarks(),
                "replay")
            .setParallelism(1)
            .process(
                new ProcessFunction<FeedSnapshot, long[]>() {
                  @Override
                  public void processElement(
                      FeedSnapshot snapshot, Context context, Collector<long[]> out) {
                    out.collect(
                        new long[] {
                          context.timestamp(), context.timerService().currentWatermark()
                        });
                  }
                })
            .setParallelism(1)
            .executeAndCollect()) {
      it.forEachRemaining(seen::add);
    }

    long[] sorted = times.clone();
    java.util.Arrays.sort(sorted);
    assertThat(seen).hasSize(times.length);
    for (int i = 0; i < seen.size(); i++) {
      long timestamp = seen.get(i)[0];
      long watermark = seen.get(i)[1];
      assertThat(timestamp).isEqualTo(sorted[i] * 1000);
      assertThat(watermark).isLessThan(timestamp);
      if (i > 0) {
        assertThat(watermark).isGreaterThanOrEqualTo(seen.get(i - 1)[1]);
      }
    }
  }

  /**
   * A file named with 16 digits (its milliseconds overflow Flink's event time: the job failed on
   * it), one over the size limit and one deleted after the scan: each is one unread snapshot at a
   * valid time, and the files after them are read.
   */
  @Test
  void filesThatCannotBeReadWholeAreUnreadSnapshotsAndTheReplayGoesOn() throws Exception {
    Path folder = root.resolve(SnapshotDirectory.folderOf("c", FeedKind.COUNTER_CSV));
    Files.createDirectories(folder);
    Files.write(folder.resolve("100.csv"), new byte[10]);
    Files.write(folder.resolve("200.csv"), new byte[1000]); // over the limit of 100 below
    Files.write(folder.resolve("300.csv"), new byte[10]); // deleted before the replay
    Files.write(folder.resolve("400.csv"), new byte[20]);
    Path sixteen = Files.write(folder.resolve("9999999999999999.csv"), new byte[10]);
    Files.setLastModifiedTime(sixteen, FileTime.from(Instant.ofEpochSecond(250)));
    List<SnapshotFile> files = SnapshotDirectory.scan(root);
    Files.delete(folder.resolve("300.csv"));

    List<String> seen = new ArrayList<>();
    try (CloseableIterator<String> it =
        FlinkTests.environment()
            .fromSource(
                SnapshotReplaySource.of(files, 100), SnapshotReplaySource.watermarks(), "replay")
            .setParallelism(1)
            .map(
                s ->
                    s.source().file()
                        + "@"
                        + s.fetchedAt().getEpochSecond()
                        + " "
                        + (s.withheld() == null
                            ? s.payload().length + " bytes"
                            : s.withheld().reason().name()))
            .setParallelism(1)
            .executeAndCollect()) {
      it.forEachRemaining(seen::add);
    }

    assertThat(seen)
        .containsExactly(
            "100.csv@100 10 bytes",
            "200.csv@200 TOO_LARGE",
            "9999999999999999.csv@250 INVALID_VALUE", // at its modification time
            "300.csv@300 UNREADABLE",
            "400.csv@400 20 bytes");
  }
}
