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
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * How wide the job runs, as the job jar's entry point ({@link ZoneFlowMain#pipeline}) builds it
 * from a configuration on a real broker: {@code job.parallelism} replaces the environment's (the
 * client's) parallelism only when it is configured; the Kafka source reads with one task per
 * partition of the raw topics, at most the job's parallelism, unless {@code
 * kafka.source_parallelism} says otherwise. The raw topics have 1, 2, 3, ... partitions, so their
 * sum names no other count. Built without asking the brokers, the source reads with the job's
 * parallelism.
 */
class ParallelismConfigurationITCase {

  @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

  private static final String RAW_PREFIX = "parallelism-raw.";
  private static final Places PLACES =
      new Places(List.of(ReplayRun.box("Z", 0, 0, 1, 1)), List.of(), List.of(), List.of());

  /** The raw topics' partitions together, as created. */
  private static int partitions;

  @TempDir static Path dir;

  @BeforeAll
  static void topics() throws Exception {
    List<String> raw = new ArrayList<>();
    for (int i = 0; i < ZoneFlowJob.FEED_KINDS.size(); i++) {
      FeedKind kind = ZoneFlowJob.FEED_KINDS.get(i);
      raw.add(new RawTopics(RAW_PREFIX).topicOf(kind));
      KAFKA.createTopics(List.of(raw.get(i)), i + 1);
      partitions += i + 1;
    }
    Files.writeString(dir.resolve("zones.geojson"), "{}");
    List<String> outputs = new ArrayList<>(ZoneFlowPipeline.topics(config(0, 0)));
    outputs.removeAll(raw);
    KAFKA.createTopics(outputs, 1);
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
  void withoutThePartitionsTheSourceHasTheJobsParallelism() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(64);
    ZoneFlowPipeline.builder(config(0, 0)).places(PLACES).build(env);

    assertThat(parallelism(env.getStreamGraph(), "feed-snapshots")).isEqualTo(64);
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
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(environmentParallelism);
    ZoneFlowMain.pipeline(config(sourceParallelism, jobParallelism), PLACES, false).build(env);
    return env.getStreamGraph();
  }

  private static MobiflowConfig config(int sourceParallelism, int jobParallelism) throws Exception {
    return ConfigLoader.load(
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
  }

  private static int parallelism(StreamGraph graph, String uid) {
    return graph.getStreamNodes().stream()
        .filter(node -> uid.equals(node.getTransformationUID()))
        .mapToInt(StreamNode::getParallelism)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no operator " + uid));
  }
}
