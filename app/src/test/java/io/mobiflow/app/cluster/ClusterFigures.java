package io.mobiflow.app.cluster;

import io.mobiflow.jobs.testing.FlinkCluster;
import io.mobiflow.jobs.testing.KafkaBroker;
import io.mobiflow.jobs.zoneflow.SpatialUnit;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointStatistics;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointingStatistics;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The figures of {@code docs/operations.md} and {@code benchmarks/README.md}: the two-hour demo run
 * on the test cluster (a JobManager and two TaskManagers of 2 slots) at parallelism 1, 2 and 4 with
 * each state backend measured, its checkpoints' size and duration from the JobManager's REST API
 * (recovery time and records replayed: {@link ClusterITCase}'s failover line). Not a test (it
 * asserts nothing and takes minutes): run it by name,
 *
 * <pre>
 * mvn -B -pl app -am verify -Dit.test=ClusterFigures -Dtest=none \
 *     -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * and read the table it prints ("cluster figures").
 */
class ClusterFigures {

  private static final List<SpatialUnit> UNITS =
      List.of(
          SpatialUnit.ZONE,
          SpatialUnit.H3,
          SpatialUnit.COUNTER_SITE,
          SpatialUnit.STOP,
          SpatialUnit.ROUTE,
          SpatialUnit.STATION);

  /** The state backends compared: the YAML lines of each in the checkpoints section. */
  private static final Map<String, String[]> BACKENDS =
      Map.of(
          "hashmap",
          new String[0],
          "rocksdb incremental",
          new String[] {"state_backend: rocksdb", "incremental: true"});

  /**
   * The backends measured: RocksDB too once the {@code checkpoints.state_backend} key is in this
   * build (add {@code "rocksdb incremental"}).
   */
  private static final List<String> MEASURED = List.of("hashmap");

  @RegisterExtension
  @Order(1)
  static final KafkaBroker KAFKA = new KafkaBroker();

  @RegisterExtension
  @Order(2)
  static final FlinkCluster FLINK = ClusterITCase.cluster();

  @TempDir static Path dir;

  @Test
  void printFigures() throws Exception {
    ClusterRuns runs = ClusterRuns.prepare(KAFKA, FLINK, dir, 120);
    runs.ingestUntil(Instant.MAX);
    List<String> rows = new ArrayList<>();
    for (String backend : MEASURED) {
      for (int parallelism : List.of(1, 2, 4)) {
        String name = backend.replace(' ', '-') + "-p" + parallelism;
        long start = System.nanoTime();
        JobID job =
            runs.submit(runs.config(name, UNITS, BACKENDS.get(backend)), parallelism, true, null);
        runs.awaitFinished(job);
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        rows.add(row(backend, parallelism, seconds, runs.checkpoints(job)));
        runs.log("figures: " + rows.get(rows.size() - 1));
      }
    }

    StringBuilder table =
        new StringBuilder(
            """
            cluster figures
            | state backend | parallelism | run | checkpoints | state size (avg / max) | checkpointed size (avg of the last 10) | duration (avg / max) |
            |---|---:|---:|---:|---:|---:|---:|
            """);
    rows.forEach(row -> table.append(row).append('\n'));
    System.out.println(table);
  }

  private static String row(
      String backend, int parallelism, long seconds, CheckpointingStatistics stats) {
    CheckpointingStatistics.Summary summary = stats.getSummary();
    long checkpointed = 0;
    int completed = 0;
    for (CheckpointStatistics checkpoint : stats.getHistory()) {
      if (checkpoint instanceof CheckpointStatistics.CompletedCheckpointStatistics) {
        checkpointed += checkpoint.getCheckpointedSize();
        completed++;
      }
    }
    return "| %s | %d | %d s | %d | %s / %s | %s | %d / %d ms |"
        .formatted(
            backend,
            parallelism,
            seconds,
            stats.getCounts().getNumberCompletedCheckpoints(),
            size(summary.getStateSize().getAverage()),
            size(summary.getStateSize().getMaximum()),
            size(completed == 0 ? 0 : checkpointed / completed),
            summary.getDuration().getAverage(),
            summary.getDuration().getMaximum());
  }

  private static String size(long bytes) {
    return bytes < 1 << 20
        ? "%.0f KB".formatted(bytes / 1024.0)
        : "%.1f MB".formatted(bytes / 1024.0 / 1024.0);
  }
}
