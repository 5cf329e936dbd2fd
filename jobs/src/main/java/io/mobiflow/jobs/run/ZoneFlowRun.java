package io.mobiflow.jobs.run;

import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.Rejection;
import io.mobiflow.connectors.kafka.JsonRecordSerializer;
import io.mobiflow.connectors.kafka.RawSnapshotDeserializer;
import io.mobiflow.connectors.sink.JsonLinesFileSink;
import io.mobiflow.connectors.source.SnapshotDirectory;
import io.mobiflow.connectors.source.SnapshotFile;
import io.mobiflow.connectors.source.SnapshotReplaySource;
import io.mobiflow.jobs.config.MobiflowConfig;
import io.mobiflow.jobs.kafka.KafkaOutputs;
import io.mobiflow.jobs.store.FlowStore;
import io.mobiflow.jobs.store.FlowStores;
import io.mobiflow.jobs.suggest.Suggestion;
import io.mobiflow.jobs.zoneflow.SpatialUnit;
import io.mobiflow.jobs.zoneflow.ZoneFlow;
import io.mobiflow.jobs.zoneflow.ZoneFlowJob;
import io.mobiflow.jobs.zoneflow.match.Places;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The zone-flow job as {@code mobiflow run} configures it: from the raw topics (offsets: the
 * consumer group's committed ones, else the earliest) or from recorded snapshots and feed files,
 * through the same decoders and matchers as every run ({@link ZoneFlowJob}), to the Kafka topics
 * exactly once (checkpoints and transactional sinks) or to JSON-lines files.
 */
public final class ZoneFlowRun {

  private ZoneFlowRun() {}

  /** The Kafka topics the run reads and writes, for the preflight check (empty: no Kafka). */
  public static List<String> topics(MobiflowConfig config) {
    List<String> topics = new ArrayList<>();
    if (config.readsKafka()) {
      topics.addAll(rawTopics(config));
    }
    if (config.writesKafka()) {
      config.outputs().units().forEach(unit -> topics.add(config.topics().flows(unit)));
      topics.add(config.topics().deadLetters());
      if (config.suggestions() != null) {
        topics.add(config.topics().suggestions());
      }
    }
    return topics;
  }

  /**
   * Adds the job to {@code env}.
   *
   * @param bounded stop at the offsets that are the latest when the job starts (tests, backfills)
   */
  public static void build(
      StreamExecutionEnvironment env, MobiflowConfig config, Places places, boolean bounded)
      throws IOException {
    build(
        env,
        config,
        places,
        bounded,
        new RawSnapshotDeserializer(config.topics().raw()),
        new JsonRecordSerializer<>(config.topics().zoneFlows(), ZoneFlow::unitId));
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
      KafkaRecordSerializationSchema<ZoneFlow> flowSerializer)
      throws IOException {
    FlowStore store =
        config.outputs().flowTables() == null
            ? null
            : FlowStores.open(config.outputs().flowTables());
    if (config.readsKafka() || config.writesKafka() || store != null) {
      // Kafka transactions and flow-table upserts commit at checkpoints
      env.enableCheckpointing(
          config.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
      env.configure(checkpointStorage(config.checkpointDir()));
    }
    Source<FeedSnapshot, ?, ?> source =
        config.readsKafka() ? kafkaSource(config, bounded, deserializer) : replay(config.sources());
    Map<SpatialUnit, Sink<ZoneFlow>> flowSinks = new EnumMap<>(SpatialUnit.class);
    Sink<Rejection> deadLetterSink;
    Sink<Suggestion> suggestionSink;
    if (config.writesKafka()) {
      for (SpatialUnit unit : config.outputs().units()) {
        flowSinks.put(
            unit,
            KafkaOutputs.exactlyOnce(
                config,
                unit == SpatialUnit.ZONE
                    ? flowSerializer
                    : new JsonRecordSerializer<>(config.topics().flows(unit), ZoneFlow::unitId),
                unit.slug() + "-flows"));
      }
      deadLetterSink =
          KafkaOutputs.exactlyOnce(
              config,
              new JsonRecordSerializer<Rejection>(
                  config.topics().deadLetters(), r -> r.source().feedId()),
              "dead-letters");
      suggestionSink =
          KafkaOutputs.exactlyOnce(
              config,
              new JsonRecordSerializer<>(config.topics().suggestions(), Suggestion::id),
              "suggestions");
    } else {
      MobiflowConfig.Outputs outputs = config.outputs();
      for (SpatialUnit unit :
          outputs.jsonLines() != null ? outputs.units() : outputs.flowTableUnits()) {
        flowSinks.put(
            unit,
            outputs.jsonLines() != null
                ? new JsonLinesFileSink<>(outputs.jsonLines().resolve(unit.slug() + "-flows"))
                : store.sink(config.retention().flowTables()));
      }
      MobiflowConfig.Retention retention = config.retention();
      deadLetterSink =
          new JsonLinesFileSink<>(
              outputs.sideFiles().resolve("dead-letters"), retention.deadLetters());
      suggestionSink =
          new JsonLinesFileSink<>(
              outputs.sideFiles().resolve("suggestions"), retention.suggestions());
    }
    if (store != null) {
      store.prepare(places.zones());
    }
    ZoneFlowJob job =
        new ZoneFlowJob(
            source,
            places,
            flowSinks.remove(SpatialUnit.ZONE),
            deadLetterSink,
            config.window().length(),
            config.window().outOfOrderness());
    job.slidingEvery(config.window().slide())
        .allowedLateness(config.window().allowedLateness())
        .h3Resolution(config.window().h3Resolution())
        .eventTimeBounds(config.limits().eventTimes())
        .privacy(config.privacy());
    flowSinks.forEach(job::withUnitSink);
    if (store != null && config.outputs().jsonLines() != null) {
      job.withFlowTable(
          store.sink(config.retention().flowTables()),
          config.outputs().flowTableUnits()); // besides the JSON lines
    }
    if (config.places().gtfs() != null) {
      job.withTimetable(config.places().gtfs());
    }
    if (config.suggestions() != null) {
      job.withSuggestions(suggestionSink, config.places().gtfs(), config.suggestions());
    }
    job.build(env);
  }

  /**
   * File system checkpoint storage in {@code dir}: the JobManager's memory storage (Flink's
   * default) refuses a task's state over 5 MB, which the suggestions' waiting updates and the
   * windows of a busy network pass.
   */
  public static Configuration checkpointStorage(Path dir) {
    Configuration storage = new Configuration();
    storage.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
    storage.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir.toUri().toString());
    return storage;
  }

  private static Source<FeedSnapshot, ?, ?> kafkaSource(
      MobiflowConfig config,
      boolean bounded,
      KafkaRecordDeserializationSchema<FeedSnapshot> deserializer) {
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
    return source.build();
  }

  private static Source<FeedSnapshot, ?, ?> replay(MobiflowConfig.Sources sources)
      throws IOException {
    return SnapshotReplaySource.of(replayFiles(sources));
  }

  /** The snapshot directory and the single files, in fetch-time order (files: their mtime). */
  public static List<SnapshotFile> replayFiles(MobiflowConfig.Sources sources) throws IOException {
    List<SnapshotFile> files = new ArrayList<>();
    if (sources.snapshots() != null) {
      files.addAll(SnapshotDirectory.scan(sources.snapshots()));
    }
    for (MobiflowConfig.FileSource file : sources.files()) {
      files.add(
          new SnapshotFile(
              file.path().toAbsolutePath().toString(),
              file.feedId(),
              file.kind(),
              Files.getLastModifiedTime(file.path()).toInstant()));
    }
    files.sort(Comparator.comparing(SnapshotFile::fetchedAt));
    return files;
  }

  private static List<String> rawTopics(MobiflowConfig config) {
    return ZoneFlowJob.FEED_KINDS.stream().map(config.topics().raw()::topicOf).toList();
  }
}
