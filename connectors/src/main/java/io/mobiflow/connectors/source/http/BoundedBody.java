package io.mobiflow.connectors.source.http;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Reads an HTTP body within limits as it streams, never holding more than the limit: the bytes
 * received are counted against the declared {@code Content-Length} (fewer is a truncated body), a
 * {@code gzip} body is decompressed on the fly with the size limit applied to the decompressed
 * bytes and, past {@value #RATIO_FLOOR} bytes, a limit of {@value #MAX_GZIP_RATIO} decompressed
 * bytes per byte received (the real feeds of the test resources compress 1 to 45 times; a bomb of
 * zeros, a thousand). Data after the end of the gzip stream is refused, not dropped.
 */
final class BoundedBody {

  /** The most a gzip body may expand, once over {@link #RATIO_FLOOR} bytes decompressed. */
  static final int MAX_GZIP_RATIO = 200;

  /** Decompressed bytes under which the ratio is not judged (small documents vary widely). */
  static final int RATIO_FLOOR = 1 << 20;

  private BoundedBody() {}

  /** A body refused while reading; its message is the poll's reason. */
  static final class Refused extends IOException {
    private static final long serialVersionUID = 1L;

    Refused(String reason) {
      super(reason);
    }
  }

  /**
   * The body's bytes, decompressed.
   *
   * @param in the body as received; closed when done
   * @param contentEncoding the {@code Content-Encoding} header, or {@code null}
   * @param declaredLength the {@code Content-Length} header, or -1
   * @param maxBytes the largest body accepted
   * @throws Refused when the body is over a limit, truncated, or in an unsupported encoding
   */
  static byte[] read(InputStream in, String contentEncoding, long declaredLength, long maxBytes)
      throws IOException {
    String encoding =
        contentEncoding == null ? "identity" : contentEncoding.trim().toLowerCase(Locale.ROOT);
    boolean gzip = encoding.equals("gzip") || encoding.equals("x-gzip");
    if (!gzip && !encoding.equals("identity")) {
      in.close();
      throw new Refused("unsupported Content-Encoding: " + contentEncoding);
    }
    try (CountingStream received = new CountingStream(in);
        InputStream body = gzip ? new GZIPInputStream(received, 1 << 13) : received) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[1 << 16];
      long total = 0;
      int n;
      while ((n = body.read(buffer)) >= 0) {
        total += n;
        if (total > maxBytes) {
          throw new Refused(
              "body over the limit of " + maxBytes + " bytes" + (gzip ? " once decompressed" : ""));
        }
        if (gzip && total > RATIO_FLOOR && total > MAX_GZIP_RATIO * received.count) {
          throw new Refused(
              "gzip body over "
                  + MAX_GZIP_RATIO
                  + " times its compressed size ("
                  + total
                  + " bytes from "
                  + received.count
                  + "): refused as a bomb");
        }
        out.write(buffer, 0, n);
      }
      if (gzip && received.read() >= 0) { // GZIPInputStream stops at the end of a member
        throw new Refused("data after the end of the gzip stream");
      }
      if (declaredLength >= 0 && received.count != declaredLength) {
        throw new Refused(
            "truncated body: " + received.count + " of " + declaredLength + " bytes declared");
      }
      return out.toByteArray();
    }
  }

  /** Counts the bytes read through it. */
  private static final class CountingStream extends FilterInputStream {
    long count;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}
