package io.mobiflow.jobs.kafka;

import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.Rejection;
import io.mobiflow.connectors.kafka.JsonRecordSerializer;
import io.mobiflow.connectors.kafka.RawSnapshotDeserializer;
import io.mobiflow.jobs.config.MobiflowConfig;
import io.mobiflow.jobs.zoneflow.ZoneFlow;
import io.mobiflow.jobs.zoneflow.ZoneFlowJob;
import io.mobiflow.jobs.zoneflow.match.Places;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The zone-flow job in production form: raw topics → the same decoders and matchers as every run
 * ({@link ZoneFlowJob}) → zone indicators and dead letters on Kafka, exactly once (checkpointing
 * on, transactional sinks). Offsets are the consumer group's committed ones, else the earliest.
 */
public final class KafkaZoneFlow {

  private KafkaZoneFlow() {}

  /** The topics the job reads and writes, for the preflight check. */
  public static List<String> topics(MobiflowConfig config) {
    List<String> topics = new ArrayList<>(rawTopics(config));
    topics.add(config.topics().zoneFlows());
    topics.add(config.topics().deadLetters());
    return topics;
  }

  /**
   * Adds the job to {@code env}.
   *
   * @param bounded stop at the offsets that are the latest when the job starts (tests, backfills)
   */
  public static void build(
      StreamExecutionEnvironment env, MobiflowConfig config, Places places, boolean bounded) {
    build(
        env,
        config,
        places,
        bounded,
        new RawSnapshotDeserializer(config.topics().raw()),
        new JsonRecordSerializer<>(config.topics().zoneFlows(), ZoneFlow::zoneId));
  }

  /**
   * As above, with the raw records' deserializer and the indicators' serializer given: tests inject
   * failures through them, on the input side and inside an output transaction.
   */
  static void build(
      StreamExecutionEnvironment env,
      MobiflowConfig config,
      Places places,
      boolean bounded,
      KafkaRecordDeserializationSchema<FeedSnapshot> deserializer,
      KafkaRecordSerializationSchema<ZoneFlow> flowSerializer) {
    env.enableCheckpointing(config.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
    KafkaSourceBuilder<FeedSnapshot> source =
        KafkaSource.<FeedSnapshot>builder()
            .setBootstrapServers(config.kafka().bootstrapServers())
            .setProperties(config.kafka().clientProperties())
            .setTopics(rawTopics(config))
            .setGroupId(config.kafka().consumerGroup())
            .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
            .setDeserializer(deserializer);
    if (bounded) {
      source.setBounded(OffsetsInitializer.latest());
    }
    ZoneFlowJob job =
        new ZoneFlowJob(
            source.build(),
            places,
            KafkaOutputs.exactlyOnce(config, flowSerializer, "zone-flows"),
            KafkaOutputs.exactlyOnce(
                config,
                new JsonRecordSerializer<Rejection>(
                    config.topics().deadLetters(), r -> r.source().feedId()),
                "dead-letters"),
            config.window().length(),
            config.window().outOfOrderness());
    if (config.places().gtfs() != null) {
      job.withTimetable(config.places().gtfs());
    }
    job.build(env);
  }

  private static List<String> rawTopics(MobiflowConfig config) {
    return ZoneFlowJob.FEED_KINDS.stream().map(config.topics().raw()::topicOf).toList();
  }
}
