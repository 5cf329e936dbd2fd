package io.mobiflow.app.serve;

import io.mobiflow.connectors.sink.JsonLines;
import io.mobiflow.jobs.config.MobiflowConfig;
import io.mobiflow.jobs.suggest.Suggestion;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the suggestions topic into a board: every partition from its beginning, committed records
 * only ({@code read_committed}: what the job's transactions published), no consumer group (each
 * server reads everything). A record that is not a suggestion is logged and skipped.
 */
public final class SuggestionTopicReader implements Runnable, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SuggestionTopicReader.class);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final SuggestionBoard board;
  private final SourceHealth health;
  private final AtomicBoolean running = new AtomicBoolean(true);

  /** Assigns every partition of the configured suggestions topic, from the beginning. */
  public SuggestionTopicReader(MobiflowConfig config, SuggestionBoard board) {
    this(
        config,
        board,
        new SourceHealth("suggestions", "suggestions from " + config.topics().suggestions(), null));
  }

  /** As above, reporting each poll to {@code health}. */
  SuggestionTopicReader(MobiflowConfig config, SuggestionBoard board, SourceHealth health) {
    Properties properties = config.kafka().clientProperties();
    properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    properties.put(
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    properties.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    this.consumer = new KafkaConsumer<>(properties);
    this.board = board;
    this.health = health;
    String topic = config.topics().suggestions();
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic, config.kafka().connectTimeout()).stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  @Override
  public void run() {
    try {
      while (running.get()) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
        health.read(Instant.now());
        for (ConsumerRecord<byte[], byte[]> record : records) {
          try {
            board.accept(JsonLines.MAPPER.readValue(record.value(), Suggestion.class));
          } catch (IOException | IllegalArgumentException e) {
            LOG.warn(
                "{}-{}@{}: skipped a record that is not a suggestion: {}",
                record.topic(),
                record.partition(),
                record.offset(),
                e.getMessage());
          }
        }
      }
    } catch (org.apache.kafka.common.errors.WakeupException stopping) {
      // close() was called
    } catch (RuntimeException e) {
      health.failed(e.getMessage());
      LOG.error("serve: stopped following {}", health.name(), e);
    } finally {
      consumer.close();
    }
  }

  @Override
  public void close() {
    running.set(false);
    consumer.wakeup();
  }
}
