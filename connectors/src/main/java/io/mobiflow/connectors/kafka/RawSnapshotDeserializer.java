package io.mobiflow.connectors.kafka;

import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.SourceRef;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Turns a raw-topic record into a {@link FeedSnapshot} that remembers its topic, partition and
 * offset. It never throws: whatever the bytes are, the decoders downstream judge them, so a poison
 * message becomes a dead letter with its offset rather than a failed job. A record without key is
 * given the feed id {@code unknown}; without a valid {@link RawTopics#FETCHED_AT} header, the
 * record's timestamp is the fetch time.
 */
public final class RawSnapshotDeserializer
    implements KafkaRecordDeserializationSchema<FeedSnapshot> {

  private static final long serialVersionUID = 1L;

  private final RawTopics topics;

  public RawSnapshotDeserializer(RawTopics topics) {
    this.topics = topics;
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<FeedSnapshot> out) {
    FeedKind kind = topics.kindOf(record.topic()).orElse(null);
    if (kind == null) {
      return; // the source subscribes to raw topics only
    }
    String feedId =
        record.key() == null || record.key().length == 0
            ? "unknown"
            : new String(record.key(), StandardCharsets.UTF_8);
    out.collect(
        new FeedSnapshot(
            feedId,
            kind,
            fetchedAt(record),
            SourceRef.kafka(feedId, record.topic(), record.partition(), record.offset()),
            record.value() == null ? new byte[0] : record.value()));
  }

  private static Instant fetchedAt(ConsumerRecord<byte[], byte[]> record) {
    Header header = record.headers().lastHeader(RawTopics.FETCHED_AT);
    if (header != null) {
      try {
        return Instant.ofEpochMilli(
            Long.parseLong(new String(header.value(), StandardCharsets.UTF_8)));
      } catch (NumberFormatException e) {
        // fall back to the record's time
      }
    }
    return Instant.ofEpochMilli(Math.max(0, record.timestamp()));
  }

  @Override
  public TypeInformation<FeedSnapshot> getProducedType() {
    return TypeInformation.of(FeedSnapshot.class);
  }
}
