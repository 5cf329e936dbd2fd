package io.mobiflow.connectors.source;

import io.mobiflow.connectors.common.FeedDecoder;
import io.mobiflow.connectors.common.FeedSnapshot;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * A bounded FLIP-27 source that replays the snapshots of a {@link SnapshotDirectory} in fetch-time
 * order. Built on Flink's {@link DataGeneratorSource}: the n-th record is the n-th file, read when
 * it is emitted, so memory stays flat and the position is checkpointed as a number. Run it with
 * parallelism 1 to keep the order, and with {@link #watermarks()} for event time; decoding
 * downstream can be parallel.
 *
 * <p>No file puts more than the size limit in memory: a file over it, or one that cannot be read
 * when its turn comes, is emitted as an {@linkplain FeedSnapshot#unread unread} snapshot (see
 * {@link SnapshotFile#read(long)}), which becomes one dead letter, and the replay goes on.
 */
public final class SnapshotReplaySource {

  private SnapshotReplaySource() {}

  /**
   * Event time of the replay: each snapshot's fetch time, with watermarks following it (the files
   * come in fetch-time order, so the watermark never has to wait for a late file).
   */
  public static WatermarkStrategy<FeedSnapshot> watermarks() {
    return WatermarkStrategy.<FeedSnapshot>forMonotonousTimestamps()
        .withTimestampAssigner((snapshot, previous) -> snapshot.fetchedAt().toEpochMilli());
  }

  /**
   * A source over these files, emitted in list order, behind {@link FeedDecoder#DEFAULT_MAX_BYTES}.
   */
  public static DataGeneratorSource<FeedSnapshot> of(List<SnapshotFile> files) {
    return of(files, FeedDecoder.DEFAULT_MAX_BYTES);
  }

  /**
   * A source over these files, emitted in list order, reading at most {@code maxBytes} of each.
   *
   * @param maxBytes the size limit of one file, at most {@link Integer#MAX_VALUE} - 8
   */
  public static DataGeneratorSource<FeedSnapshot> of(List<SnapshotFile> files, long maxBytes) {
    SnapshotFile.checkLimit(maxBytes);
    return new DataGeneratorSource<>(
        new ReadSnapshot(List.copyOf(files), maxBytes),
        files.size(),
        TypeInformation.of(FeedSnapshot.class));
  }

  /** Reads the file at an index into a snapshot. */
  private record ReadSnapshot(List<SnapshotFile> files, long maxBytes)
      implements GeneratorFunction<Long, FeedSnapshot> {

    @Override
    public FeedSnapshot map(Long index) {
      return files.get(Math.toIntExact(index)).read(maxBytes);
    }
  }
}
