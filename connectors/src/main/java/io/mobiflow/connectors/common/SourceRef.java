package io.mobiflow.connectors.common;

import java.util.Objects;

/**
 * Where a piece of input came from, precise enough to find it again: a feed and a file (with the
 * line of a text file, or the 1-based index of the entity in a protobuf or JSON document), or a
 * Kafka topic, partition and offset. Absent parts are {@code null} or {@code -1}.
 *
 * @param feedId the configured feed, e.g. {@code peribus-vehicle-positions}
 * @param file file name or URL, or {@code null} for Kafka input
 * @param line line (text) or entity index (protobuf, JSON), 1-based; {@code -1} for the whole file
 * @param topic Kafka topic, or {@code null} for file input
 * @param partition Kafka partition, or {@code -1}
 * @param offset Kafka offset, or {@code -1}
 */
public record SourceRef(
    String feedId, String file, long line, String topic, int partition, long offset) {

  public SourceRef {
    Objects.requireNonNull(feedId, "feedId");
  }

  /** A whole file of a feed. */
  public static SourceRef file(String feedId, String file) {
    return new SourceRef(feedId, file, -1, null, -1, -1);
  }

  /** A Kafka record. */
  public static SourceRef kafka(String feedId, String topic, int partition, long offset) {
    return new SourceRef(feedId, null, -1, topic, partition, offset);
  }

  /** The same source narrowed to one line or entity (1-based). */
  public SourceRef atLine(long lineNumber) {
    return new SourceRef(feedId, file, lineNumber, topic, partition, offset);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(feedId);
    if (file != null) {
      text.append(' ').append(file);
    }
    if (topic != null) {
      text.append(' ').append(topic).append('/').append(partition).append('@').append(offset);
    }
    if (line >= 0) {
      text.append(':').append(line);
    }
    return text.toString();
  }
}
