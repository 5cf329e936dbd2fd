package io.mobiflow.jobs.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mobiflow.connectors.sink.JsonLines;
import io.mobiflow.jobs.suggest.Suggestion;
import io.mobiflow.jobs.suggest.SuggestionAlerts;
import io.mobiflow.jobs.suggest.SuggestionType;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * The read-only HTTP API over a {@link SuggestionBoard}:
 *
 * <ul>
 *   <li>{@code GET /gtfs-rt/alerts.pb}: the suggestions valid now as a GTFS-Realtime Alerts feed
 *       (protobuf, FULL_DATASET);
 *   <li>{@code GET /suggestions[?type=shared_vehicle_for_delay,...]}: the same as JSON, at most
 *       {@link #MAX_SUGGESTIONS} (with {@code truncated});
 *   <li>{@code GET /}: the endpoints and the board's clock.
 * </ul>
 *
 * Anything else is 404, other methods 405, bad parameters 400, each with a JSON {@code error}
 * saying why.
 */
public final class TravellerApi implements AutoCloseable {

  /** The most suggestions one JSON answer carries. */
  public static final int MAX_SUGGESTIONS = 5000;

  private final SuggestionBoard board;
  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(4);

  /** Binds to {@code host:port} (port 0: any free port) and starts serving. */
  public TravellerApi(SuggestionBoard board, String host, int port) throws IOException {
    this.board = board;
    this.server = HttpServer.create(new InetSocketAddress(host, port), 64);
    server.createContext("/", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  /** The port served on. */
  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("GET")) {
        exchange.getResponseHeaders().add("Allow", "GET");
        error(exchange, 405, "only GET is served (read-only API)");
        return;
      }
      try {
        route(exchange);
      } catch (BadRequest e) {
        error(exchange, 400, e.getMessage());
      }
    }
  }

  private void route(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    switch (path) {
      case "/" -> json(exchange, 200, index());
      case "/gtfs-rt/alerts.pb" ->
          send(
              exchange,
              200,
              "application/x-protobuf",
              SuggestionAlerts.feed(board.current(), board.clock()));
      case "/suggestions" -> suggestions(exchange, query);
      default -> error(exchange, 404, "no such resource: " + path);
    }
  }

  private void suggestions(HttpExchange exchange, Map<String, String> query) throws IOException {
    List<Suggestion> current = board.current();
    String types = query.get("type");
    if (types != null) {
      List<SuggestionType> wanted =
          Arrays.stream(types.split(",")).map(TravellerApi::type).toList();
      current = current.stream().filter(s -> wanted.contains(s.type())).toList();
    }
    ObjectNode body = JsonLines.MAPPER.createObjectNode();
    body.put("clock", board.clock().toString());
    body.put("count", current.size());
    body.put("truncated", current.size() > MAX_SUGGESTIONS);
    body.set(
        "suggestions",
        JsonLines.MAPPER.valueToTree(
            current.subList(0, Math.min(current.size(), MAX_SUGGESTIONS))));
    json(exchange, 200, body);
  }

  private static SuggestionType type(String name) {
    try {
      return SuggestionType.valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadRequest(
          "unknown type '"
              + name
              + "' (known: "
              + Arrays.stream(SuggestionType.values())
                  .map(t -> t.name().toLowerCase(Locale.ROOT))
                  .collect(Collectors.joining(", "))
              + ")");
    }
  }

  private ObjectNode index() {
    ObjectNode body = JsonLines.MAPPER.createObjectNode();
    body.put("clock", board.clock().toString());
    body.put("suggestions", board.current().size());
    ObjectNode endpoints = body.putObject("endpoints");
    endpoints.put("/gtfs-rt/alerts.pb", "the suggestions valid now, GTFS-Realtime Alerts");
    endpoints.put("/suggestions", "the same as JSON; ?type=a,b filters by type");
    return body;
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> query = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return query;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new BadRequest("malformed query parameter '" + pair + "'");
      }
      String name = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
      if (!name.equals("type")) {
        throw new BadRequest("unknown parameter '" + name + "' (known: type)");
      }
      query.put(name, URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return query;
  }

  private static void error(HttpExchange exchange, int status, String message) throws IOException {
    ObjectNode body = JsonLines.MAPPER.createObjectNode();
    body.put("error", message);
    json(exchange, status, body);
  }

  private static void json(HttpExchange exchange, int status, ObjectNode body) throws IOException {
    send(exchange, status, "application/json", JsonLines.MAPPER.writeValueAsBytes(body));
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.getResponseHeaders().add("Cache-Control", "no-cache");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** A request the API cannot answer as asked: 400, with the reason. */
  private static final class BadRequest extends RuntimeException {
    BadRequest(String message) {
      super(message);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
