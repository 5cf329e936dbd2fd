package io.mobiflow.connectors.gtfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.mobiflow.connectors.HostileFiles;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.common.RejectionTally;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Static GTFS read with bounded memory: zip bombs and oversized files are one clear error, bad rows
 * are counted without being kept beyond the first of each reason.
 */
class GtfsLimitsTest {

  /** A stop_times row of a trip the feed does not have: an UNKNOWN_REFERENCE problem. */
  private static final String GHOST_ROW = "GHOST,06:00:00,06:00:00,X,1\n";

  @TempDir Path dir;

  @Test
  void aZipBombIsRefusedFromItsDirectoryNamingTheEntryRatioAndLimit() throws IOException {
    Path zip = dir.resolve("bomb.zip");
    HostileFiles.gtfsZip(zip, GHOST_ROW, 200_000_000); // 7 M bad rows
    long size;
    long compressed;
    try (ZipFile read = new ZipFile(zip.toFile())) {
      ZipEntry entry = read.getEntry("stop_times.txt");
      size = entry.getSize();
      compressed = entry.getCompressedSize();
    }
    assertThat(size / compressed).isGreaterThan(100); // deflate: ~1,000 on repeated rows

    assertThatThrownBy(() -> CompactTimetableLoader.load(zip))
        .isInstanceOf(GtfsInput.LimitExceeded.class)
        .hasMessage(
            "GTFS feed %s: stop_times.txt inflates to %d bytes (declared) from %d compressed,"
                + " a ratio of %d, over the limit of 100 (a zip bomb?)",
            zip, size, compressed, size / compressed);
  }

  /** The same bomb with its directory saying 1,000 bytes: stopped by the counts while reading. */
  @Test
  void aZipBombWhoseDirectoryLiesIsStoppedWhileReading() throws IOException {
    Path zip = dir.resolve("liar.zip");
    HostileFiles.gtfsZip(zip, GHOST_ROW, 50_000_000);
    declareSize(zip, "stop_times.txt", 1000);
    try (ZipFile read = new ZipFile(zip.toFile())) {
      assertThat(read.getEntry("stop_times.txt").getSize()).isEqualTo(1000);
    }

    assertThatThrownBy(() -> CompactTimetableLoader.load(zip))
        .isInstanceOf(GtfsInput.LimitExceeded.class)
        .hasMessageContaining("stop_times.txt inflates to")
        .hasMessageContaining("(read so far)")
        .hasMessageContaining("over the limit of 100 (a zip bomb?)");
  }

  @Test
  void aFileOverTheSizeLimitIsOneError() throws IOException {
    writeSmallFeed();
    Files.writeString(
        dir.resolve("stop_times.txt"), HostileFiles.STOP_TIMES_HEADER + GHOST_ROW.repeat(100));
    GtfsInput.Limits limits = new GtfsInput.Limits(1000, 100, 1 << 20, 1 << 20);

    assertThatThrownBy(() -> CompactTimetableLoader.load(dir, limits))
        .isInstanceOf(GtfsInput.LimitExceeded.class)
        .hasMessageStartingWith("GTFS feed " + dir + ": stop_times.txt is ")
        .hasMessageEndingWith("bytes (read so far), over the limit of 1000 per file");
  }

  @Test
  void aLineOverTheLimitInAFileOnebusawayReadsIsOneError() throws IOException {
    writeSmallFeed();
    Files.writeString(
        dir.resolve("stops.txt"),
        "stop_id,stop_name,stop_lat,stop_lon\nX," + "x".repeat(2 << 20) + ",45.15,0.75\n");

    assertThatThrownBy(() -> CompactTimetableLoader.load(dir))
        .isInstanceOf(GtfsInput.LimitExceeded.class)
        .hasMessage(
            "GTFS feed %s: line 2 of stops.txt is longer than 1048576 bytes, the limit", dir);
  }

