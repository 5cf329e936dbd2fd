package io.mobiflow.connectors.kafka;

import io.mobiflow.connectors.common.FeedSnapshot;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;

/** Writes a fetched document to its raw topic, in the layout {@link RawTopics} documents. */
public final class RawSnapshotSerializer implements KafkaRecordSerializationSchema<FeedSnapshot> {

  private static final long serialVersionUID = 1L;

  private final RawTopics topics;

  public RawSnapshotSerializer(RawTopics topics) {
    this.topics = topics;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      FeedSnapshot snapshot, KafkaSinkContext context, Long timestamp) {
    String url = snapshot.source().file() == null ? "" : snapshot.source().file();
    return new ProducerRecord<>(
        topics.topicOf(snapshot.kind()),
        null,
        snapshot.fetchedAt().toEpochMilli(),
        snapshot.feedId().getBytes(StandardCharsets.UTF_8),
        snapshot.payload(),
        List.of(
            new RecordHeader(RawTopics.CONTENT_TYPE, utf8(snapshot.kind().mediaType())),
            new RecordHeader(
                RawTopics.FETCHED_AT, utf8(Long.toString(snapshot.fetchedAt().toEpochMilli()))),
            new RecordHeader(RawTopics.SOURCE_URL, utf8(url))));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
