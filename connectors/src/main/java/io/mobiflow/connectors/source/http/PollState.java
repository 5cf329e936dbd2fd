package io.mobiflow.connectors.source.http;

import java.io.Serializable;
import java.time.Instant;

/**
 * What a poller remembers of a feed between polls, and checkpoints: validators for conditional
 * requests, the freshness and the content hash of the last document, the error streak for backoff,
 * and when to poll next.
 *
 * @param etag the last ETag, or {@code null}
 * @param lastModified the last Last-Modified header, verbatim, or {@code null}
 * @param lastDocumentTime the last document's own time (GTFS-RT header timestamp, GBFS
 *     last_updated), or {@code null}
 * @param contentSha256 the SHA-256 of the last document's bytes (decompressed), in lower-case hex,
 *     or {@code null}
 * @param consecutiveErrors failed polls in a row
 * @param nextPollAt when to poll next
 */
public record PollState(
    String etag,
    String lastModified,
    Instant lastDocumentTime,
    String contentSha256,
    int consecutiveErrors,
    Instant nextPollAt)
    implements Serializable {

  /** The state of a feed never polled: poll at once. */
  public static PollState initial() {
    return new PollState(null, null, null, null, 0, Instant.EPOCH);
  }

  /** The state of a feed never polled whose last document had the hash {@code contentSha256}. */
  public static PollState afterDocument(String contentSha256) {
    return new PollState(null, null, null, contentSha256, 0, Instant.EPOCH);
  }

  /** The same memory, polled again at {@code next}. */
  public PollState pollAgainAt(Instant next) {
    return new PollState(
        etag, lastModified, lastDocumentTime, contentSha256, consecutiveErrors, next);
  }
}
