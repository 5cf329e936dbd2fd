package io.mobiflow.connectors.source.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mobiflow.connectors.Snapshots;
import io.mobiflow.connectors.common.FeedKind;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real HTTP server on 127.0.0.1 (the JDK's) serving the real feed files, with the ways real
 * endpoints misbehave: a slow answer, a 500, a truncated body, an oversized body, and conditional
 * requests answered with 304. Register it as a JUnit extension: it starts before the class's tests
 * and stops after them.
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

  final AtomicInteger requests = new AtomicInteger();
  private HttpServer server;

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
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

  private void send(HttpExchange ex, int status, byte[] body) throws IOException {
    requests.incrementAndGet();
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
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
    server.stop(0);
  }
}
