package io.mobiflow.benchmarks.region;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.feeds.FeedFormats;
import io.mobiflow.connectors.kafka.RawSnapshotDeserializer;
import io.mobiflow.connectors.kafka.RawTopics;
import io.mobiflow.connectors.source.SnapshotDirectory;
import io.mobiflow.connectors.source.SnapshotFile;
import io.mobiflow.jobs.testing.KafkaBroker;
import io.mobiflow.jobs.zoneflow.ZoneFlowJob;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two simulated minutes of a small region sent to a real broker at 120 times real time: every file
 * is one record of its kind's raw topic, in fetch order, with the key, bytes and headers the job's
 * deserializer reads back as the snapshot the file holds.
 */
class RawFeederITCase {

  private static final RawTopics TOPICS = new RawTopics(RawTopics.DEFAULT_PREFIX);
  private static final double SPEED = 120;

  @RegisterExtension static final KafkaBroker BROKER = new KafkaBroker();

  @TempDir Path out;

  @Test
  void sendsEveryFileToItsRawTopicPacedByFetchTime() throws Exception {
    RegionSimulator.generate(
        RegionSimulatorTest.SMALL,
        3,
        LocalTime.of(8, 0),
        Duration.ofMinutes(2),
        out,
        new PrintStream(OutputStream.nullOutputStream()));
    BROKER.createTopics(ZoneFlowJob.FEED_KINDS.stream().map(TOPICS::topicOf).toList(), 1);
    List<SnapshotFile> files = SnapshotDirectory.scan(out.resolve("feeds"));
    Properties connection = new Properties();
    connection.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers());

    RawFeeder.Sent sent =
        RawFeeder.feed(
            out, connection, TOPICS, SPEED, new PrintStream(OutputStream.nullOutputStream()));

    assertThat(sent.records()).isEqualTo(files.size());
    double span =
        Duration.between(files.get(0).fetchedAt(), files.get(files.size() - 1).fetchedAt())
            .toMillis();
    assertThat(span).isEqualTo(120_000); // the first snapshots at 08:00, the last counters at 08:02
    assertThat(sent.seconds()).isGreaterThanOrEqualTo(span / 1000 / SPEED);
    for (FeedKind kind : List.of(FeedKind.values())) {
      List<SnapshotFile> expected = files.stream().filter(f -> f.kind() == kind).toList();
      if (!ZoneFlowJob.FEED_KINDS.contains(kind)) {
        assertThat(expected).isEmpty();
        continue;
      }
      List<ConsumerRecord<byte[], byte[]>> records =
          BROKER.readAll(TOPICS.topicOf(kind), "read_committed");
      assertThat(records).as(kind.name()).hasSize(expected.size());
      for (int i = 0; i < expected.size(); i++) {
        SnapshotFile file = expected.get(i);
        ConsumerRecord<byte[], byte[]> record = records.get(i);
        byte[] bytes = Files.readAllBytes(Path.of(file.path()));
        Path name = Path.of(file.path()).getFileName();
        String seconds = name.toString().substring(0, name.toString().indexOf('.'));
        assertThat(new String(record.key(), StandardCharsets.UTF_8))
            .isEqualTo(Path.of(file.path()).getParent().getParent().getFileName().toString());
        assertThat(record.value()).isEqualTo(bytes);
        assertThat(header(record, RawTopics.FETCHED_AT)).isEqualTo(seconds + "000");
        assertThat(header(record, RawTopics.CONTENT_TYPE))
            .isEqualTo(FeedFormats.of(kind).mediaType());
        assertThat(header(record, RawTopics.SOURCE_URL)).isEqualTo(name.toString());
        assertThat(record.headers().lastHeader(RawTopics.WITHHELD_REASON)).isNull();

        FeedSnapshot read = deserialized(record);
        assertThat(read.kind()).isEqualTo(kind);
        assertThat(read.feedId()).isEqualTo(file.feedId());
        assertThat(read.fetchedAt().getEpochSecond()).isEqualTo(Long.parseLong(seconds));
        assertThat(read.payload()).isEqualTo(bytes);
      }
    }
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  /** The snapshot the job's Kafka source makes of a record. */
  private static FeedSnapshot deserialized(ConsumerRecord<byte[], byte[]> record) {
    List<FeedSnapshot> out = new ArrayList<>();
    new RawSnapshotDeserializer(TOPICS)
        .deserialize(
            record,
            new Collector<>() {
              @Override
              public void collect(FeedSnapshot snapshot) {
                out.add(snapshot);
              }

              @Override
              public void close() {}
            });
    assertThat(out).hasSize(1);
    return out.get(0);
  }
}
