package io.mobiflow.jobs.run;

import io.mobiflow.connectors.common.DeadLetterRedaction;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.Rejection;
import io.mobiflow.connectors.kafka.JsonRecordSerializer;
import io.mobiflow.connectors.kafka.RawSnapshotDeserializer;
import io.mobiflow.connectors.sink.JsonLinesFileSink;
import io.mobiflow.connectors.source.SnapshotDirectory;
import io.mobiflow.connectors.source.SnapshotFile;
import io.mobiflow.connectors.source.SnapshotReplaySource;
import io.mobiflow.jobs.config.MobiflowConfig;
import io.mobiflow.jobs.config.PlacesLoader;
import io.mobiflow.jobs.kafka.KafkaOutputs;
import io.mobiflow.jobs.store.FlowStore;
import io.mobiflow.jobs.store.FlowStores;
import io.mobiflow.jobs.suggest.Suggestion;
import io.mobiflow.jobs.suggest.operators.SuggestionBranch;
import io.mobiflow.jobs.zoneflow.SpatialUnit;
import io.mobiflow.jobs.zoneflow.ZoneFlow;
import io.mobiflow.jobs.zoneflow.ZoneFlowJob;
import io.mobiflow.jobs.zoneflow.functions.DeadLetterCounts;
import io.mobiflow.jobs.zoneflow.match.Places;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The zone-flow job as a configuration describes it, the one way every run wires it ({@code
 * mobiflow run}, the job jar's entry point, the demo, the benchmarks): from the raw topics
 * (offsets: the consumer group's committed ones, else the earliest) or from recorded snapshots and
 * feed files, through the {@link ZoneFlowJob}, the {@link SuggestionBranch} when suggestions are
 * configured, to the Kafka topics exactly once (checkpoints and transactional sinks) or to JSON
 * lines and the flow tables. Dead letters of every operator are redacted, counted and written. The
 * state lives in the configured backend (heap or RocksDB) and is checkpointed to the configured
 * folder or URL; the job runs at {@code job.parallelism} (else the environment's), the Kafka source
 * with one reader per raw partition (at most the job's parallelism) unless configured.
 *
 * <pre>{@code
 * ZoneFlowPipeline.builder(config).bounded(true).build(env);
 * }</pre>
 *
 * A builder's overrides replace what the configuration says for one part (the places, the source,
 * one sink), for tests and benchmarks; the operators and their uids stay those of every run.
 */
public final class ZoneFlowPipeline {

  private ZoneFlowPipeline() {}

  /** A pipeline of {@code config}, as it says; override parts before {@link Builder#build}. */
  public static Builder builder(MobiflowConfig config) {
    return new Builder(config);
  }

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

  /**
   * The state backend of {@code checkpoints} (with its incremental checkpoints, RocksDB only) and
   * the savepoints' default folder: what the job's state is kept in, whether or not it checkpoints.
   */
  public static Configuration stateBackend(MobiflowConfig.Checkpoints checkpoints) {
    Configuration state = new Configuration();
    state.set(StateBackendOptions.STATE_BACKEND, checkpoints.stateBackend().flinkName());
    state.set(
        CheckpointingOptions.INCREMENTAL_CHECKPOINTS,
        checkpoints.incremental()
            && checkpoints.stateBackend() == MobiflowConfig.StateBackend.ROCKSDB);
    if (checkpoints.savepointDir() != null) {
      state.set(CheckpointingOptions.SAVEPOINT_DIRECTORY, checkpoints.savepointDir().toString());
    }
    return state;
  }

  /**
   * File system checkpoint storage in the checkpoints' folder or URL: the JobManager's memory
   * storage (Flink's default) refuses a task's state over 5 MB, which the suggestions' waiting
   * updates and the windows of a busy network pass.
   */
  public static Configuration checkpointStorage(MobiflowConfig.Checkpoints checkpoints) {
    Configuration storage = new Configuration();
    storage.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
    storage.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.dir().toString());
    return storage;
  }

  /** The raw topics the job reads, one per feed kind it decodes. */
  public static List<String> rawTopics(MobiflowConfig config) {
    return ZoneFlowJob.FEED_KINDS.stream().map(config.topics().raw()::topicOf).toList();
  }

  /** Builds the pipeline of one configuration into an environment. */
  public static final class Builder {

    private final MobiflowConfig config;
    private Places places;
    private Source<FeedSnapshot, ?, ?> source;
    private final Map<SpatialUnit, Sink<ZoneFlow>> flowSinks = new EnumMap<>(SpatialUnit.class);
    private Sink<ZoneFlow> flowTableSink;
    private Sink<Rejection> deadLetterSink;
    private Sink<Suggestion> suggestionSink;
    private boolean bounded;
    private int rawPartitions;
    private KafkaRecordDeserializationSchema<FeedSnapshot> rawDeserializer;
    private KafkaRecordSerializationSchema<ZoneFlow> flowSerializer;
    private UnaryOperator<ZoneFlowJob> jobChange = UnaryOperator.identity();

    private Builder(MobiflowConfig config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    /** These places instead of those the configuration's files hold. */
    public Builder places(Places places) {
      this.places = Objects.requireNonNull(places, "places");
      return this;
    }

    /** This source instead of the raw topics or the configured snapshots and files. */
    public Builder source(Source<FeedSnapshot, ?, ?> source) {
      this.source = Objects.requireNonNull(source, "source");
      return this;
    }

    /**
     * The indicators of {@code unit} into {@code sink} instead of the configured output; a unit the
     * configuration does not list is computed for it.
     */
    public Builder flowSink(SpatialUnit unit, Sink<ZoneFlow> sink) {
      flowSinks.put(Objects.requireNonNull(unit, "unit"), Objects.requireNonNull(sink, "sink"));
      return this;
    }

    /** The flow tables' rows (beside JSON lines) into {@code sink} instead of the flow tables. */
    public Builder flowTableSink(Sink<ZoneFlow> sink) {
      this.flowTableSink = Objects.requireNonNull(sink, "sink");
      return this;
    }

    /** The dead letters into {@code sink} instead of the configured output. */
    public Builder deadLetterSink(Sink<Rejection> sink) {
      this.deadLetterSink = Objects.requireNonNull(sink, "sink");
      return this;
    }

    /** The suggestions (when configured) into {@code sink} instead of the configured output. */
    public Builder suggestionSink(Sink<Suggestion> sink) {
      this.suggestionSink = Objects.requireNonNull(sink, "sink");
      return this;
    }

    /**
     * Whether the raw topics are read up to the offsets that are the latest when the job starts
     * (tests, backfills), rather than for ever. Default: not bounded.
     */
    public Builder bounded(boolean bounded) {
      this.bounded = bounded;
      return this;
    }

    /**
     * The partitions of the raw topics together ({@link
     * io.mobiflow.jobs.kafka.KafkaPreflight#partitions}): the Kafka source then reads with one task
     * per partition, at most the job's parallelism, unless {@code kafka.source_parallelism} is
     * configured. Unknown (not given), it reads with the job's parallelism.
     */
    public Builder rawPartitions(int partitions) {
      if (partitions < 1) {
        throw new IllegalArgumentException("raw partitions " + partitions + " < 1");
      }
      this.rawPartitions = partitions;
      return this;
    }

    /** The raw records' deserializer: tests inject failures on the input side through it. */
    Builder rawDeserializer(KafkaRecordDeserializationSchema<FeedSnapshot> deserializer) {
      this.rawDeserializer = Objects.requireNonNull(deserializer, "deserializer");
      return this;
    }

    /** The zone indicators' serializer: tests inject failures inside an output transaction. */
    Builder flowSerializer(KafkaRecordSerializationSchema<ZoneFlow> serializer) {
      this.flowSerializer = Objects.requireNonNull(serializer, "serializer");
      return this;
    }

    /**
     * The job changed by {@code change} before it is built: tests lay its window sums out as
     * another build would ({@code OtherDeclarations}).
     */
    Builder job(UnaryOperator<ZoneFlowJob> change) {
      this.jobChange = Objects.requireNonNull(change, "change");
      return this;
    }

    /**
     * Adds the pipeline's operators to {@code env}, and checkpoints when what it reads or writes as
     * configured needs them (Kafka offsets and transactions, flow-table upserts commit at
     * checkpoints; JSON lines are flushed at them). Opens the flow tables (creating what is
     * missing) when it writes them.
     */
    public void build(StreamExecutionEnvironment env) throws IOException {
      Places places = this.places != null ? this.places : PlacesLoader.load(config);
      Source<FeedSnapshot, ?, ?> source = this.source;
      if (source == null) {
        source =
            config.readsKafka()
                ? kafkaSource()
                : SnapshotReplaySource.of(replayFiles(config.sources()));
      }
      Sinks sinks = sinks(places);
      if (config.parallelism() > 0) {
        env.setParallelism(config.parallelism());
      }
      env.configure(stateBackend(config.checkpoints()));
      if ((this.source == null && config.readsKafka()) || sinks.configured()) {
        env.enableCheckpointing(
            config.checkpoints().interval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        env.configure(checkpointStorage(config.checkpoints()));
      }

      Set<SpatialUnit> tabled =
          sinks.flowTable() == null ? Set.of() : config.outputs().flowTableUnits();
      Set<SpatialUnit> units = EnumSet.copyOf(sinks.flows().keySet());
      units.addAll(tabled);
      if (config.suggestions() != null) {
        units.addAll(SuggestionBranch.UNITS);
      }
      ZoneFlowJob job = new ZoneFlowJob(source, places, settings(units));
      if (this.source == null && config.readsKafka()) {
        job.sourceParallelism(kafkaReaders(env));
      }
      ZoneFlowJob.Streams streams = jobChange.apply(job).build(env);

      DataStream<ZoneFlow> flows = streams.flows();
      if (units.size() == 1) { // only zones: no unit to filter out
        flows.sinkTo(sinks.flows().get(SpatialUnit.ZONE)).name("zone flows").uid("zone-flow-sink");
      } else {
        sinks.flows().forEach((unit, sink) -> sinkUnit(flows, unit, sink));
      }
      if (sinks.flowTable() != null) {
        flows
            .filter(flow -> tabled.contains(flow.unit()))
            .name("flows for the flow tables")
            .uid("flow-table-flows")
            .sinkTo(sinks.flowTable())
            .name("flow tables")
            .uid("flow-table-sink");
      }
      DataStream<Rejection> deadLetters = streams.deadLetters();
      if (config.suggestions() != null) {
        SuggestionBranch suggestions =
            new SuggestionBranch(
                config.places().gtfs(), places, config.suggestions(), config.privacy().hash());
        deadLetters = deadLetters.union(suggestions.addTo(streams, sinks.suggestions()));
      }
      DeadLetterRedaction redaction = config.privacy().deadLetters();
      deadLetters
          .map(redaction::redact, TypeInformation.of(Rejection.class))
          .name("dead letters redacted")
          .uid("dead-letter-redaction")
          .map(new DeadLetterCounts(), TypeInformation.of(Rejection.class))
          .name("dead letters per reason")
          .uid("dead-letter-counts")
          .sinkTo(sinks.deadLetters())
          .name("dead letters")
          .uid("dead-letter-sink");
    }

    /**
     * Where the pipeline writes: each part given to the builder, else where the configuration says:
     * the Kafka topics, or JSON lines and the flow tables beside them, or the flow tables alone
     * (the dead letters and suggestions as JSON lines beside them).
     */
    private Sinks sinks(Places places) throws IOException {
      MobiflowConfig.Outputs outputs = config.outputs();
      FlowStore store = outputs.flowTables() == null ? null : FlowStores.open(outputs.flowTables());
      boolean tablesOnly = !config.writesKafka() && outputs.jsonLines() == null;
      boolean configured = false;
      boolean writesStore = false;
      Map<SpatialUnit, Sink<ZoneFlow>> flows = new EnumMap<>(flowSinks);
      for (SpatialUnit unit : tablesOnly ? outputs.flowTableUnits() : outputs.units()) {
        if (!flows.containsKey(unit)) {
          flows.put(unit, configuredFlowSink(unit, store));
          configured = true;
          writesStore |= tablesOnly;
        }
      }
      Sink<ZoneFlow> flowTable = flowTableSink;
      if (flowTable == null && store != null && outputs.jsonLines() != null) {
        flowTable = store.sink(config.retention().flowTables()); // besides the JSON lines
        configured = true;
        writesStore = true;
      }
      Sink<Rejection> deadLetters = deadLetterSink;
      if (deadLetters == null) {
        deadLetters =
            sideSink(
                "dead-letters",
                config.topics().deadLetters(),
                r -> r.source().feedId(),
                config.retention().deadLetters());
        configured = true;
      }
      Sink<Suggestion> suggestions = suggestionSink;
      if (suggestions == null && config.suggestions() != null) {
        suggestions =
            sideSink(
                "suggestions",
                config.topics().suggestions(),
                Suggestion::id,
                config.retention().suggestions());
        configured = true;
      }
      if (writesStore) {
        store.prepare(places.zones());
      }
      return new Sinks(flows, flowTable, deadLetters, suggestions, configured);
    }

    /**
     * The pipeline's sinks.
     *
     * @param flows the indicators' sink of each unit written
     * @param flowTable the flow tables' sink beside JSON lines, or {@code null}
     * @param deadLetters the dead letters' sink
     * @param suggestions the suggestions' sink, or {@code null} when none are made
     * @param configured whether one of them is the configuration's rather than the builder's
     */
    private record Sinks(
        Map<SpatialUnit, Sink<ZoneFlow>> flows,
        Sink<ZoneFlow> flowTable,
        Sink<Rejection> deadLetters,
        Sink<Suggestion> suggestions,
        boolean configured) {}

    private ZoneFlowJob.Settings settings(Set<SpatialUnit> units) {
      MobiflowConfig.Window window = config.window();
      return new ZoneFlowJob.Settings(
          window.length(),
          window.slide(),
          window.outOfOrderness(),
          window.allowedLateness(),
          window.earlyResults(),
          window.h3Resolution(),
          config.limits().eventTimes(),
          config.privacy(),
          config.places().timetable(),
          units);
    }

    /** Where the configuration sends the indicators of {@code unit}. */
    private Sink<ZoneFlow> configuredFlowSink(SpatialUnit unit, FlowStore store) {
      if (config.writesKafka()) {
        KafkaRecordSerializationSchema<ZoneFlow> serializer =
            unit == SpatialUnit.ZONE && flowSerializer != null
                ? flowSerializer
                : new JsonRecordSerializer<>(config.topics().flows(unit), ZoneFlow::upsertKey);
        return KafkaOutputs.exactlyOnce(config, serializer, unit.slug() + "-flows");
      }
      Path jsonLines = config.outputs().jsonLines();
      return jsonLines != null
          ? new JsonLinesFileSink<>(jsonLines.resolve(unit.slug() + "-flows"))
          : store.sink(config.retention().flowTables());
    }

    /**
     * The configured sink of the dead letters or the suggestions: its topic exactly once, or JSON
     * lines in {@code name/} of the side files' folder, kept for {@code retention}.
     */
    private <T> Sink<T> sideSink(
        String name, String topic, SerializableFunction<T, String> key, Duration retention) {
      return config.writesKafka()
          ? KafkaOutputs.exactlyOnce(config, new JsonRecordSerializer<>(topic, key), name)
          : new JsonLinesFileSink<>(config.outputs().sideFiles().resolve(name), retention);
    }

    /**
     * The Kafka source's readers: {@code kafka.source_parallelism}, else one per partition of the
     * raw topics but no more than the job's parallelism (with slot sharing a wider source would
     * need more slots than the job, and a reader beyond the partitions gets no split), else, the
     * partitions unknown, 0: the job's parallelism.
     */
    private int kafkaReaders(StreamExecutionEnvironment env) {
      int configured = config.kafka().sourceParallelism();
      if (configured > 0) {
        return configured;
      }
      return rawPartitions > 0 ? Math.max(1, Math.min(rawPartitions, env.getParallelism())) : 0;
    }

    private Source<FeedSnapshot, ?, ?> kafkaSource() {
      KafkaSourceBuilder<FeedSnapshot> builder =
          KafkaSource.<FeedSnapshot>builder()
              .setBootstrapServers(config.kafka().bootstrapServers())
              .setProperties(config.kafka().clientProperties())
              .setTopics(rawTopics(config))
              .setGroupId(config.kafka().consumerGroup())
              .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
              .setDeserializer(
                  rawDeserializer != null
                      ? rawDeserializer
                      : new RawSnapshotDeserializer(config.topics().raw()));
      if (bounded) {
        builder.setBounded(OffsetsInitializer.latest());
      }
      return builder.build();
    }

    private static void sinkUnit(
        DataStream<ZoneFlow> flows, SpatialUnit unit, Sink<ZoneFlow> sink) {
      flows
          .filter(flow -> flow.unit() == unit)
          .name(unit.slug() + " flows")
          .uid(unit.slug() + "-flows")
          .sinkTo(sink)
          .name(unit.slug() + " flow sink")
          .uid(unit == SpatialUnit.ZONE ? "zone-flow-sink" : unit.slug() + "-flow-sink");
    }
  }
}
