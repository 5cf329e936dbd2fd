package io.mobiflow.connectors.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.connectors.FlinkTests;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.FeedSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
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

/** The replay source on a MiniCluster: fetch-time order across feeds, and event-time watermarks. */
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
}
