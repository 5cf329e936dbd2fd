package io.mobiflow.connectors.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.connectors.Snapshots;
import io.mobiflow.connectors.counters.decode.CounterCsvDecoder;
import io.mobiflow.connectors.sink.JsonLines;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rejections stay small whatever the input: long texts are cut to an excerpt, size and hash. */
class RejectionTest {

  private static final SourceRef SOURCE = SourceRef.file("feed", "file.csv").atLine(1);

  @Test
  void aShortDetailIsKeptWhole() {
    String detail = "x".repeat(Rejection.MAX_DETAIL_CHARS);
    assertThat(new Rejection(RejectReason.MALFORMED, SOURCE, detail).detail()).isEqualTo(detail);
  }

  @Test
  void aLongDetailIsCutToAnExcerptWithTheWholeSizeAndHash() throws Exception {
    String detail = "é".repeat(1000) + "END"; // 2 UTF-8 bytes per é: 2,003 bytes
    String expectedHash =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(detail.getBytes(StandardCharsets.UTF_8)))
            .substring(0, 16);

    String cut = new Rejection(RejectReason.MALFORMED, SOURCE, detail).detail();

    assertThat(cut)
        .isEqualTo("é".repeat(512) + " …[2003 bytes, sha256 " + expectedHash + "]")
        .doesNotContain("END");
  }

  @Test
  void anExcerptNeverSplitsASurrogatePair() {
    String detail = "a" + "😀".repeat(600); // 511 chars would end in half of a pair
    String cut = Rejection.excerpt(detail, 512);
    assertThat(cut).startsWith("a" + "😀".repeat(255) + " …[");
  }

  @Test
  void aHugeFeedIdOrFileNameIsCutToo() {
    SourceRef source = SourceRef.kafka("k".repeat(100_000), "mobiflow.raw.counter_csv", 0, 42);
    Rejection rejection = new Rejection(RejectReason.MALFORMED, source, "bad");
    assertThat(rejection.source().feedId()).hasSizeLessThan(Rejection.MAX_NAME_CHARS + 50);
    assertThat(rejection.source().offset()).isEqualTo(42);
    assertThat(rejection.source().topic()).isEqualTo("mobiflow.raw.counter_csv");
  }

  /**
   * The case: a counter CSV whose header has a million columns. Its dead letter quoted the
   * whole header, 8.9 MB; now its JSON (as written to the dead-letter file and topic) is small.
   */
  @Test
  void theDeadLetterOfAMillionColumnLineIsAFewKilobytes() throws Exception {
    StringBuilder csv = new StringBuilder();
    for (int c = 0; c < 1_000_000; c++) {
      csv.append(c == 0 ? "" : ",").append("column").append(c);
    }
    csv.append("\n1,2,3\n");
    List<Rejection> rejections =
        new CounterCsvDecoder()
            .decode(Snapshots.of(FeedKind.COUNTER_CSV, "wide.csv", csv.toString())).stream()
                .filter(d -> !d.isOk())
                .map(Decoded::rejection)
                .toList();
    assertThat(rejections).isNotEmpty();
    for (Rejection rejection : rejections) {
      assertThat(JsonLines.MAPPER.writeValueAsBytes(rejection).length).isLessThan(2048);
    }
  }

  /** Worst case for JSON: control characters, each escaped as 6 bytes, in every text. */
  @Test
  void theJsonOfAnyRejectionStaysUnder8Kilobytes() throws Exception {
    String hostile = "\u0001".repeat(100_000);
    Rejection rejection =
        new Rejection(RejectReason.MALFORMED, SourceRef.file(hostile, hostile).atLine(7), hostile);
    assertThat(JsonLines.MAPPER.writeValueAsBytes(rejection).length).isLessThan(8192);
  }
}
