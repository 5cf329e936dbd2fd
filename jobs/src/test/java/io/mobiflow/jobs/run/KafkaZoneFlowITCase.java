package io.mobiflow.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.connectors.FlinkTests;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.common.Rejection;
import io.mobiflow.connectors.kafka.JsonRecordSerializer;
import io.mobiflow.connectors.kafka.RawSnapshotDeserializer;
import io.mobiflow.connectors.kafka.RawTopics;
import io.mobiflow.connectors.sink.JsonLines;
import io.mobiflow.jobs.config.ConfigLoader;
import io.mobiflow.jobs.config.MobiflowConfig;
import io.mobiflow.jobs.testing.CaltrainCorridor;
import io.mobiflow.jobs.testing.KafkaBroker;
import io.mobiflow.jobs.zoneflow.ZoneFlow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production path on a real broker: the real Caltrain VehiclePositions and TripUpdates (copies
 * of ../shared/data, kept in the connectors' test resources) published to the raw topics, the
 * zone-flow job on a MiniCluster with checkpoints and transactional sinks, and the output read with
 * {@code isolation.level=read_committed}. Expected counts come from the protobuf files and the GTFS
 * stops read with the bindings and plain Java, not from the job.
 */
class KafkaZoneFlowITCase {

  @RegisterExtension
  @Order(1)
  static final KafkaBroker KAFKA = new KafkaBroker();

  @RegisterExtension
  @Order(2)
  static final MiniClusterExtension FLINK = FlinkTests.miniCluster();

  @TempDir Path dir;

  @Test
  void indicatorsArriveExactlyOnceAndAPoisonMessageIsADeadLetter() throws Exception {
    Run run = run("plain", false);
    assertThat(run.flows())
        .containsExactlyInAnyOrderEntriesOf(CaltrainCorridor.countsPerZoneWindow());
    assertThat(run.poison()).singleElement().satisfies(this::isThePoison);
  }

  @Test
  void aTaskFailureNeitherLosesNorDuplicatesAnIndicator() throws Exception {
    Run run = run("failure", true);
    assertThat(FailOnceOnTripUpdates.FAILED.get()).as("the failure was injected").isTrue();
    assertThat(run.flows())
        .containsExactlyInAnyOrderEntriesOf(CaltrainCorridor.countsPerZoneWindow());
    assertThat(run.poison()).singleElement().satisfies(this::isThePoison);
  }

  @Test
  void aFailureInsideTheOutputTransactionLeavesEachIndicatorOnce() throws Exception {
    Run run = run("output-failure", false);
    assertThat(FailOnceOnSecondFlow.FAILED.get()).as("the failure was injected").isTrue();
    assertThat(run.flows())
        .containsExactlyInAnyOrderEntriesOf(CaltrainCorridor.countsPerZoneWindow());
    // the aborted transaction's record is in the log, visible to read_uncommitted only
    assertThat(KAFKA.readAll("flows-output-failure", "read_uncommitted").size())
        .isGreaterThan(run.flows().size());
  }

  private void isThePoison(Rejection rejection) {
    assertThat(rejection.reason()).isEqualTo(RejectReason.MALFORMED);
    assertThat(rejection.source().topic()).endsWith(".gtfs_rt_vehicle_positions");
    assertThat(rejection.source().partition()).isBetween(0, 1);
    assertThat(rejection.source().offset()).isGreaterThanOrEqualTo(0);
  }

  /** What one run left in the committed output. */
  private record Run(Map<String, long[]> flows, List<Rejection> poison) {}

  private Run run(String name, boolean injectFailure) throws Exception {
    MobiflowConfig config = ConfigLoader.load(writeConfig(name));
    List<String> topics = new ArrayList<>(ZoneFlowPipeline.topics(config));
    KAFKA.createTopics(topics, 2);
    publish(config);

    StreamExecutionEnvironment env = FlinkTests.environment();
    RawSnapshotDeserializer plain = new RawSnapshotDeserializer(config.topics().raw());
    JsonRecordSerializer<ZoneFlow> json =
        new JsonRecordSerializer<>(config.topics().zoneFlows(), ZoneFlow::unitId);
    ZoneFlowPipeline.builder(config)
        .bounded(true)
        .rawDeserializer(injectFailure ? new FailOnceOnTripUpdates(plain) : plain)
        .flowSerializer(name.equals("output-failure") ? new FailOnceOnSecondFlow(json) : json)
        .build(env);
    env.execute("kafka zone flow " + name);

    Map<String, long[]> flows = new HashMap<>();
    Set<String> windows = new HashSet<>();
    for (ConsumerRecord<byte[], byte[]> record :
        KAFKA.readAll(config.topics().zoneFlows(), "read_committed")) {
      ZoneFlow flow = JsonLines.MAPPER.readValue(record.value(), ZoneFlow.class);
      assertThat(windows.add(flow.unitId() + "@" + flow.windowStart()))
          .as("a second record for " + flow.unitId() + " " + flow.windowStart())
          .isTrue();
      if (flow.observations() > 0) { // the windows of the feeds, not of the departures
        flows.put(
            flow.unitId() + "@" + flow.windowStart(),
            new long[] {flow.transit().vehiclePositions(), flow.transit().stopTimeUpdates()});
      }
    }
    List<Rejection> poison = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record :
        KAFKA.readAll(config.topics().deadLetters(), "read_committed")) {
      Rejection rejection = JsonLines.MAPPER.readValue(record.value(), Rejection.class);
      if (rejection.source().feedId().equals("poison")) {
        poison.add(rejection);
      }
    }
    return new Run(flows, poison);
  }

  private Path writeConfig(String name) throws IOException {
    Files.writeString(dir.resolve("zones.geojson"), CaltrainCorridor.zonesGeoJson());
    return Files.writeString(
        dir.resolve("mobiflow.yaml"),
        """
        kafka:
          bootstrap_servers: "%s"
          consumer_group: it-%s
          transactional_id_prefix: it-%s
          connect_timeout_seconds: 10
        topics:
          raw_prefix: %s
          zone_flows: flows-%s
          dead_letters: dead-%s
        places:
          zones: zones.geojson
          gtfs: %s
        window:
          minutes: 5
          out_of_orderness_seconds: 120
          early_results_seconds: 0 # final records only: each exactly once
        checkpoints:
          interval_seconds: 1
        """
            .formatted(
                KAFKA.bootstrapServers(),
                name,
                name,
                "raw-" + name + ".",
                name,
                name,
                CaltrainCorridor.GTFS.toAbsolutePath()));
  }

  /** The real documents, and one message of random bytes on the vehicle positions topic. */
  private static void publish(MobiflowConfig config) throws Exception {
    RawTopics raw = config.topics().raw();
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    properties.put(
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    byte[] poison = new byte[512];
    new SplittableRandom(5).nextBytes(poison);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties)) {
      producer.send(
          record(
              raw.topicOf(FeedKind.GTFS_RT_VEHICLE_POSITIONS),
              "caltrain",
              Files.readAllBytes(CaltrainCorridor.VEHICLES)));
      producer.send(record(raw.topicOf(FeedKind.GTFS_RT_VEHICLE_POSITIONS), "poison", poison));
      producer.send(
          record(
              raw.topicOf(FeedKind.GTFS_RT_TRIP_UPDATES),
              "caltrain",
              Files.readAllBytes(CaltrainCorridor.TRIP_UPDATES)));
      producer.flush();
    }
  }

  private static ProducerRecord<byte[], byte[]> record(String topic, String key, byte[] value) {
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value);
    record.headers().add(RawTopics.FETCHED_AT, "1699405560000".getBytes(StandardCharsets.UTF_8));
    return record;
  }

  /**
   * Fails the sink once, at the second indicator it writes, after the first is already in the open
   * transaction (sent to the broker): that transaction must be aborted, never committed.
   */
  static final class FailOnceOnSecondFlow implements KafkaRecordSerializationSchema<ZoneFlow> {
    private static final long serialVersionUID = 1L;
    static final AtomicBoolean FAILED = new AtomicBoolean();
    static final AtomicInteger WRITTEN = new AtomicInteger();
    private final JsonRecordSerializer<ZoneFlow> inner;

    FailOnceOnSecondFlow(JsonRecordSerializer<ZoneFlow> inner) {
      this.inner = inner;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
        ZoneFlow flow, KafkaSinkContext context, Long timestamp) {
      if (WRITTEN.incrementAndGet() == 2 && FAILED.compareAndSet(false, true)) {
        try {
          Thread.sleep(1_000); // let the producer send the first record
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("injected failure inside the output transaction");
      }
      return inner.serialize(flow, context, timestamp);
    }
  }

  /** Fails the source task once, at the first TripUpdates document, then behaves. */
  static final class FailOnceOnTripUpdates
      implements org.apache.flink.connector.kafka.source.reader.deserializer
              .KafkaRecordDeserializationSchema<
          FeedSnapshot> {
    private static final long serialVersionUID = 1L;
    static final AtomicBoolean FAILED = new AtomicBoolean();
    private final RawSnapshotDeserializer inner;

    FailOnceOnTripUpdates(RawSnapshotDeserializer inner) {
      this.inner = inner;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<FeedSnapshot> out)
        throws IOException {
      if (record.topic().endsWith("gtfs_rt_trip_updates") && FAILED.compareAndSet(false, true)) {
        throw new IOException("injected failure");
      }
      inner.deserialize(record, out);
    }

    @Override
    public org.apache.flink.api.common.typeinfo.TypeInformation<FeedSnapshot> getProducedType() {
      return inner.getProducedType();
    }
  }
}
