package io.mobiflow.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mobiflow.connectors.FlinkTests;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.client.program.ClusterClient;
import org.apache.flink.test.junit5.InjectClusterClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code checkpoints.state_backend: rocksdb} with incremental checkpoints: the 40 minutes of the
 * demo of {@link SavepointDemo} (every stateful operator: gates, free-flow speeds, stations,
 * departures and headways, windows, suggestions), checkpointing every second on the heap and on
 * RocksDB, write record for record what the uninterrupted run writes; and the savepoint of 0.1,
 * taken on the heap, restores into RocksDB (its POJOs of another layout migrated by RocksDB's
 * rules, D34) and writes what it writes restored on the heap. That the backend really changed is
 * read from the JobManager (its REST API, as the web UI shows it): the backend it loaded for the
 * job, and checkpoints that upload less than the state they hold (incremental) on RocksDB only.
 */
class RocksDbStateITCase {

  @RegisterExtension static final MiniClusterExtension FLINK = FlinkTests.miniCluster();

  private static final String CHECKPOINTS = " {state_backend: %s, interval_seconds: 1}";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path work;

  private static SavepointDemo demo;

  @BeforeAll
  static void demo() throws Exception {
    demo = SavepointDemo.get();
  }

  @Test
  void onRocksDbWithIncrementalCheckpointsTheRunWritesWhatTheHeapWrites(
      @InjectClusterClient ClusterClient<?> flink) throws Exception {
    JobID heap = demo.run(work.resolve("heap"), null, UnaryOperator.identity(), backend("hashmap"));
    JobID rocksDb =
        demo.run(work.resolve("rocksdb"), null, UnaryOperator.identity(), backend("rocksdb"));

    demo.assertWritesWhatTheUninterruptedRunWrites(work.resolve("heap"));
    demo.assertWritesWhatTheUninterruptedRunWrites(work.resolve("rocksdb"));
    Checkpointing onHeap = Checkpointing.of(flink, heap);
    Checkpointing onRocksDb = Checkpointing.of(flink, rocksDb);
    if (onRocksDb.completed() > 0 && onRocksDb.stateBytes() == 0) {
      // Seen on loaded machines, cause not found: the JobManager's statistics give 0 B for every
      // completed RocksDB checkpoint of the run (their files are written). The run once more;
      // statistics without state twice still fail below.
      System.out.printf("RocksDbStateITCase: no state in the statistics of %s; again%n", onRocksDb);
      rocksDb =
          demo.run(
              work.resolve("rocksdb-again"), null, UnaryOperator.identity(), backend("rocksdb"));
      demo.assertWritesWhatTheUninterruptedRunWrites(work.resolve("rocksdb-again"));
      onRocksDb = Checkpointing.of(flink, rocksDb);
    }
    System.out.printf(
        "RocksDbStateITCase (40 min of the demo, parallelism 1):%n%s%n%s%n", onHeap, onRocksDb);
    assertThat(onHeap.backend()).isEqualTo("HashMapStateBackend");
    assertThat(onRocksDb.backend()).isEqualTo("EmbeddedRocksDBStateBackend");
    assertThat(onRocksDb.completed()).as("completed checkpoints").isGreaterThanOrEqualTo(2);
    // full checkpoints upload all the state each time; incremental ones only their new files
    assertThat(onHeap.uploadedBytes()).isEqualTo(onHeap.stateBytes());
    assertThat(onRocksDb.uploadedBytes()).isLessThan(onRocksDb.stateBytes());
  }

  @Test
  void theHeapSavepointOf01RestoresIntoRocksDbAsOnTheHeap(
      @InjectClusterClient ClusterClient<?> flink) throws Exception {
    Path heap = work.resolve("restored-heap");
    Path rocksDb = work.resolve("restored-rocksdb");
    demo.run(heap, demo.savepoint(), UnaryOperator.identity());
    JobID restored =
        demo.run(rocksDb, demo.savepoint(), UnaryOperator.identity(), backend("rocksdb"));

    // Not compared with the uninterrupted run: last-departure of the headways has a
    // processing-time TTL of 3 hours, so restored more than 3 hours after the savepoint was taken
    // (on 2026-12-02) it starts empty, on either backend.
    SavepointDemo.assertSameRecords(rocksDb, heap);
    assertThat(zoneFlows(rocksDb))
        .as("the restored run writes part 2 only")
        .isLessThan(zoneFlows(demo.uninterrupted()));
    Checkpointing checkpointing = Checkpointing.of(flink, restored);
    assertThat(checkpointing.backend()).isEqualTo("EmbeddedRocksDBStateBackend");
    assertThat(checkpointing.restoredFrom()).contains(demo.savepoint().getFileName().toString());
  }

  private static String backend(String name) {
    return CHECKPOINTS.formatted(name);
  }

  /** The zone flows a run wrote. */
  private static long zoneFlows(Path run) throws IOException {
    long lines = 0;
    try (Stream<Path> parts = Files.list(run.resolve("zone-flows"))) {
      for (Path part : parts.toList()) {
        lines += Files.readAllLines(part).size();
      }
    }
    return lines;
  }

  /**
   * A finished job's checkpoints as its JobManager reports them ({@code /jobs/:id/checkpoints}).
   *
   * @param backend the state backend the JobManager loaded for the job
   * @param completed completed checkpoints
   * @param stateBytes the state the completed checkpoints hold, summed
   * @param uploadedBytes what they wrote (an incremental checkpoint: its new files), summed
   * @param meanMillis their mean duration
   * @param restoredFrom the savepoint the job started from, or {@code ""}
   */
  private record Checkpointing(
      String backend,
      long completed,
      long stateBytes,
      long uploadedBytes,
      long meanMillis,
      String restoredFrom) {

    static Checkpointing of(ClusterClient<?> flink, JobID job) throws Exception {
      JsonNode config = rest(flink, "/jobs/" + job + "/checkpoints/config");
      JsonNode statistics = rest(flink, "/jobs/" + job + "/checkpoints");
      long state = 0;
      long uploaded = 0;
      for (JsonNode checkpoint : statistics.path("history")) {
        if (checkpoint.path("status").asText().equals("COMPLETED")) {
          state += checkpoint.path("state_size").asLong();
          uploaded += checkpoint.path("checkpointed_size").asLong();
        }
      }
      return new Checkpointing(
          config.path("state_backend").asText(),
          statistics.path("counts").path("completed").asLong(),
          state,
          uploaded,
          statistics.path("summary").path("end_to_end_duration").path("avg").asLong(),
          statistics.path("latest").path("restored").path("external_path").asText(""));
    }

    private static JsonNode rest(ClusterClient<?> flink, String path) throws Exception {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(flink.getWebInterfaceURL() + path)).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
      return JSON.readTree(response.body());
    }

    @Override
    public String toString() {
      return String.format(
          "  %s: %d checkpoints, state %d B in all, uploaded %d B, mean %d ms",
          backend, completed, stateBytes, uploadedBytes, meanMillis);
    }
  }
}
