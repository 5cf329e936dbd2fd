package io.mobiflow.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.kafka.RawTopics;
import io.mobiflow.jobs.config.ConfigLoader;
import io.mobiflow.jobs.config.MobiflowConfig;
import io.mobiflow.jobs.testing.KafkaBroker;
import io.mobiflow.jobs.testing.ReplayRun;
import io.mobiflow.jobs.zoneflow.ZoneFlowJob;
import io.mobiflow.jobs.zoneflow.match.Places;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * How wide the job runs, as {@link ZoneFlowPipeline} builds it from a configuration on a real
 * broker: {@code job.parallelism} replaces the environment's (the client's) parallelism only when
 * it is configured; the Kafka source reads with one task per partition of the raw topics, at most
 * the job's parallelism, unless {@code kafka.source_parallelism} says otherwise. The raw topics
 * have 1, 2, 3, ... partitions, so their sum names no other count.
 */
class ParallelismConfigurationITCase {

  @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

  private static final String RAW_PREFIX = "parallelism-raw.";

  /** The raw topics' partitions together, as created. */
  private static int partitions;

  @TempDir static Path dir;

  @BeforeAll
  static void rawTopics() throws Exception {
    for (int i = 0; i < ZoneFlowJob.FEED_KINDS.size(); i++) {
      FeedKind kind = ZoneFlowJob.FEED_KINDS.get(i);
      KAFKA.createTopics(List.of(new RawTopics(RAW_PREFIX).topicOf(kind)), i + 1);
      partitions += i + 1;
    }
    Files.writeString(dir.resolve("zones.geojson"), "{}");
  }

  @Test
  void theSourceHasOneTaskPerPartitionUpToTheJobsParallelism() throws Exception {
    assertThat(partitions).isGreaterThan(4);

    StreamGraph wide = build(0, 0, 64);
    assertThat(parallelism(wide, "feed-snapshots")).isEqualTo(partitions);
    assertThat(parallelism(wide, "zone-flow-window")).isEqualTo(64);

    StreamGraph narrow = build(0, 0, 4);
    assertThat(parallelism(narrow, "feed-snapshots")).isEqualTo(4);
  }

  @Test
  void aConfiguredSourceParallelismIsTakenAsGiven() throws Exception {
    StreamGraph graph = build(3, 0, 2);

    assertThat(parallelism(graph, "feed-snapshots")).isEqualTo(3);
    assertThat(parallelism(graph, "zone-flow-window")).isEqualTo(2);
  }

  @Test
  void aConfiguredJobParallelismReplacesTheEnvironmentsAndBoundsTheSource() throws Exception {
    StreamGraph graph = build(0, 3, 2);

    assertThat(parallelism(graph, "zone-flow-window")).isEqualTo(3);
    assertThat(parallelism(graph, "feed-snapshots")).isEqualTo(3);
  }

  /**
   * The job of the raw topics into Kafka with these keys (0: the default) on an environment of
   * {@code environmentParallelism}, as a client gives it.
   */
  private static StreamGraph build(
      int sourceParallelism, int jobParallelism, int environmentParallelism) throws Exception {
    MobiflowConfig config =
        ConfigLoader.load(
            Files.writeString(
                dir.resolve("run.yaml"),
                """
                kafka: {bootstrap_servers: "%s", source_parallelism: %d}
                topics: {raw_prefix: %s}
                places: {zones: zones.geojson}
                job: {parallelism: %d}
                """
                    .formatted(
                        KAFKA.bootstrapServers(), sourceParallelism, RAW_PREFIX, jobParallelism)));
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(environmentParallelism);
    ZoneFlowPipeline.builder(config)
        .places(
            new Places(List.of(ReplayRun.box("Z", 0, 0, 1, 1)), List.of(), List.of(), List.of()))
        .build(env);
    return env.getStreamGraph();
  }

  private static int parallelism(StreamGraph graph, String uid) {
    return graph.getStreamNodes().stream()
        .filter(node -> uid.equals(node.getTransformationUID()))
        .mapToInt(StreamNode::getParallelism)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no operator " + uid));
  }
}
