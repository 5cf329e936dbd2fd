package io.mobiflow.app.serve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for what a client library hides: several requests on one
 * connection, a header never finished, a connection held from another loopback address (127.0.0.2,
 * ...: Linux routes all of 127/8 to the loopback interface).
 */
final class RawHttp {

  /** One answer: status, headers (names in lower case), body. */
  record Reply(int status, Map<String, String> headers, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private RawHttp() {}

  /** A connection to the server from {@code from} (a loopback address). */
  static Socket connect(int port, String from) throws IOException {
    Socket socket = new Socket();
    socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
    socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
    socket.setSoTimeout(5000);
    return socket;
  }

  /** A connection that sent the start of a request and never its end. */
  static Socket halfOpen(int port, String from) throws IOException {
    Socket socket = connect(port, from);
    send(socket, "GET /suggestions HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
    return socket;
  }

  static void send(Socket socket, String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
  }

  /** Sends {@code method path} and reads the answer (no body for HEAD). */
  static Reply exchange(Socket socket, String method, String path) throws IOException {
    send(socket, method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    return read(socket, method.equals("HEAD"));
  }

  /** Reads the status line and headers, and the body by its Content-Length unless {@code head}. */
  static Reply read(Socket socket, boolean head) throws IOException {
    InputStream in = socket.getInputStream();
    String status = line(in);
    if (status == null) {
      throw new IOException("the server closed the connection without an answer");
    }
    Map<String, String> headers = new HashMap<>();
    for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
      int colon = line.indexOf(':');
      headers.put(
          line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).trim());
    }
    int length = head ? 0 : Integer.parseInt(headers.getOrDefault("content-length", "0"));
    return new Reply(Integer.parseInt(status.split(" ")[1]), headers, in.readNBytes(length));
  }

  /** Whether the server closes {@code socket} within {@code bound} (what it sends is skipped). */
  static boolean closedWithin(Socket socket, Duration bound) throws IOException {
    long deadline = System.nanoTime() + bound.toNanos();
    socket.setSoTimeout(100);
    while (System.nanoTime() < deadline) {
      try {
        if (socket.getInputStream().read() < 0) {
          return true;
        }
      } catch (SocketTimeoutException stillOpen) {
        // look again
      } catch (SocketException reset) {
        return true;
      }
    }
    return false;
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b >= 0; b = in.read()) {
      if (b == '\n') {
        return line.toString(StandardCharsets.ISO_8859_1).stripTrailing();
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }
}
