package io.mobiflow.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.connectors.sink.JsonLines;
import io.mobiflow.jobs.testing.FlinkCluster;
import io.mobiflow.jobs.testing.FlinkCluster.TaskManager;
import io.mobiflow.jobs.testing.KafkaBroker;
import io.mobiflow.jobs.zoneflow.SpatialUnit;
import io.mobiflow.jobs.zoneflow.ZoneFlow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job jar on a real Flink cluster (a JobManager and two TaskManagers, each its own JVM with
 * only what a Flink distribution provides on its class path) with a real Kafka broker, over two
 * hours of the demo's feeds in the raw topics (two partitions each):
 *
 * <ul>
 *   <li>a TaskManager killed with SIGKILL after a completed checkpoint loses nothing and repeats
 *       nothing: the committed outputs equal, record for record, those of an undisturbed run;
 *   <li>a job stopped with a savepoint after the first hour and started from it as a changed job
 *       (one more spatial unit, the same uids, another parallelism) continues every stateful
 *       indicator: what both wrote equals an uninterrupted run of the changed job.
 * </ul>
 *
 * The reference is one undisturbed run of the changed job at parallelism 1, shared by both tests;
 * the upgrade runs first because it ingests the second hour only after its stop.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ClusterITCase {

  private static final Instant SECOND_HOUR = ClusterRuns.FIRST_HOUR.plus(Duration.ofHours(1));
  private static final List<SpatialUnit> UNITS =
      List.of(
          SpatialUnit.ZONE,
          SpatialUnit.COUNTER_SITE,
          SpatialUnit.STOP,
          SpatialUnit.ROUTE,
          SpatialUnit.STATION);
  private static final SpatialUnit ADDED = SpatialUnit.H3;

  @RegisterExtension
  @Order(1)
  static final KafkaBroker KAFKA = new KafkaBroker();

  @RegisterExtension
  @Order(2)
  static final FlinkCluster FLINK = cluster();

  @TempDir static Path dir;

  private static ClusterRuns runs;
  private static Map<String, List<String>> reference;

  @BeforeAll
  static void firstHourInTheRawTopics() throws Exception {
    runs = ClusterRuns.prepare(KAFKA, FLINK, dir, 120);
    runs.ingestUntil(SECOND_HOUR);
  }

  /** Cancels what a failed test left running, so that the next test has the slots. */
  @AfterEach
  void cancelRunningJobs() throws Exception {
    runs.cancelRunningJobs();
  }

  @Test
  @Order(1)
  void anUpgradeFromASavepointContinuesEveryStatefulIndicator() throws Exception {
    JobID first = runs.submit(runs.config("upgrade", UNITS), 4, false, null);
    runs.awaitConsumed("upgrade", first);
    runs.log("upgrade: first hour consumed at parallelism 4");
    String savepoint = runs.stopWithSavepoint(first, false);
    Map<String, List<String>> part1 = runs.outputs("upgrade", UNITS, "read_committed");
    runs.log("upgrade: stopped with savepoint " + savepoint + ": " + ClusterRuns.counts(part1));
    runs.ingestUntil(Instant.MAX);

    JobID second = runs.submit(runs.config("upgrade", withAdded()), 2, false, savepoint);
    runs.awaitConsumed("upgrade", second);
    assertThat(runs.checkpoints(second).getLatestCheckpoints().getRestoredCheckpointStatistics())
        .as("the changed job started from the savepoint")
        .satisfies(restored -> assertThat(restored.isSavepoint()).isTrue());
    // Drained as a bounded run ends (the end of event time fires the last windows): a job
    // restored from an unbounded run's savepoint keeps its splits' open end, even with --bounded.
    runs.stopWithSavepoint(second, true);
    runs.log("upgrade: the changed job at parallelism 2 consumed the second hour, drained");

    Map<String, List<String>> both = runs.outputs("upgrade", withAdded(), "read_committed");
    Map<String, List<String>> expected = reference();
    for (SpatialUnit unit : UNITS) {
      String output = unit.slug() + "-flows";
      assertThat(both.get(output))
          .as(output + " after the restore")
          .hasSizeGreaterThan(part1.get(output).size());
    }
    for (String output : expected.keySet()) {
      if (!output.equals(ADDED.slug() + "-flows")) {
        OutputMultiset.assertSameRecords(output, expected.get(output), both.get(output));
      }
    }
    // The added unit has no state before the restore: its windows from the second hour on.
    String added = ADDED.slug() + "-flows";
    assertThat(windowsFrom(both.get(added))).isNotEmpty();
    OutputMultiset.assertSameRecords(
        added, windowsFrom(expected.get(added)), windowsFrom(both.get(added)));
  }

  @Test
  @Order(2)
  void aLostTaskManagerLosesNothingAndRepeatsNothing() throws Exception {
    Map<String, List<String>> expected = reference();
    // Unbounded, so that it cannot end before the kill; drained once it has read everything.
    JobID job = runs.submit(runs.config("failover", withAdded()), 4, false, null);
    runs.awaitCheckpoint(job);
    runs.log("failover: a checkpoint completed at parallelism 4");

    TaskManager victim = FLINK.taskManagers().get(0);
    long killedAt = System.currentTimeMillis();
    FLINK.kill(victim);
    FLINK.startTaskManager();
    ClusterRuns.Recovery recovery = runs.awaitRecovery(job, killedAt);
    runs.awaitConsumed("failover", job);
    runs.stopWithSavepoint(job, true);

    Map<String, List<String>> committed = runs.outputs("failover", withAdded(), "read_committed");
    Map<String, List<String>> uncommitted =
        runs.outputs("failover", withAdded(), "read_uncommitted");
    int aborted = 0;
    for (String output : expected.keySet()) {
      aborted += uncommitted.get(output).size() - committed.get(output).size();
    }
    runs.log(
        "failover: finished; TaskManager pid %d killed: RUNNING again after %d ms, first checkpoint after the restore (from checkpoint %d) completed %d ms after the kill; %d output records replayed (written in transactions the failover aborted, and written again)"
            .formatted(
                victim.pid(),
                recovery.runningMillis(),
                recovery.restored(),
                recovery.checkpointMillis(),
                aborted));

    for (String output : expected.keySet()) {
      OutputMultiset.assertSameRecords(output, expected.get(output), committed.get(output));
    }
    // The assertion sees what a failover can do wrong: the aborted transactions' records are
    // extra copies in the uncommitted view, and a record taken out is missing.
    int extra = 0;
    for (String output : expected.keySet()) {
      OutputMultiset.Differences view =
          OutputMultiset.differences(expected.get(output), uncommitted.get(output));
      assertThat(view.missing()).as(output).isZero();
      extra += view.extra();
    }
    assertThat(extra).as("extra copies in the read_uncommitted view").isEqualTo(aborted);
    List<String> zones = new ArrayList<>(committed.get("zone-flows"));
    String dropped = zones.remove(zones.size() / 2);
    long copies = expected.get("zone-flows").stream().filter(dropped::equals).count();
    assertThat(OutputMultiset.differences(expected.get("zone-flows"), zones).records())
        .containsExactly(new OutputMultiset.Difference(dropped, (int) copies, (int) copies - 1));
  }

  /**
   * The test cluster, with a heartbeat timeout and restarts for two busy cores: the harness's 4 s
   * took live TaskManagers for dead there (restarts before the kill), and with 30 s its 20 restarts
   * 500 ms apart ran out while the killed one still counted as alive (deployments to it failed). 10
   * s, and restarts with a growing delay that never give up.
   */
  static FlinkCluster cluster() {
    return new FlinkCluster()
        .with("heartbeat.timeout", "10 s")
        .with("restart-strategy.type", "exponential-delay")
        .with("restart-strategy.exponential-delay.initial-backoff", "500 ms")
        .with("restart-strategy.exponential-delay.max-backoff", "5 s");
  }

  /** The undisturbed run of the changed job at parallelism 1, over both hours, once. */
  private static synchronized Map<String, List<String>> reference() throws Exception {
    if (reference == null) {
      runs.ingestUntil(Instant.MAX);
      JobID job = runs.submit(runs.config("reference", withAdded()), 1, true, null);
      runs.awaitFinished(job);
      reference = runs.outputs("reference", withAdded(), "read_committed");
      runs.log("reference at parallelism 1: " + ClusterRuns.counts(reference));
    }
    return reference;
  }

  private static List<SpatialUnit> withAdded() {
    List<SpatialUnit> units = new ArrayList<>(UNITS);
    units.add(ADDED);
    return units;
  }

  /** The records of windows starting in the second hour or later. */
  private static List<String> windowsFrom(List<String> records) {
    return records.stream().filter(r -> !windowStart(r).isBefore(SECOND_HOUR)).toList();
  }

  private static Instant windowStart(String record) {
    try {
      return JsonLines.MAPPER
          .readValue(record.substring(record.indexOf('{')), ZoneFlow.class)
          .windowStart();
    } catch (IOException e) {
      throw new UncheckedIOException(record, e);
    }
  }
}