  /**
   * An uncompressed feed of a million bad rows (as many as a small zip within the ratio holds)
   * keeps the first of each reason and counts them all.
   */
  @Test
  void problemsAreCountedPerReasonAndOnlyTheFirstOfEachKept() throws IOException {
    writeSmallFeed();
    StringBuilder rows = new StringBuilder(HostileFiles.STOP_TIMES_HEADER);
    rows.append("T,06:00:00,06:00:00,X,1\n").append("T,06:10:00,06:10:00,Y,2\n");
    rows.append(GHOST_ROW.repeat(1_000_000));
    rows.append("T,6h30,06:30:00,Y,3\n".repeat(30));
    Files.writeString(dir.resolve("stop_times.txt"), rows);

    CompactTimetable timetable = CompactTimetableLoader.load(dir);

    assertThat(timetable.stopTimeCount()).isEqualTo(2);
    assertThat(timetable.problemCounts())
        .isEqualTo(
            Map.of(RejectReason.UNKNOWN_REFERENCE, 1_000_000L, RejectReason.INVALID_VALUE, 30L));
    int kept = RejectionTally.DEFAULT_EXAMPLES_PER_REASON;
    assertThat(timetable.problems()).hasSize(2 * kept);
    // the first kept are the first bad rows: lines 4, 5, ... (header line 1, two good rows)
    assertThat(timetable.problems().get(0).source().line()).isEqualTo(4);
    assertThat(timetable.problems().get(kept).source().line()).isEqualTo(4 + 1_000_000);
  }

  /** A long line, then a quoted field of many lines (one record): one problem each. */
  @Test
  void aRecordOverTheLimitIsOneProblemAndTheNextRowsAreRead() throws IOException {
    writeSmallFeed();
    Files.writeString(
        dir.resolve("stop_times.txt"),
        HostileFiles.STOP_TIMES_HEADER
            + "T,06:00:00,06:00:00,X,1\n"
            + "T,06:05:00,06:05:00,"
            + "x".repeat(100_000)
            + ",9\n"
            + "T,06:05:00,06:05:00,\""
            + "x\n".repeat(50_000)
            + "\",9\n"
            + "T,06:10:00,06:10:00,Y,2\n");

    CompactTimetable timetable = CompactTimetableLoader.load(dir);

    assertThat(timetable.stopTimeCount()).isEqualTo(2);
    assertThat(timetable.problems())
        .extracting(p -> p.reason(), p -> p.source().line(), p -> p.detail())
        .containsExactly(
            tuple(RejectReason.MALFORMED, 3L, "a row longer than 65536 bytes (not read)"),
            tuple(RejectReason.MALFORMED, 4L, "a row longer than 65536 bytes (not read)"));
  }

  @Test
  void aHeaderOverTheRecordLimitIsOneError() throws IOException {
    writeSmallFeed();
    Files.writeString(dir.resolve("stop_times.txt"), "x".repeat(100_000) + "\n");
    assertThatThrownBy(() -> CompactTimetableLoader.load(dir))
        .hasMessage("GTFS feed %s: stop_times.txt: the header is longer than 65536 bytes", dir);
  }

  private void writeSmallFeed() throws IOException {
    for (Map.Entry<String, String> file : HostileFiles.SMALL_FEED.entrySet()) {
      Files.writeString(dir.resolve(file.getKey()), file.getValue());
    }
  }

  /**
   * Rewrites the uncompressed size of an entry in the zip's central directory (signature
   * 0x02014b50; the size is the 4-byte little-endian field at offset 24, the name at offset 46).
   */
  private static void declareSize(Path zip, String name, int size) throws IOException {
    byte[] bytes = Files.readAllBytes(zip);
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i + 46 + wanted.length <= bytes.length; i++) {
      if (buffer.getInt(i) == 0x02014b50
          && buffer.getShort(i + 28) == wanted.length
          && ByteBuffer.wrap(bytes, i + 46, wanted.length).equals(ByteBuffer.wrap(wanted))) {
        buffer.putInt(i + 24, size);
        Files.write(zip, bytes);
        return;
      }
    }
    throw new IllegalStateException(name + " not in " + zip);
  }
}
