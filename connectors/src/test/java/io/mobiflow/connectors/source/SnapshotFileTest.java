package io.mobiflow.connectors.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.connectors.common.FeedDecoder;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.RejectReason;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading one file never holds more than the size limit, and never throws. */
class SnapshotFileTest {

  private static final Instant AT = Instant.parse("2026-01-13T07:00:00Z");

  @TempDir Path dir;

  @Test
  void aFileWithinTheLimitIsReadWhole() throws IOException {
    Path file = Files.write(dir.resolve("1768287600.csv"), new byte[1000]);
    FeedSnapshot snapshot = snapshotFile(file).read(1000);
    assertThat(snapshot.withheld()).isNull();
    assertThat(snapshot.payload()).hasSize(1000);
    assertThat(snapshot.source().file()).isEqualTo("1768287600.csv");
  }

  /** A sparse file: 1 GiB by its size, no disk used; the default limit is 64 MiB. */
  @Test
  void aFileOverTheLimitIsUnreadAndTooLarge() throws IOException {
    Path file = dir.resolve("big.csv");
    try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
      sparse.setLength(1L << 30);
    }
    FeedSnapshot snapshot = snapshotFile(file).read();
    assertThat(snapshot.payload()).isEmpty();
    assertThat(snapshot.withheld())
        .isEqualTo(
            new FeedSnapshot.Withheld(
                RejectReason.TOO_LARGE,
                (1L << 30) + " bytes, over the limit of " + FeedDecoder.DEFAULT_MAX_BYTES));
    assertThat(snapshot.source().file()).isEqualTo("big.csv");
  }

  /** A file whose size says nothing (a device, a file still growing) is cut while reading. */
  @Test
  void aFileLongerThanItsSizeSaysIsCutWhileReading() {
    Path zero = Path.of("/dev/zero");
    assertThat(zero).isReadable(); // Linux, where the project builds and runs
    FeedSnapshot snapshot = snapshotFile(zero).read(1000);
    assertThat(snapshot.withheld().reason()).isEqualTo(RejectReason.TOO_LARGE);
    assertThat(snapshot.withheld().detail()).isEqualTo("over 1000 bytes (the limit) when read");
  }

  @Test
  void aFileThatVanishedIsUnreadable() {
    FeedSnapshot snapshot = snapshotFile(dir.resolve("gone.csv")).read();
    assertThat(snapshot.withheld().reason()).isEqualTo(RejectReason.UNREADABLE);
    assertThat(snapshot.withheld().detail())
        .startsWith("cannot read: NoSuchFileException")
        .contains("gone.csv");
  }

  @Test
  void aFolderIsUnreadable() {
    assertThat(snapshotFile(dir).read().withheld().reason()).isEqualTo(RejectReason.UNREADABLE);
  }

  /** A single file's modification time can be anything; an absurd one is a problem, not a crash. */
  @Test
  void aFetchTimeOutOfRangeMakesAProblemAtTheNearestBound() {
    SnapshotFile file =
        new SnapshotFile(
            dir.resolve("a.csv").toString(),
            "f",
            FeedKind.COUNTER_CSV,
            Instant.ofEpochSecond(9_999_999_999_999_999L));
    assertThat(file.fetchedAt()).isEqualTo(SnapshotFile.LATEST);
    // 9,999,999,999,999,999 s / 31,556,952 s per Gregorian year = 316,889,355.0... years
    assertThat(file.problem()).contains("fetch time +316889355-01-25T17:46:39Z is not within");
    assertThat(file.read().withheld().reason()).isEqualTo(RejectReason.INVALID_VALUE);
  }

  private static SnapshotFile snapshotFile(Path file) {
    return new SnapshotFile(file.toString(), "f", FeedKind.COUNTER_CSV, AT);
  }
}
