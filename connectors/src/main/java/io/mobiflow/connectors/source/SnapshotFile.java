package io.mobiflow.connectors.source;

import io.mobiflow.connectors.common.FeedKind;
import java.io.Serializable;
import java.time.Instant;

/**
 * One recorded snapshot file of a replay directory.
 *
 * @param path absolute path of the file
 * @param feedId the feed it belongs to
 * @param kind what the file holds
 * @param fetchedAt when it was recorded
 */
public record SnapshotFile(String path, String feedId, FeedKind kind, Instant fetchedAt)
    implements Serializable {}
