package io.mobiflow.jobs.kafka;

import io.mobiflow.jobs.config.MobiflowConfig;
import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;

/** The Kafka sinks of the production jobs, built from the configuration. */
public final class KafkaOutputs {

  /** Longer than any checkpoint should take; within the brokers' default 15-minute maximum. */
  static final String TRANSACTION_TIMEOUT_MS = "600000";

  private KafkaOutputs() {}

  /**
   * A sink writing records inside Kafka transactions committed at each checkpoint: a consumer with
   * {@code isolation.level=read_committed} sees each record once, even across failures and
   * restarts. {@code name} distinguishes the sink's transactional ids.
   */
  public static <T> KafkaSink<T> exactlyOnce(
      MobiflowConfig config, KafkaRecordSerializationSchema<T> serializer, String name) {
    Properties producer = config.kafka().clientProperties();
    producer.put("transaction.timeout.ms", TRANSACTION_TIMEOUT_MS);
    return KafkaSink.<T>builder()
        .setBootstrapServers(config.kafka().bootstrapServers())
        .setKafkaProducerConfig(producer)
        .setRecordSerializer(serializer)
        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
        .setTransactionalIdPrefix(config.kafka().transactionalIdPrefix() + "-" + name)
        .build();
  }

  /**
   * A sink with an idempotent producer (no duplicates from retries within a producer session), at
   * least once across restarts: for the raw topics, where a repeated document is recognised
   * downstream by its fetch time.
   */
  public static <T> KafkaSink<T> idempotent(
      MobiflowConfig config, KafkaRecordSerializationSchema<T> serializer) {
    Properties producer = config.kafka().clientProperties();
    producer.put("enable.idempotence", "true");
    producer.put("acks", "all");
    return KafkaSink.<T>builder()
        .setBootstrapServers(config.kafka().bootstrapServers())
        .setKafkaProducerConfig(producer)
        .setRecordSerializer(serializer)
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
        .build();
  }
}
