package io.mobiflow.app.demo;

import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.source.SnapshotDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/** Writes simulated snapshots into the {@link SnapshotDirectory} layout and counts them. */
final class SnapshotWriter {

  private final Path root;
  private final Map<FeedKind, Integer> counts = new EnumMap<>(FeedKind.class);

  SnapshotWriter(Path root) {
    this.root = root;
  }

  void write(String feedId, FeedKind kind, Instant fetchedAt, String extension, byte[] bytes)
      throws IOException {
    Path file = root.resolve(SnapshotDirectory.fileOf(feedId, kind, fetchedAt, extension));
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
    counts.merge(kind, 1, Integer::sum);
  }

  Map<FeedKind, Integer> counts() {
    return Map.copyOf(counts);
  }
}
