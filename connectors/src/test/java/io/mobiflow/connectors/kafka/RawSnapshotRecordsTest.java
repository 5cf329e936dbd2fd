package io.mobiflow.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.common.SourceRef;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** A raw document written by the serializer and read back by the deserializer. */
class RawSnapshotRecordsTest {

  private static final RawTopics TOPICS = new RawTopics(RawTopics.DEFAULT_PREFIX);
  private static final Instant FETCHED = Instant.parse("2026-01-13T07:00:00.250Z");

  @Test
  void aDocumentKeepsItsBytesAndFetchTime() {
    FeedSnapshot read =
        roundTrip(
            new FeedSnapshot(
                "bus",
                FeedKind.GTFS_RT_VEHICLE_POSITIONS,
                FETCHED,
                SourceRef.file("bus", "http://example.org/vp.pb"),
                new byte[] {1, 2, 3}));
    assertThat(read.payload()).containsExactly(1, 2, 3);
    assertThat(read.fetchedAt()).isEqualTo(FETCHED);
    assertThat(read.withheld()).isNull();
    assertThat(read.source()).isEqualTo(SourceRef.kafka("bus", TOPICS.topicOf(read.kind()), 3, 42));
  }

  @Test
  void anUnreadDocumentStaysUnreadWithItsReasonAndDetail() {
    FeedSnapshot read =
        roundTrip(
            FeedSnapshot.unread(
                "bus",
                FeedKind.GTFS_RT_VEHICLE_POSITIONS,
                FETCHED,
                SourceRef.file("bus", "http://example.org/vp.pb"),
                RejectReason.TOO_LARGE,
                "70000000 bytes, over the limit of 67108864"));
    assertThat(read.payload()).isEmpty();
    assertThat(read.withheld())
        .isEqualTo(
            new FeedSnapshot.Withheld(
                RejectReason.TOO_LARGE, "70000000 bytes, over the limit of 67108864"));
  }

  /** A fetch time out of 1970–9999 (Long.MAX_VALUE ms is year 292,278,994) is not trusted. */
  @Test
  void aFetchTimeOutOfRangeGivesWayToTheRecordsTime() {
    for (String header : List.of("9223372036854775807", "-5", "soon")) {
      ProducerRecord<byte[], byte[]> produced =
          new RawSnapshotSerializer(TOPICS)
              .serialize(
                  new FeedSnapshot(
                      "bus",
                      FeedKind.GTFS_RT_VEHICLE_POSITIONS,
                      FETCHED,
                      SourceRef.file("bus", "vp.pb"),
                      new byte[] {1}),
                  null,
                  null);
      produced.headers().remove(RawTopics.FETCHED_AT);
      produced.headers().add(RawTopics.FETCHED_AT, header.getBytes(StandardCharsets.UTF_8));
      long brokerTime = Instant.parse("2026-01-13T07:00:05Z").toEpochMilli();
      assertThat(read(produced, brokerTime).fetchedAt())
          .as(header)
          .isEqualTo(Instant.ofEpochMilli(brokerTime));
    }
  }

  private static FeedSnapshot roundTrip(FeedSnapshot snapshot) {
    ProducerRecord<byte[], byte[]> produced =
        new RawSnapshotSerializer(TOPICS).serialize(snapshot, null, null);
    return read(produced, produced.timestamp() == null ? 0 : produced.timestamp());
  }

  private static FeedSnapshot read(ProducerRecord<byte[], byte[]> produced, long timestamp) {
    ConsumerRecord<byte[], byte[]> consumed =
        new ConsumerRecord<>(
            produced.topic(),
            3,
            42,
            timestamp,
            TimestampType.CREATE_TIME,
            produced.key().length,
            produced.value().length,
            produced.key(),
            produced.value(),
            produced.headers(),
            Optional.empty());
    List<FeedSnapshot> out = new ArrayList<>();
    new RawSnapshotDeserializer(TOPICS)
        .deserialize(
            consumed,
            new Collector<>() {
              @Override
              public void collect(FeedSnapshot record) {
                out.add(record);
              }

              @Override
              public void close() {}
            });
    assertThat(out).hasSize(1);
    return out.get(0);
  }
}
