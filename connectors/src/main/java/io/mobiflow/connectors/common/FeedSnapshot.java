package io.mobiflow.connectors.common;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * One raw document of a feed as it was fetched or recorded: the bytes a real endpoint serves
 * (protobuf, GBFS JSON, counter CSV), not yet decoded. The array is not copied: treat it as
 * immutable.
 *
 * <p>A source that cannot hand on a document's bytes (a file over the size limit, one that vanished
 * before it was read) hands on a {@linkplain #unread unread} snapshot instead: no bytes, and why.
 * Decoders behind {@link FeedDecoder#limitedTo} turn it into one rejection, so the document is a
 * dead letter and the stream goes on.
 *
 * @param feedId the configured feed this document belongs to
 * @param kind what the bytes are
 * @param fetchedAt when the document was fetched (or, when replayed, recorded)
 * @param source where the bytes came from (file or Kafka record)
 * @param payload the document's bytes (empty when withheld)
 * @param withheld why the bytes were not read, or {@code null} for a document
 */
public record FeedSnapshot(
    String feedId,
    FeedKind kind,
    Instant fetchedAt,
    SourceRef source,
    byte[] payload,
    Withheld withheld) {

  public FeedSnapshot {
    Objects.requireNonNull(feedId, "feedId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(fetchedAt, "fetchedAt");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(payload, "payload");
    if (withheld != null && payload.length > 0) {
      throw new IllegalArgumentException("a withheld snapshot has no payload");
    }
  }

  /** A document and its bytes. */
  public FeedSnapshot(
      String feedId, FeedKind kind, Instant fetchedAt, SourceRef source, byte[] payload) {
    this(feedId, kind, fetchedAt, source, payload, null);
  }

  /** A document whose bytes the source did not read, and why. */
  public static FeedSnapshot unread(
      String feedId,
      FeedKind kind,
      Instant fetchedAt,
      SourceRef source,
      RejectReason reason,
      String detail) {
    return new FeedSnapshot(
        feedId, kind, fetchedAt, source, new byte[0], new Withheld(reason, detail));
  }

  /**
   * Why a source withheld a document's bytes: the rejection the document becomes.
   *
   * @param reason e.g. {@link RejectReason#TOO_LARGE} or {@link RejectReason#UNREADABLE}
   * @param detail one line for a human: the size and the limit, or the error
   */
  public record Withheld(RejectReason reason, String detail) implements Serializable {

    public Withheld {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }
  }
}
