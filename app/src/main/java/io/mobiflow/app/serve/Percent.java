package io.mobiflow.app.serve;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Percent-decoding of one URI component (RFC 3986), once: {@code %25zz} is {@code %zz}, {@code %2F}
 * a slash inside the component, and {@code +} stays a plus (spaces are {@code %20}).
 */
final class Percent {

  private Percent() {}

  /**
   * The text {@code raw} encodes.
   *
   * @throws IllegalArgumentException for a {@code %} not followed by two hex digits, or bytes that
   *     are not UTF-8
   */
  static String decode(String raw) {
    if (raw.indexOf('%') < 0) {
      return raw;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      int c = raw.codePointAt(i);
      if (c != '%') {
        byte[] plain = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8);
        bytes.write(plain, 0, plain.length);
        i += Character.charCount(c) - 1;
        continue;
      }
      int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
      int low = high < 0 ? -1 : Character.digit(raw.charAt(i + 2), 16);
      if (low < 0) {
        throw new IllegalArgumentException(
            "'%' must be followed by two hex digits in '" + raw + "'");
      }
      bytes.write(high * 16 + low);
      i += 2;
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("'" + raw + "' does not encode UTF-8 text");
    }
  }
}
