package io.mobiflow.jobs.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.jobs.testing.KafkaBroker;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The test broker itself: a record produced is read back, and topics are not auto-created. */
class KafkaBrokerITCase {

  @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

  @Test
  void producesAndConsumes() throws Exception {
    KAFKA.createTopics(List.of("smoke"), 2);
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    properties.put(
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties)) {
      for (int i = 0; i < 10; i++) {
        producer.send(new ProducerRecord<>("smoke", ("k" + i).getBytes(), ("v" + i).getBytes()));
      }
      producer.flush();
    }
    assertThat(KAFKA.readAll("smoke", "read_committed")).hasSize(10);
    try (var admin = KAFKA.admin()) {
      assertThat(admin.listTopics().names().get()).contains("smoke").doesNotContain("other");
    }
  }
}
