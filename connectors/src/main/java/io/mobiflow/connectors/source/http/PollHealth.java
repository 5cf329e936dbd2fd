package io.mobiflow.connectors.source.http;

import java.io.Serializable;
import java.time.Instant;

/**
 * The outcome of one poll of one feed, for the health output.
 *
 * @param feedId the feed
 * @param url the endpoint
 * @param polledAt when the request was sent
 * @param status OK (a new document), STALE (nothing new: 304, the same bytes as the last document,
 *     or a document not newer than the last one) or ERROR
 * @param httpStatus the HTTP status, or 0 when none came back
 * @param reason why it is STALE (304, unchanged content, a document not newer than the last one) or
 *     ERROR; when OK, {@code null} or what was set aside (a document time out of range)
 * @param bytes the body's size, or 0
 * @param latencyMillis time to the full answer (or to the failure)
 * @param nextPollAt when the feed will be polled again
 */
public record PollHealth(
    String feedId,
    String url,
    Instant polledAt,
    Status status,
    int httpStatus,
    String reason,
    long bytes,
    long latencyMillis,
    Instant nextPollAt)
    implements Serializable {

  /** How a poll went. */
  public enum Status {
    OK,
    STALE,
    ERROR
  }
}
