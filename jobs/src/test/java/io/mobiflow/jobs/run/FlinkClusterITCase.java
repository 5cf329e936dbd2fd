package io.mobiflow.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mobiflow.jobs.testing.FlinkCluster;
import io.mobiflow.jobs.testing.FlinkCluster.TaskManager;
import io.mobiflow.jobs.testing.PrometheusScrape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.rest.messages.taskmanager.TaskManagerInfo;
import org.junit.jupiter.api.Test;

/**
 * The test cluster itself: a JobManager and two TaskManagers, separate JVMs, register 4 slots and
 * serve their metrics on ports of their own; a TaskManager killed with SIGKILL is noticed and a new
 * one takes its place; and after a failed assertion the cleanup leaves no process alive and no
 * folder.
 */
class FlinkClusterITCase {

  @Test
  void twoTaskManagersRegisterAKilledOneIsReplacedAndAFailureLeavesNothingBehind()
      throws Exception {
    FlinkCluster cluster = new FlinkCluster();
    long start = System.nanoTime();
    cluster.beforeAll(null);
    System.out.printf("cluster up with 2 TaskManagers in %d ms%n", millisSince(start));
    Path dir = cluster.dir();
    List<ProcessHandle> processes = new ArrayList<>();
    try {
      assertThat(dir).startsWith(Path.of("target").toAbsolutePath());
      assertThat(dir.resolve("conf/config.yaml")).content().contains("heartbeat.timeout: 4 s");
      assertThat(cluster.restAddress()).startsWith("http://127.0.0.1:");
      assertThat(resourceIds(cluster)).containsExactlyInAnyOrder("taskmanager-1", "taskmanager-2");
      assertThat(cluster.taskManagerInfos()).allMatch(tm -> tm.getNumberSlots() == 2);
      cluster.awaitSlots(4);
      // each process's Prometheus reporter, on its own port: the JobManager counts two
      // TaskManagers, each TaskManager's metrics are its own
      assertThat(
              PrometheusScrape.of(List.of(cluster.jobManagerMetrics()))
                  .sum("flink_jobmanager_numRegisteredTaskManagers", Map.of()))
          .isEqualTo(2);
      for (TaskManager taskManager : cluster.taskManagers()) {
        assertThat(PrometheusScrape.of(List.of(taskManager.metrics())).samples())
            .isNotEmpty()
            .allSatisfy(
                sample ->
                    assertThat(sample.labels())
                        .containsEntry("tm_id", taskManager.name().replace('-', '_')));
      }

      TaskManager first = cluster.taskManagers().get(0);
      long pid = first.pid();
      assertThat(ProcessHandle.of(pid)).isPresent();
      long kill = System.nanoTime();
      cluster.kill(first);
      assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
      cluster.awaitTaskManagers(1);
      System.out.printf("killed TaskManager noticed in %d ms%n", millisSince(kill));
      assertThat(resourceIds(cluster)).containsExactly("taskmanager-2");

      long replace = System.nanoTime();
      TaskManager third = cluster.startTaskManager();
      cluster.awaitSlots(4);
      System.out.printf("new TaskManager registered in %d ms%n", millisSince(replace));
      assertThat(third.name()).isEqualTo("taskmanager-3");
      assertThat(resourceIds(cluster)).containsExactlyInAnyOrder("taskmanager-2", "taskmanager-3");

      processes.add(cluster.jobManager().toHandle());
      cluster.taskManagers().forEach(tm -> processes.add(tm.process().toHandle()));
      assertThat(processes).filteredOn(ProcessHandle::isAlive).hasSize(3);
      // A test body failing here must not leave the cluster behind.
      assertThatThrownBy(() -> assertThat(cluster.taskManagerInfos()).hasSize(5))
          .isInstanceOf(AssertionError.class);
    } finally {
      cluster.afterAll(null);
    }
    assertThat(processes).hasSize(4).noneMatch(ProcessHandle::isAlive);
    assertThat(dir).doesNotExist();
    assertThat(cluster.dir()).isNull();
    assertThat(Files.exists(dir.getParent())).isTrue();
  }

  private static List<String> resourceIds(FlinkCluster cluster) throws Exception {
    return cluster.taskManagerInfos().stream()
        .map(TaskManagerInfo::getResourceId)
        .map(Object::toString)
        .toList();
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }
}
