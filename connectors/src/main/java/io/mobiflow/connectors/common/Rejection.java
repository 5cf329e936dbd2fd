package io.mobiflow.connectors.common;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An input that did not become an event: what it was, where it came from and why. Rejections go to
 * the dead-letter output and are counted per reason; they are never dropped silently.
 *
 * <p>A rejection stays small whatever the input, so that it fits in a Kafka message and a log line:
 * a detail longer than {@link #MAX_DETAIL_CHARS} characters (a million-column CSV header quoted in
 * full, say), and a feed id or file name longer than {@link #MAX_NAME_CHARS}, are cut to an {@link
 * #excerpt} that ends with the whole text's size and hash, so the operator can still find it.
 *
 * @param reason the typed reason
 * @param source where the input came from
 * @param detail one line for a human: the field and the value, or the parser's message
 */
public record Rejection(RejectReason reason, SourceRef source, String detail) {

  /** The longest detail kept whole, in characters. */
  public static final int MAX_DETAIL_CHARS = 512;

  /** The longest feed id or file name of the source kept whole, in characters. */
  public static final int MAX_NAME_CHARS = 256;

  public Rejection {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(detail, "detail");
    detail = excerpt(detail, MAX_DETAIL_CHARS);
    String feedId = excerpt(source.feedId(), MAX_NAME_CHARS);
    String file = source.file() == null ? null : excerpt(source.file(), MAX_NAME_CHARS);
    if (!feedId.equals(source.feedId()) || !Objects.equals(file, source.file())) {
      source =
          new SourceRef(
              feedId, file, source.line(), source.topic(), source.partition(), source.offset());
    }
  }

  /**
   * {@code text} itself if it has at most {@code maxChars} characters; otherwise its first {@code
   * maxChars} characters (never half a surrogate pair) followed by {@code " …[N bytes, sha256
   * 0123456789abcdef]"}: the whole text's size in UTF-8 and the first 16 hex digits of the SHA-256
   * of those bytes (what {@code sha256sum} prints for a file holding exactly the text).
   */
  public static String excerpt(String text, int maxChars) {
    if (text.length() <= maxChars) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return text.substring(0, end)
        + " …["
        + bytes.length
        + " bytes, sha256 "
        + Sha256.hex(bytes).substring(0, 16)
        + "]";
  }

  @Override
  public String toString() {
    return reason + " at " + source + ": " + detail;
  }
}
