package io.mobiflow.benchmarks.baseline;

import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.counters.model.CounterReading;
import io.mobiflow.connectors.feeds.FeedFormats;
import io.mobiflow.connectors.gbfs.model.FreeFloatingVehicle;
import io.mobiflow.connectors.gbfs.model.StationStatus;
import io.mobiflow.connectors.gtfsrt.model.StopTimeUpdate;
import io.mobiflow.connectors.gtfsrt.model.VehiclePosition;
import io.mobiflow.connectors.kafka.RawSnapshotDeserializer;
import io.mobiflow.jobs.config.MobiflowConfig;
import io.mobiflow.jobs.run.ZoneFlowPipeline;
import io.mobiflow.jobs.zoneflow.match.Places;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.java.tuple.Tuple4;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

/**
 * The zone-flow job a Flink user would write first, the baseline of the end-to-end harness: the
 * same snapshots (files or raw topics), decoded with the project's decoders, one record per measure
 * (a {@code Tuple5}), the zone looked up with a JTS STRtree in a map function, then per source
 * (transit, shared mobility, road counters) event time with bounded out-of-orderness, keyed by
 * zone, one tumbling 5-minute window with the count and mean of each measure, written out as a map
 * per zone, source and window. No repeat detection, per-feed event time, dead letters or
 * time-weighting: what the production job adds.
 *
 * <pre>{@code
 * new PlainZoneFlowJob(source, places, Duration.ofMinutes(2)).build(env).sinkTo(sink);
 * }</pre>
 */
public final class PlainZoneFlowJob {

  /** The windows' length. */
  public static final Duration WINDOW = Duration.ofMinutes(5);

  /** Accumulator: the snapshots the job decoded. */
  public static final String SNAPSHOTS = Measures.SNAPSHOTS;

  /** Accumulator: the events the decoders accepted. */
  public static final String EVENTS = Measures.EVENTS;

  /** Each source's feed kinds. */
  static final Map<String, Set<FeedKind>> SOURCES = new LinkedHashMap<>();

  static {
    SOURCES.put("transit", kinds(VehiclePosition.class, StopTimeUpdate.class));
    SOURCES.put("shared-mobility", kinds(StationStatus.class, FreeFloatingVehicle.class));
    SOURCES.put("road", kinds(CounterReading.class));
  }

  /** The output records' type: a generic map (Kryo). */
  public static final TypeInformation<Map<String, Object>> RECORD =
      TypeInformation.of(new TypeHint<>() {});

  private final Source<FeedSnapshot, ?, ?> source;
  private final Places places;
  private final Duration outOfOrderness;

  /**
   * @param source the snapshots (a file replay or the raw topics)
   * @param places the zones and the places events name by id
   * @param outOfOrderness how far out of order events may come
   */
  public PlainZoneFlowJob(
      Source<FeedSnapshot, ?, ?> source, Places places, Duration outOfOrderness) {
    this.source = Objects.requireNonNull(source, "source");
    this.places = Objects.requireNonNull(places, "places");
    this.outOfOrderness = Objects.requireNonNull(outOfOrderness, "outOfOrderness");
  }

  /**
   * The raw topics of {@code config} from the earliest offsets to the latest ones when the job
   * starts, in a consumer group of its own.
   */
  public static KafkaSource<FeedSnapshot> kafkaSource(MobiflowConfig config) {
    return KafkaSource.<FeedSnapshot>builder()
        .setBootstrapServers(config.kafka().bootstrapServers())
        .setProperties(config.kafka().clientProperties())
        .setTopics(ZoneFlowPipeline.rawTopics(config))
        .setGroupId(config.kafka().consumerGroup() + "-baseline")
        .setStartingOffsets(OffsetsInitializer.earliest())
        .setBounded(OffsetsInitializer.latest())
        .setDeserializer(new RawSnapshotDeserializer(config.topics().raw()))
        .build();
  }

  /** Adds the job to {@code env}; returns its output records. */
  public DataStream<Map<String, Object>> build(StreamExecutionEnvironment env) {
    SingleOutputStreamOperator<FeedSnapshot> snapshots =
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "snapshots");
    if (source instanceof DataGeneratorSource<?>) {
      snapshots.setParallelism(1); // a file replay: one split
    }
    DataStream<Map<String, Object>> out = null;
    for (Map.Entry<String, Set<FeedKind>> entry : SOURCES.entrySet()) {
      DataStream<Map<String, Object>> windows =
          windows(snapshots, entry.getKey(), entry.getValue());
      out = out == null ? windows : out.union(windows);
    }
    return out;
  }

  private DataStream<Map<String, Object>> windows(
      DataStream<FeedSnapshot> snapshots, String name, Set<FeedKind> kinds) {
    return snapshots
        .rebalance()
        .flatMap(new Measures(kinds, places))
        .name("decode " + name)
        .map(new ZoneOf(places.zones()))
        .name("zone of " + name)
        .filter(measure -> !measure.f0.isEmpty())
        .name("in a zone, " + name)
        .assignTimestampsAndWatermarks(
            WatermarkStrategy.<Tuple4<String, String, Long, Double>>forBoundedOutOfOrderness(
                    outOfOrderness)
                .withTimestampAssigner((measure, previous) -> measure.f2)
                .withIdleness(Duration.ofMinutes(1)))
        .keyBy(measure -> measure.f0)
        .window(TumblingEventTimeWindows.of(WINDOW))
        .aggregate(
            new CountAndMean(),
            new WindowRecord(name),
            TypeInformation.of(new TypeHint<Map<String, double[]>>() {}),
            TypeInformation.of(new TypeHint<Map<String, double[]>>() {}),
            RECORD)
        .name("count and mean per zone, " + name);
  }

  private static Set<FeedKind> kinds(Class<?>... eventTypes) {
    return EnumSet.copyOf(
        Stream.of(eventTypes).flatMap(type -> FeedFormats.kindsGiving(type).stream()).toList());
  }
}
