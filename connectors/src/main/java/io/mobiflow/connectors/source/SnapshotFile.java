package io.mobiflow.connectors.source;

import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.SourceRef;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
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
    implements Serializable {

  /** Reads the file into a snapshot whose source is the feed and the file name. */
  public FeedSnapshot read() throws IOException {
    Path file = Path.of(path);
    return new FeedSnapshot(
        feedId,
        kind,
        fetchedAt,
        SourceRef.file(feedId, file.getFileName().toString()),
        Files.readAllBytes(file));
  }
}
