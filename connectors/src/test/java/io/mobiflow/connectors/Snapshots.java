package io.mobiflow.connectors;

import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.SourceRef;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.zip.GZIPInputStream;

/** Snapshots for decoder tests: from text, bytes or a test resource. */
public final class Snapshots {

  private Snapshots() {}

  public static FeedSnapshot of(FeedKind kind, String file, byte[] bytes) {
    return new FeedSnapshot(
        "test-feed", kind, Instant.EPOCH, SourceRef.file("test-feed", file), bytes);
  }

  public static FeedSnapshot of(FeedKind kind, String file, String text) {
    return of(kind, file, text.getBytes(StandardCharsets.UTF_8));
  }

  public static FeedSnapshot resource(FeedKind kind, String path) {
    try (InputStream in = Snapshots.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + path);
      }
      byte[] bytes = in.readAllBytes();
      return of(
          kind,
          path,
          path.endsWith(".gz")
              ? new GZIPInputStream(new ByteArrayInputStream(bytes)).readAllBytes()
              : bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
