package io.mobiflow.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.FeedHeader;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import com.google.transit.realtime.GtfsRealtime.Position;
import com.google.transit.realtime.GtfsRealtime.VehicleDescriptor;
import com.google.transit.realtime.GtfsRealtime.VehiclePosition;
import io.mobiflow.connectors.FlinkTests;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.common.Rejection;
import io.mobiflow.connectors.kafka.RawTopics;
import io.mobiflow.connectors.sink.JsonLines;
import io.mobiflow.jobs.config.ConfigLoader;
import io.mobiflow.jobs.config.MobiflowConfig;
import io.mobiflow.jobs.testing.CaltrainCorridor;
import io.mobiflow.jobs.testing.KafkaBroker;
import io.mobiflow.jobs.zoneflow.SpatialUnit;
import io.mobiflow.jobs.zoneflow.ZoneFlow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parallel from source to sink, same outputs: two hours of feeds in raw topics of two partitions
 * each (two vehicle-position feeds, one in each partition, the second 20 minutes behind the first
 * in event time: an archive fetched 20 minutes later; a free-floating feed in one partition, its
 * other one empty; the other kinds' topics empty), the pipeline run bounded at parallelism 1 and at
 * parallelism 4 (four Kafka readers, decoding in four tasks), the read_committed outputs compared
 * record for record, counts included. The vehicle positions the flows count are checked against a
 * plain loop over the generated feeds (each feed late only for itself, repeats once).
 */
class KafkaParallelismITCase {

  private static final Instant T0 = Instant.parse("2026-01-13T07:00:00Z");
  private static final int SNAPSHOTS = 240; // every 30 s: two hours

  /**
   * How far south's documents are behind north's, in fetch and event time. A feed whose events lag
   * its own fetch time by more than the out-of-orderness, first read after another feed of its kind
   * in the same task, would find the watermark ahead of it (its first events gate-LATE, as many as
   * reach the task after the other feed's: a matter of timing); with its fetch time as far behind,
   * the source's watermark holds the others back until it is read (D37).
   */
  private static final long SOUTH_LAG_MS = 20 * 60_000;

  private static final long OUT_OF_ORDER_MS = 120_000;
  private static final long WINDOW_MS = 5 * 60_000;

  @RegisterExtension
  @Order(1)
  static final KafkaBroker KAFKA = new KafkaBroker();

  @RegisterExtension
  @Order(2)
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(4)
              .build());

  @TempDir Path dir;

  @Test
  void parallelismOneAndFourGiveTheSameRecords() throws Exception {
    Feeds feeds = Feeds.generate(new SplittableRandom(16));
    MobiflowConfig first = config("p1");
    Set<String> topics = new TreeSet<>(ZoneFlowPipeline.topics(first));
    topics.addAll(ZoneFlowPipeline.topics(config("p4"))); // the same raw topics, its own outputs
    KAFKA.createTopics(topics, 2);
    publish(first, feeds);

    Map<String, List<String>> serial = run("p1", 1);
    Map<String, List<String>> parallel = run("p4", 4);

    for (String output : serial.keySet()) {
      assertThat(parallel.get(output))
          .as(output)
          .containsExactlyInAnyOrderElementsOf(serial.get(output));
    }
    List<ZoneFlow> zoneFlows = flows(serial.get("zone"));
    assertThat(zoneFlows.stream().map(ZoneFlow::unitId).distinct()).hasSize(3);
    assertThat(zoneFlows.stream().map(ZoneFlow::windowStart).distinct().count())
        .isGreaterThanOrEqualTo(24);
    assertThat(serial.get("h3")).hasSizeGreaterThan(zoneFlows.size());
    assertThat(zoneFlows.stream().mapToLong(f -> f.transit().vehiclePositions()).sum())
        .as("positions counted: on time for their own feed, each once")
        .isEqualTo(feeds.onTimePositions());
    assertThat(zoneFlows)
        .as("windows with pick-ups and drop-offs of the free-floating feed")
        .filteredOn(f -> f.shared().sharedMobilityData())
        .hasSizeGreaterThan(10);

    List<Rejection> deadLetters = new ArrayList<>();
    for (String line : serial.get("dead-letters")) {
      deadLetters.add(JsonLines.MAPPER.readValue(line, Rejection.class));
    }
    assertThat(deadLetters)
        .as("the planted late positions of feed north that repeat nothing, each a LATE letter")
        .filteredOn(r -> r.reason() == RejectReason.LATE)
        .hasSize(feeds.latePositions())
        .allSatisfy(r -> assertThat(r.source().feedId()).isEqualTo("north"));
  }

  /** The committed records of every output of one run, as text lines. */
  private Map<String, List<String>> run(String name, int parallelism) throws Exception {
    MobiflowConfig config = config(name);
    StreamExecutionEnvironment env = FlinkTests.environment();
    env.setParallelism(parallelism);
    ZoneFlowPipeline.builder(config).bounded(true).job(job -> job.sourceParallelism(0)).build(env);
    long started = System.nanoTime();
    env.execute("kafka parallelism " + name);
    System.out.printf(
        "KafkaParallelismITCase: parallelism %d in %.1f s%n",
        parallelism, (System.nanoTime() - started) / 1e9);
    Map<String, List<String>> outputs = new TreeMap<>();
    outputs.put("zone", lines(config.topics().flows(SpatialUnit.ZONE)));
    outputs.put("h3", lines(config.topics().flows(SpatialUnit.H3)));
    outputs.put("dead-letters", lines(config.topics().deadLetters()));
    return outputs;
  }

  private static List<String> lines(String topic) {
    List<String> lines = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : KAFKA.readAll(topic, "read_committed")) {
      lines.add(new String(record.value(), StandardCharsets.UTF_8));
    }
    return lines;
  }

  private static List<ZoneFlow> flows(List<String> lines) throws Exception {
    List<ZoneFlow> flows = new ArrayList<>();
    for (String line : lines) {
      flows.add(JsonLines.MAPPER.readValue(line, ZoneFlow.class));
    }
    return flows;
  }

  /** A run's configuration: the shared raw topics, its own group, transactions and outputs. */
  private MobiflowConfig config(String name) throws Exception {
    Files.writeString(dir.resolve("zones.geojson"), CaltrainCorridor.zonesGeoJson());
    return ConfigLoader.load(
        Files.writeString(
            dir.resolve(name + ".yaml"),
            """
            kafka:
              bootstrap_servers: "%s"
              consumer_group: parallel-%s
              transactional_id_prefix: parallel-%s
              connect_timeout_seconds: 10
            topics:
              raw_prefix: raw.
              zone_flows: zone-flows-%s
              flows_prefix: %s-
              dead_letters: dead-%s
            places:
              zones: zones.geojson
            window:
              minutes: %d
              out_of_orderness_seconds: %d
              early_results_seconds: 0 # final records only: each exactly once
            outputs:
              units: [zone, h3]
            checkpoints:
              interval_seconds: 1
              dir: %s
            """
                .formatted(
                    KAFKA.bootstrapServers(),
                    name,
                    name,
                    name,
                    name,
                    name,
                    WINDOW_MS / 60_000,
                    OUT_OF_ORDER_MS / 1000,
                    dir.resolve("checkpoints-" + name))));
  }

  /** Each feed in its own partition: the vehicle positions in both, free vehicles in one. */
  private static void publish(MobiflowConfig config, Feeds feeds) throws Exception {
    RawTopics raw = config.topics().raw();
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    properties.put(
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    String positions = raw.topicOf(FeedKind.GTFS_RT_VEHICLE_POSITIONS);
    String freeVehicles = raw.topicOf(FeedKind.GBFS_FREE_VEHICLES);
    // Plain retries, one request in flight (each feed stays in order): an idempotent producer whose
    // first batch to a partition still loading on a busy broker fails can wait for its sequence
    // until the delivery timeout, and the batches behind it expire (seen: 120 s, then missing
    // data).
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties)) {
      awaitLeaders(producer, positions);
      awaitLeaders(producer, freeVehicles);
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      for (int k = 0; k < SNAPSHOTS; k++) {
        Instant fetched = T0.plusSeconds(30L * k);
        sent.add(producer.send(record(positions, 0, "north", fetched, feeds.north.get(k))));
        sent.add(
            producer.send(
                record(
                    positions, 1, "south", fetched.minusMillis(SOUTH_LAG_MS), feeds.south.get(k))));
        sent.add(
            producer.send(record(freeVehicles, 0, "scooters", fetched, feeds.scooters.get(k))));
      }
      producer.flush();
      for (Future<RecordMetadata> record : sent) {
        record.get(60, TimeUnit.SECONDS); // a record not written fails the test here, not later
      }
    }
  }

  /**
   * Waits until every partition of {@code topic} has a leader the producer knows: on a busy machine
   * a new topic's partition can take a while, and a record sent to it meanwhile may time out.
   */
  private static void awaitLeaders(KafkaProducer<byte[], byte[]> producer, String topic)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (producer.partitionsFor(topic).stream().anyMatch(p -> p.leader() == null)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("a partition of " + topic + " has no leader after 60 s");
      }
      Thread.sleep(100);
    }
  }

  private static ProducerRecord<byte[], byte[]> record(
      String topic, int partition, String feed, Instant fetched, byte[] value) {
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(topic, partition, feed.getBytes(StandardCharsets.UTF_8), value);
    record
        .headers()
        .add(
            RawTopics.FETCHED_AT,
            String.valueOf(fetched.toEpochMilli()).getBytes(StandardCharsets.UTF_8));
    return record;
  }

  /**
   * The generated documents and what a plain loop expects of them. North: 8 vehicles a few seconds
   * before each fetch, a stale one repeating its last position now and then, and every tenth
   * document one position ten minutes old (late for north). South: 6 vehicles a few seconds before
   * their fetch, which is {@link #SOUTH_LAG_MS} behind north's (never late for south). Scooters: 10
   * vehicles, some moving.
   */
  private record Feeds(
      List<byte[]> north,
      List<byte[]> south,
      List<byte[]> scooters,
      long onTimePositions,
      int latePositions) {

    static Feeds generate(SplittableRandom random) {
      List<byte[]> north = new ArrayList<>();
      List<byte[]> south = new ArrayList<>();
      List<byte[]> scooters = new ArrayList<>();
      Map<String, long[]> last = new HashMap<>(); // vehicle → {time, latitude bits}
      Map<String, Long> newest = new HashMap<>(); // feed → newest time let through
      Set<String> seen = new HashSet<>();
      long onTime = 0;
      int late = 0;
      double[] scooterLatitudes = new double[10];
      for (int i = 0; i < scooterLatitudes.length; i++) {
        scooterLatitudes[i] = 37.1 + 0.08 * i;
      }
      for (int k = 0; k < SNAPSHOTS; k++) {
        long fetched = T0.plusSeconds(30L * k).toEpochMilli();
        for (String feed : List.of("north", "south")) {
          int vehicles = feed.equals("north") ? 8 : 6;
          long lag = feed.equals("north") ? 0 : SOUTH_LAG_MS;
          List<long[]> events = new ArrayList<>(); // {vehicle, time, latitude bits}
          for (int v = 0; v < vehicles; v++) {
            String id = feed.charAt(0) + String.valueOf(v);
            long[] previous = last.get(id);
            long[] event;
            if (previous != null && random.nextInt(5) == 0) {
              event = new long[] {v, previous[0], previous[1]}; // stale: a repeat
            } else {
              double latitude = 37.02 + random.nextDouble() * 0.96;
              event =
                  new long[] {
                    v, fetched - lag - random.nextInt(20_000), Double.doubleToLongBits(latitude)
                  };
            }
            last.put(id, new long[] {event[1], event[2]});
            events.add(event);
          }
          if (feed.equals("north") && k % 10 == 9) {
            double latitude = 37.5;
            events.add(new long[] {99, fetched - 600_000, Double.doubleToLongBits(latitude)});
          }
          FeedMessage.Builder message =
              FeedMessage.newBuilder()
                  .setHeader(
                      FeedHeader.newBuilder()
                          .setGtfsRealtimeVersion("2.0")
                          .setTimestamp(fetched / 1000));
          for (long[] event : events) {
            String id = feed.charAt(0) + String.valueOf(event[0]);
            message.addEntity(
                FeedEntity.newBuilder()
                    .setId("e" + id)
                    .setVehicle(
                        VehiclePosition.newBuilder()
                            .setVehicle(VehicleDescriptor.newBuilder().setId(id))
                            .setTimestamp(event[1] / 1000)
                            .setPosition(
                                Position.newBuilder()
                                    .setLatitude((float) Double.longBitsToDouble(event[2]))
                                    .setLongitude(-122.3f))));
          }
          (feed.equals("north") ? north : south).add(message.build().toByteArray());
          // the expectation, from the events in time order (as a document is read)
          events.sort((a, b) -> Long.compare(a[1] / 1000, b[1] / 1000));
          for (long[] event : events) {
            long at = event[1] / 1000 * 1000;
            long feedNewest = newest.getOrDefault(feed, Long.MIN_VALUE);
            if (feedNewest != Long.MIN_VALUE && at <= feedNewest - OUT_OF_ORDER_MS - 1) {
              // late for its feed; while the gate still remembers the times it let through (a
              // window), a repeat of one of them is dropped there, not a dead letter
              boolean remembered = at > feedNewest - OUT_OF_ORDER_MS - 1 - WINDOW_MS;
              if (!(remembered
                  && seen.contains(feed.charAt(0) + String.valueOf(event[0]) + "@" + at))) {
                late++;
              }
            } else {
              newest.put(feed, Math.max(feedNewest, at));
              if (seen.add(feed.charAt(0) + String.valueOf(event[0]) + "@" + at)) {
                onTime++;
              }
            }
          }
        }
        StringBuilder bikes = new StringBuilder();
        for (int i = 0; i < scooterLatitudes.length; i++) {
          if (random.nextInt(4) == 0) {
            scooterLatitudes[i] = 37.02 + random.nextDouble() * 0.96; // a trip
          }
          bikes
              .append(i == 0 ? "" : ",")
              .append("{\"bike_id\":\"b")
              .append(i)
              .append("\",\"lat\":")
              .append(scooterLatitudes[i])
              .append(",\"lon\":-122.2,\"is_reserved\":false,\"is_disabled\":false}");
        }
        scooters.add(
            ("{\"last_updated\":"
                    + fetched / 1000
                    + ",\"ttl\":0,\"version\":\"2.3\",\"data\":{\"bikes\":["
                    + bikes
                    + "]}}")
                .getBytes(StandardCharsets.UTF_8));
      }
      return new Feeds(north, south, scooters, onTime, late);
    }
  }
}
