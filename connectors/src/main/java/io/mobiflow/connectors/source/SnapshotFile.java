package io.mobiflow.connectors.source;

import io.mobiflow.connectors.common.EpochTime;
import io.mobiflow.connectors.common.FeedDecoder;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.common.SourceRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * One recorded snapshot file of a replay directory, or a single feed file.
 *
 * <p>A file is replayed at its fetch time, which must lie within {@link #EARLIEST} .. {@link
 * #LATEST}: a time outside (a file named with 16 digits, a modification time in year 300,000) is
 * replaced by the nearest bound and the file becomes a {@link #problem}: it is replayed as one dead
 * letter, not read. Anything later would overflow the epoch milliseconds of Flink's event time.
 *
 * @param path absolute path of the file
 * @param feedId the feed it belongs to
 * @param kind what the file holds
 * @param fetchedAt when it was recorded
 * @param problem why the file is replayed as an {@link RejectReason#INVALID_VALUE} dead letter
 *     rather than read (its name or time is not a fetch time), or {@code null}
 */
public record SnapshotFile(
    String path, String feedId, FeedKind kind, Instant fetchedAt, String problem)
    implements Serializable {

  /** The earliest fetch time replayed: the epoch ({@link EpochTime#MIN}). */
  public static final Instant EARLIEST = EpochTime.MIN;

  /** The latest fetch time replayed: the last second of year 9999 ({@link EpochTime#MAX}). */
  public static final Instant LATEST = EpochTime.MAX;

  public SnapshotFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(feedId, "feedId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(fetchedAt, "fetchedAt");
    if (fetchedAt.isBefore(EARLIEST) || fetchedAt.isAfter(LATEST)) {
      problem =
          (problem == null ? "" : problem + "; ")
              + "fetch time "
              + fetchedAt
              + " is not within "
              + EARLIEST
              + " .. "
              + LATEST;
      fetchedAt = fetchedAt.isBefore(EARLIEST) ? EARLIEST : LATEST;
    }
  }

  /** A file to be read. */
  public SnapshotFile(String path, String feedId, FeedKind kind, Instant fetchedAt) {
    this(path, feedId, kind, fetchedAt, null);
  }

  /** Reads the file behind the default size limit, {@link FeedDecoder#DEFAULT_MAX_BYTES}. */
  public FeedSnapshot read() {
    return read(FeedDecoder.DEFAULT_MAX_BYTES);
  }

  /**
   * Reads the file into a snapshot whose source is the feed and the file name, holding at most
   * {@code maxBytes} in memory. Never throws: a file over the limit (by its size, or by what could
   * be read from it), one that cannot be read (vanished since it was listed, no permission, a
   * folder) and a {@link #problem} file give an {@linkplain FeedSnapshot#unread unread} snapshot
   * whose reason is {@link RejectReason#TOO_LARGE}, {@link RejectReason#UNREADABLE} or {@link
   * RejectReason#INVALID_VALUE}, which the decoders turn into one dead letter.
   *
   * @param maxBytes at most {@link Integer#MAX_VALUE} - 8 (the largest array)
   */
  public FeedSnapshot read(long maxBytes) {
    checkLimit(maxBytes);
    Path file = Path.of(path);
    SourceRef source = SourceRef.file(feedId, file.getFileName().toString());
    if (problem != null) {
      return FeedSnapshot.unread(
          feedId, kind, fetchedAt, source, RejectReason.INVALID_VALUE, problem);
    }
    try (SeekableByteChannel channel = Files.newByteChannel(file);
        InputStream in = Channels.newInputStream(channel)) {
      long size = channel.size();
      if (size > maxBytes) {
        return tooLarge(source, size + " bytes, over the limit of " + maxBytes);
      }
      byte[] bytes = in.readNBytes((int) maxBytes + 1);
      if (bytes.length > maxBytes) {
        return tooLarge(source, "over " + maxBytes + " bytes (the limit) when read");
      }
      return new FeedSnapshot(feedId, kind, fetchedAt, source, bytes);
    } catch (IOException e) {
      return FeedSnapshot.unread(
          feedId,
          kind,
          fetchedAt,
          source,
          RejectReason.UNREADABLE,
          "cannot read: " + e.getClass().getSimpleName() + " " + e.getMessage());
    }
  }

  /** Fails unless {@code maxBytes} is a size limit {@link #read(long)} can keep to. */
  static void checkLimit(long maxBytes) {
    if (maxBytes < 0 || maxBytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "size limit " + maxBytes + " is not in 0.." + (Integer.MAX_VALUE - 8));
    }
  }

  private FeedSnapshot tooLarge(SourceRef source, String detail) {
    return FeedSnapshot.unread(feedId, kind, fetchedAt, source, RejectReason.TOO_LARGE, detail);
  }
}
