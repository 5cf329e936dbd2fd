package io.mobiflow.jobs.kafka;

import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.kafka.JsonRecordSerializer;
import io.mobiflow.connectors.kafka.RawSnapshotSerializer;
import io.mobiflow.connectors.source.http.HttpPollingSource;
import io.mobiflow.connectors.source.http.PollHealth;
import io.mobiflow.connectors.source.http.PollResult;
import io.mobiflow.jobs.config.MobiflowConfig;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The feed bridge: polls the configured live feeds (the FLIP-27 HTTP source) and publishes each new
 * document to its raw topic, and every poll's health to the health topic, with idempotent
 * producers.
 */
public final class KafkaIngest {

  private KafkaIngest() {}

  /** The topics the bridge writes, for the preflight check. */
  public static List<String> topics(MobiflowConfig config) {
    List<String> topics = new ArrayList<>();
    config.feeds().forEach(f -> topics.add(config.topics().raw().topicOf(f.kind())));
    topics.add(config.topics().feedHealth());
    return topics.stream().distinct().toList();
  }

  /**
   * Adds the bridge to {@code env}.
   *
   * @param polls polls per feed before stopping, or {@link Long#MAX_VALUE} to run until stopped
   */
  public static void build(StreamExecutionEnvironment env, MobiflowConfig config, long polls) {
    if (config.feeds().isEmpty()) {
      throw new IllegalArgumentException(
          config.file() + ": key 'feeds' is missing: nothing to ingest");
    }
    env.enableCheckpointing(
        config.checkpoints().interval().toMillis(), CheckpointingMode.AT_LEAST_ONCE);
    DataStream<PollResult> polled =
        env.fromSource(
                polls == Long.MAX_VALUE
                    ? HttpPollingSource.live(config.feeds())
                    : HttpPollingSource.bounded(config.feeds(), polls),
                WatermarkStrategy.noWatermarks(),
                "live feeds",
                TypeInformation.of(PollResult.class))
            .uid("live-feeds");
    polled
        .filter(result -> result.snapshot() != null)
        .name("new documents")
        .uid("new-documents")
        .map(PollResult::snapshot, TypeInformation.of(FeedSnapshot.class))
        .name("snapshots")
        .uid("snapshots")
        .sinkTo(KafkaOutputs.idempotent(config, new RawSnapshotSerializer(config.topics().raw())))
        .name("raw topics")
        .uid("raw-topics-sink");
    polled
        .map(PollResult::health, TypeInformation.of(PollHealth.class))
        .name("feed health")
        .uid("feed-health")
        .sinkTo(
            KafkaOutputs.idempotent(
                config,
                new JsonRecordSerializer<PollHealth>(
                    config.topics().feedHealth(), PollHealth::feedId)))
        .name("feed health topic")
        .uid("feed-health-sink");
  }
}
