package io.mobiflow.connectors.source.http;

import io.mobiflow.connectors.common.FeedSnapshot;

/**
 * One poll: its health record, and the new document when there is one.
 *
 * @param health how the poll went
 * @param snapshot the new document, or {@code null} when the poll was STALE or an ERROR
 */
public record PollResult(PollHealth health, FeedSnapshot snapshot) {}
