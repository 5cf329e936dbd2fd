package io.mobiflow.connectors.counters.decode;

import io.mobiflow.connectors.common.FeedKind;
import java.nio.charset.StandardCharsets;

/**
 * Which counter format a document is, from its first bytes: the counter decoders use it to refuse a
 * document of another format ({@code RejectReason.WRONG_KIND}), {@code inspect} to pick the
 * decoder.
 */
public final class CounterKinds {

  private CounterKinds() {}

  /**
   * The counter kind of a document, or {@code null} when it is none: XML naming a {@code
   * MeasuredDataPublication} is DATEX II; otherwise the first line (after a byte-order mark) tells
   * the Paris archive ({@code iu_ac,…}), the Paris portal export ({@code Identifiant arc;…}) or the
   * generic CSV ({@link CounterCsvDecoder#HEADER}).
   */
  public static FeedKind detect(byte[] payload) {
    String head = new String(payload, 0, Math.min(payload.length, 4096), StandardCharsets.UTF_8);
    if (head.startsWith("\uFEFF")) {
      head = head.substring(1);
    }
    if (head.stripLeading().startsWith("<")) {
      return new String(payload, StandardCharsets.UTF_8).contains("MeasuredDataPublication")
          ? FeedKind.COUNTER_DATEX2
          : null;
    }
    String header = head.split("\r?\n", 2)[0];
    if (header.startsWith("iu_ac,")) {
      return FeedKind.COUNTER_PARIS_ARCHIVE;
    }
    if (header.startsWith("Identifiant arc;")) {
      return FeedKind.COUNTER_PARIS_PORTAL;
    }
    return header.trim().equals(CounterCsvDecoder.HEADER) ? FeedKind.COUNTER_CSV : null;
  }
}
