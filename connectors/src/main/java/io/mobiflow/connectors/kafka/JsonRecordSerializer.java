package io.mobiflow.connectors.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.mobiflow.connectors.sink.JsonLines;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes Mobiflow records as JSON (the same form as the JSON-lines files) to one topic, keyed so
 * that records of one zone, segment or stop stay in one partition, in order.
 *
 * @param <T> the record type
 */
public final class JsonRecordSerializer<T> implements KafkaRecordSerializationSchema<T> {

  private static final long serialVersionUID = 1L;

  private final String topic;
  private final SerializableFunction<T, String> key;

  public JsonRecordSerializer(String topic, SerializableFunction<T, String> key) {
    this.topic = topic;
    this.key = key;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      T record, KafkaSinkContext context, Long timestamp) {
    try {
      String k = key.apply(record);
      return new ProducerRecord<>(
          topic,
          null,
          timestamp,
          k == null ? null : k.getBytes(StandardCharsets.UTF_8),
          JsonLines.MAPPER.writeValueAsBytes(record));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + record + " as JSON", e);
    }
  }
}
