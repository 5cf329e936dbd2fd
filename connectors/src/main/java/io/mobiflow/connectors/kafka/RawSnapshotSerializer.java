package io.mobiflow.connectors.kafka;

import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.feeds.FeedFormats;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Writes a fetched document to its raw topic, in the layout {@link RawTopics} documents; an unread
 * document keeps why it was withheld in its headers, so it is a dead letter downstream too.
 */
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
    List<Header> headers = new ArrayList<>();
    headers.add(
        new RecordHeader(
            RawTopics.CONTENT_TYPE, utf8(FeedFormats.of(snapshot.kind()).mediaType())));
    headers.add(
        new RecordHeader(
            RawTopics.FETCHED_AT, utf8(Long.toString(snapshot.fetchedAt().toEpochMilli()))));
    headers.add(new RecordHeader(RawTopics.SOURCE_URL, utf8(url)));
    if (snapshot.withheld() != null) {
      headers.add(
          new RecordHeader(RawTopics.WITHHELD_REASON, utf8(snapshot.withheld().reason().name())));
      headers.add(new RecordHeader(RawTopics.WITHHELD_DETAIL, utf8(snapshot.withheld().detail())));
    }
    return new ProducerRecord<>(
        topics.topicOf(snapshot.kind()),
        null,
        snapshot.fetchedAt().toEpochMilli(),
        snapshot.feedId().getBytes(StandardCharsets.UTF_8),
        snapshot.payload(),
        headers);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
