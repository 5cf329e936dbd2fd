package io.mobiflow.app.serve;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.NanoTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request, without personal data: the time, a client tag, the method, the path without
 * its query values (their names only), the status, the bytes sent and the duration:
 *
 * <pre>2026-01-13T07:31:30.123Z client=3f9a1c0e GET /zones/Z01/flows?from&amp;to 200 5123B 12ms
 * </pre>
 *
 * The client tag is the first 8 hex digits of an HMAC-SHA256 of the client's address under a key
 * drawn at start and never written: lines of one client can be told apart within a run, the address
 * cannot be recovered from them, and tags of two runs cannot be joined. Written to a file
 * (appended) or to the application log ({@code io.mobiflow.app.serve.access}, INFO).
 */
final class AccessLog implements RequestLog, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger("io.mobiflow.app.serve.access");

  private final Mac tagger;
  private final BufferedWriter file;

  /** Writes to {@code file}, appended, or to the application log when null. */
  AccessLog(Path file) throws IOException {
    try {
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      this.tagger = Mac.getInstance("HmacSHA256");
      tagger.init(new SecretKeySpec(key, "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has HmacSHA256", e);
    }
    this.file =
        file == null
            ? null
            : Files.newBufferedWriter(
                file,
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND,
                StandardOpenOption.WRITE);
  }

  @Override
  public void log(Request request, Response response) {
    String line =
        Instant.ofEpochMilli(Request.getTimeStamp(request))
            + " client="
            + tag(request.getConnectionMetaData().getRemoteSocketAddress())
            + " "
            + request.getMethod()
            + " "
            + pathAndParameterNames(request.getHttpURI().getPath(), request.getHttpURI().getQuery())
            + " "
            + response.getStatus()
            + " "
            + (request.getMethod().equals("HEAD") ? 0 : Response.getContentBytesWritten(response))
            + "B "
            + TimeUnit.NANOSECONDS.toMillis(NanoTime.since(request.getBeginNanoTime()))
            + "ms";
    if (file == null) {
      LOG.info(line);
      return;
    }
    synchronized (this) {
      try {
        file.write(line);
        file.newLine();
        file.flush();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the access log", e);
      }
    }
  }

  /** The path as sent, and the names of the query's parameters without their values. */
  static String pathAndParameterNames(String path, String query) {
    if (query == null || query.isEmpty()) {
      return path;
    }
    StringBuilder line = new StringBuilder(path).append('?');
    String[] pairs = query.split("&");
    for (int i = 0; i < pairs.length; i++) {
      int eq = pairs[i].indexOf('=');
      line.append(i == 0 ? "" : "&").append(eq < 0 ? pairs[i] : pairs[i].substring(0, eq));
    }
    return line.toString();
  }

  private synchronized String tag(SocketAddress remote) {
    String address =
        remote instanceof InetSocketAddress inet && inet.getAddress() != null
            ? inet.getAddress().getHostAddress()
            : String.valueOf(remote);
    byte[] mac = tagger.doFinal(address.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(mac, 0, 4);
  }

  @Override
  public synchronized void close() throws IOException {
    if (file != null) {
      file.close();
    }
  }
}
