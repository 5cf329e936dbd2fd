package io.mobiflow.connectors.source.http;

import com.google.transit.realtime.GtfsRealtime.FeedHeader;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mobiflow.connectors.Snapshots;
import io.mobiflow.connectors.common.FeedKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real HTTP server on 127.0.0.1 (the JDK's) serving the real feed files, with the ways real
 * endpoints misbehave: a slow answer, an answer that never comes, a body trickled a byte at a time,
 * a 500, a truncated body, an oversized body, a gzip bomb, redirects (to the same host, to
 * localhost, in a loop), an ETag that changes on identical content, documents dated out of any
 * range, and conditional requests answered with 304. Register it as a JUnit extension: it starts
 * before the class's tests and stops after them. Handlers that wait give up within {@link
 * #LONGEST_WAIT} or when the server stops, so no test leaves a thread behind for long.
 */
final class FeedServer implements BeforeAllCallback, AfterAllCallback {

  static final byte[] VEHICLE_POSITIONS =
      Snapshots.resource(
              FeedKind.GTFS_RT_VEHICLE_POSITIONS, "/real/caltrain/ct-vehicle-positions.pb")
          .payload();
  static final byte[] STATION_STATUS =
      Snapshots.resource(
              FeedKind.GBFS_STATION_STATUS, "/real/gbfs/velib-paris/station_status.json.gz")
          .payload();
  static final String LAST_MODIFIED = "Tue, 19 Nov 2024 08:22:18 GMT";

  /** A counter CSV: no document time, so only its bytes say whether it changed. */
  static final byte[] COUNTER_CSV =
      "sensor_id,timestamp,flow\nS1,2024-11-19T08:00:00Z,42\n".getBytes(StandardCharsets.UTF_8);

  /** A FeedMessage whose header timestamp, 1e17 s, lies beyond what an Instant can hold. */
  static final byte[] RT_DATED_1E17 =
      FeedMessage.newBuilder()
          .setHeader(
              FeedHeader.newBuilder()
                  .setGtfsRealtimeVersion("2.0")
                  .setTimestamp(100_000_000_000_000_000L))
          .build()
          .toByteArray();

  /** A GBFS station_status whose last_updated, 1e18 s, lies beyond what an Instant can hold. */
  static final byte[] GBFS_DATED_1E18 =
      "{\"last_updated\": 1e18, \"ttl\": 0, \"version\": \"2.3\", \"data\": {\"stations\": []}}"
          .getBytes(StandardCharsets.UTF_8);

  /** What some servers send with a 200 instead of the feed. */
  static final byte[] HTML_ERROR_PAGE =
      "<html><body>Service unavailable</body></html>".getBytes(StandardCharsets.UTF_8);

  /** The longest a handler waits before it answers or gives up. */
  static final long LONGEST_WAIT = 20_000;

  final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger etags = new AtomicInteger();
  private final CountDownLatch stopping = new CountDownLatch(1);
  private final ExecutorService handlers = Executors.newCachedThreadPool();
  private HttpServer server;

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(handlers);
    server.createContext("/vp.pb", this::vehiclePositions);
    server.createContext("/station_status.json", this::stationStatus);
    server.createContext(
        "/slow",
        ex -> {
          sleep(3_000);
          send(ex, 200, VEHICLE_POSITIONS);
        });
    server.createContext("/fail", ex -> send(ex, 500, "internal error".getBytes()));
    server.createContext(
        "/hang",
        ex -> {
          requests.incrementAndGet();
          await(LONGEST_WAIT); // never answers, as far as any poll's deadline goes
          ex.close();
        });
    server.createContext(
        "/trickle",
        ex -> {
          requests.incrementAndGet();
          ex.sendResponseHeaders(200, 0);
          try (OutputStream out = ex.getResponseBody()) {
            // one byte a second: the whole document would take 729 s
            for (int i = 0; i < LONGEST_WAIT / 1_000; i++) {
              out.write(VEHICLE_POSITIONS[i]);
              out.flush();
              if (await(1_000)) {
                break;
              }
            }
          } catch (IOException e) {
            // the client gave up at its deadline
          }
        });
    server.createContext(
        "/redirect-same-host", ex -> redirect(ex, "/vp.pb")); // relative: same host
    server.createContext(
        "/redirect-other-host",
        ex -> redirect(ex, "http://localhost:" + server.getAddress().getPort() + "/vp.pb"));
    server.createContext("/redirect-loop", ex -> redirect(ex, "/redirect-loop"));
    server.createContext(
        "/gzip-bomb",
        ex -> {
          ex.getResponseHeaders().add("Content-Encoding", "gzip");
          sendQuietly(ex, GzipBomb.BYTES);
        });
    server.createContext(
        "/gzip-vp",
        ex -> {
          ex.getResponseHeaders().add("Content-Encoding", "gzip");
          send(ex, 200, gzip(VEHICLE_POSITIONS));
        });
    server.createContext(
        "/gzip-truncated",
        ex -> {
          requests.incrementAndGet();
          byte[] whole = gzip(VEHICLE_POSITIONS);
          ex.getResponseHeaders().add("Content-Encoding", "gzip");
          ex.sendResponseHeaders(200, whole.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(Arrays.copyOf(whole, whole.length / 2));
            out.flush();
          }
          ex.close();
        });
    server.createContext(
        "/new-etag-same-bytes",
        ex -> {
          ex.getResponseHeaders().add("ETag", "\"e" + etags.incrementAndGet() + "\"");
          send(ex, 200, COUNTER_CSV);
        });
    server.createContext("/rt-dated-1e17", ex -> send(ex, 200, RT_DATED_1E17));
    server.createContext("/html", ex -> send(ex, 200, HTML_ERROR_PAGE));
    server.createContext("/gbfs-dated-1e18", ex -> send(ex, 200, GBFS_DATED_1E18));
    server.createContext(
        "/declares-1-gib",
        ex -> {
          requests.incrementAndGet();
          ex.sendResponseHeaders(200, 1L << 30);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(VEHICLE_POSITIONS); // then nothing: a client reading on would wait
            out.flush();
            await(LONGEST_WAIT);
          } catch (IOException e) {
            // the client refused the body
          }
          ex.close();
        });
    server.createContext(
        "/truncated",
        ex -> {
          requests.incrementAndGet();
          ex.sendResponseHeaders(200, VEHICLE_POSITIONS.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(Arrays.copyOf(VEHICLE_POSITIONS, VEHICLE_POSITIONS.length / 2));
            out.flush();
          }
          ex.close();
        });
    server.createContext(
        "/big-chunked",
        ex -> {
          requests.incrementAndGet();
          ex.sendResponseHeaders(200, 0); // chunked: no Content-Length to refuse early
          try (OutputStream out = ex.getResponseBody()) {
            for (int i = 0; i < 40; i++) {
              out.write(STATION_STATUS);
            }
          } catch (IOException e) {
            // the client stopped reading at its limit
          }
        });
    server.start();
  }

  URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private void vehiclePositions(HttpExchange ex) throws IOException {
    if ("\"v1\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
      requests.incrementAndGet();
      ex.sendResponseHeaders(304, -1);
      ex.close();
      return;
    }
    ex.getResponseHeaders().add("ETag", "\"v1\"");
    send(ex, 200, VEHICLE_POSITIONS);
  }

  private void stationStatus(HttpExchange ex) throws IOException {
    if (LAST_MODIFIED.equals(ex.getRequestHeaders().getFirst("If-Modified-Since"))) {
      requests.incrementAndGet();
      ex.sendResponseHeaders(304, -1);
      ex.close();
      return;
    }
    ex.getResponseHeaders().add("Last-Modified", LAST_MODIFIED);
    send(ex, 200, STATION_STATUS);
  }

  private void redirect(HttpExchange ex, String location) throws IOException {
    requests.incrementAndGet();
    ex.getResponseHeaders().add("Location", location);
    ex.sendResponseHeaders(302, -1);
    ex.close();
  }

  /** Sends a body the client may stop reading at its limit. */
  private void sendQuietly(HttpExchange ex, byte[] body) {
    try {
      send(ex, 200, body);
    } catch (IOException e) {
      // the client closed the connection: it read enough
    }
    ex.close();
  }

  static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * 1 GiB of zeros gzipped, in about 1 MB, made on first use, never stored. After a full flush a
   * deflater starts afresh, so 1 MiB of zeros deflates to the same block every time: the body is
   * that block 1,024 times, a final empty block and the gzip trailer (a valid gzip stream; {@code
   * gzip -dc} gives the 1 GiB).
   */
  static final class GzipBomb {
    static final long INFLATED = 1L << 30;
    static final byte[] BYTES = make();

    private static byte[] make() {
      byte[] zeros = new byte[1 << 20];
      Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
      deflater.setInput(zeros);
      ByteArrayOutputStream deflated = new ByteArrayOutputStream();
      byte[] buffer = new byte[1 << 16];
      int n;
      while ((n = deflater.deflate(buffer, 0, buffer.length, Deflater.FULL_FLUSH)) > 0) {
        deflated.write(buffer, 0, n);
      }
      deflater.end();
      byte[] block = deflated.toByteArray();
      CRC32 crc = new CRC32();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff});
      for (long i = 0; i < INFLATED / zeros.length; i++) {
        out.writeBytes(block);
        crc.update(zeros);
      }
      out.writeBytes(new byte[] {3, 0}); // the final block: empty, fixed Huffman codes
      ByteBuffer trailer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      trailer.putInt((int) crc.getValue()).putInt((int) INFLATED); // sizes are mod 2^32
      out.writeBytes(trailer.array());
      return out.toByteArray();
    }
  }

  private void send(HttpExchange ex, int status, byte[] body) throws IOException {
    requests.incrementAndGet();
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  /** Waits until the server stops or {@code millis} pass; true when the server stops. */
  private boolean await(long millis) {
    try {
      return stopping.await(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stopping.countDown();
    server.stop(0);
    handlers.shutdownNow();
  }
}
