package io.mobiflow.connectors.common;

import java.time.Instant;
import java.util.Objects;

/**
 * One raw document of a feed as it was fetched or recorded: the bytes a real endpoint serves
 * (protobuf, GBFS JSON, counter CSV), not yet decoded. The array is not copied: treat it as
 * immutable.
 *
 * @param feedId the configured feed this document belongs to
 * @param kind what the bytes are
 * @param fetchedAt when the document was fetched (or, when replayed, recorded)
 * @param source where the bytes came from (file or Kafka record)
 * @param payload the document's bytes
 */
public record FeedSnapshot(
    String feedId, FeedKind kind, Instant fetchedAt, SourceRef source, byte[] payload) {

  public FeedSnapshot {
    Objects.requireNonNull(feedId, "feedId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(fetchedAt, "fetchedAt");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(payload, "payload");
  }
}
