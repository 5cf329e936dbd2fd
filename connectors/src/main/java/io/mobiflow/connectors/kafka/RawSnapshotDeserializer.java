package io.mobiflow.connectors.kafka;

import io.mobiflow.connectors.common.EpochTime;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.RejectReason;
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
 * record's timestamp is the fetch time. A record with {@link RawTopics#WITHHELD_REASON} is an
 * {@linkplain FeedSnapshot#unread unread} document (its value, if any, is not read).
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
    SourceRef source = SourceRef.kafka(feedId, record.topic(), record.partition(), record.offset());
    RejectReason withheld = withheldReason(record);
    out.collect(
        withheld != null
            ? FeedSnapshot.unread(
                feedId,
                kind,
                fetchedAt(record),
                source,
                withheld,
                text(record, RawTopics.WITHHELD_DETAIL))
            : new FeedSnapshot(
                feedId,
                kind,
                fetchedAt(record),
                source,
                record.value() == null ? new byte[0] : record.value()));
  }

  private static RejectReason withheldReason(ConsumerRecord<byte[], byte[]> record) {
    String reason = text(record, RawTopics.WITHHELD_REASON);
    if (reason.isEmpty()) {
      return null;
    }
    try {
      return RejectReason.valueOf(reason);
    } catch (IllegalArgumentException e) {
      return RejectReason.MALFORMED; // withheld for a reason this version does not know
    }
  }

  /** The last value of a header as text, or "" when absent. */
  private static String text(ConsumerRecord<byte[], byte[]> record, String header) {
    Header last = record.headers().lastHeader(header);
    return last == null || last.value() == null
        ? ""
        : new String(last.value(), StandardCharsets.UTF_8);
  }

  /**
   * The {@link RawTopics#FETCHED_AT} header's time; the record's own time when the header is
   * absent, not a number or not within 1970–9999 (the events are then judged against the time the
   * broker saw the record).
   */
  private static Instant fetchedAt(ConsumerRecord<byte[], byte[]> record) {
    try {
      EpochTime header =
          EpochTime.ofMillis(
              RawTopics.FETCHED_AT, Long.parseLong(text(record, RawTopics.FETCHED_AT)));
      if (header.isValid()) {
        return header.instant();
      }
    } catch (NumberFormatException e) {
      // absent or not a number
    }
    return Instant.ofEpochMilli(Math.max(0, record.timestamp()));
  }

  @Override
  public TypeInformation<FeedSnapshot> getProducedType() {
    return TypeInformation.of(FeedSnapshot.class);
  }
}
