package io.mobiflow.jobs.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mobiflow.connectors.sink.JsonLines;
import io.mobiflow.geodata.locate.Zone;
import io.mobiflow.jobs.suggest.Suggestion;
import io.mobiflow.jobs.suggest.SuggestionAlerts;
import io.mobiflow.jobs.suggest.SuggestionType;
import io.mobiflow.jobs.zoneflow.SpatialUnit;
import io.mobiflow.jobs.zoneflow.ZoneFlow;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.io.geojson.GeoJsonWriter;

/**
 * The read-only HTTP API of {@code mobiflow serve} (described in {@code /openapi.json}):
 *
 * <ul>
 *   <li>{@code GET /zones[?bbox=w,s,e,n]}: a GeoJSON FeatureCollection of the zones with their
 *       latest indicators;
 *   <li>{@code GET /zones/{id}}: one zone as a Feature; {@code GET /zones/{id}/flows?from=&to=}:
 *       its indicators over a time range;
 *   <li>{@code GET /stops/{id}}: a stop's latest indicators and the suggestions valid there;
 *   <li>{@code GET /suggestions[?type=...]} and {@code GET /gtfs-rt/alerts.pb}: the suggestions
 *       valid now, as JSON and as a GTFS-Realtime Alerts feed;
 *   <li>{@code GET /events}: a server-sent-events stream of new suggestion records ({@code
 *       suggestion}) and new or changed indicators ({@code flow});
 *   <li>{@code GET /openapi.json}, {@code GET /}.
 * </ul>
 *
 * Anything else is 404, other methods 405, bad parameters 400, each with a JSON {@code error}
 * saying why. Answers are bounded: at most {@link #MAX_ITEMS} items (with {@code truncated}), time
 * ranges of at most {@link #MAX_RANGE}, at most {@link #MAX_STREAMS} open event streams.
 */
public final class TravellerApi implements AutoCloseable {

  /** The most items (suggestions, features, flows) one answer carries. */
  public static final int MAX_ITEMS = 5000;

  /** The longest time range of one flows query. */
  public static final Duration MAX_RANGE = Duration.ofDays(31);

  /** The most event streams open at once. */
  public static final int MAX_STREAMS = 16;

  private static final Duration HEARTBEAT = Duration.ofSeconds(15);

  /** Decimals of GeoJSON coordinates: 1e-9 degree is a tenth of a millimetre. */
  private static final int GEOJSON_DECIMALS = 9;

  private final SuggestionBoard suggestions;
  private final FlowBoard flows;
  private final Events events;
  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(MAX_STREAMS + 8);
  private final byte[] openApi;

  /**
   * Binds to {@code host:port} (port 0: any free port) and starts serving.
   *
   * @param flows the indicators, or null when no flow tables are served (zone and stop resources
   *     are then 404)
   */
  public TravellerApi(
      SuggestionBoard suggestions, FlowBoard flows, Events events, String host, int port)
      throws IOException {
    this.suggestions = suggestions;
    this.flows = flows;
    this.events = events;
    try (InputStream in = TravellerApi.class.getResourceAsStream("/openapi.json")) {
      if (in == null) {
        throw new IOException("openapi.json is missing from the class path");
      }
      this.openApi = in.readAllBytes();
    }
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
      } catch (NotFound e) {
        error(exchange, 404, e.getMessage());
      }
    }
  }

  private void route(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String[] parts = path.substring(1).split("/", -1);
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    if (path.equals("/")) {
      allow(query);
      json(exchange, 200, index());
    } else if (path.equals("/openapi.json")) {
      allow(query);
      send(exchange, 200, "application/json", openApi);
    } else if (path.equals("/gtfs-rt/alerts.pb")) {
      allow(query);
      send(
          exchange,
          200,
          "application/x-protobuf",
          SuggestionAlerts.feed(suggestions.current(), suggestions.clock()));
    } else if (path.equals("/suggestions")) {
      allow(query, "type");
      suggestions(exchange, query);
    } else if (path.equals("/events")) {
      allow(query);
      stream(exchange);
    } else if (path.equals("/zones")) {
      allow(query, "bbox");
      zones(exchange, query);
    } else if (parts.length == 2 && parts[0].equals("zones")) {
      allow(query);
      json(exchange, 200, feature(zone(parts[1])));
    } else if (parts.length == 3 && parts[0].equals("zones") && parts[2].equals("flows")) {
      allow(query, "from", "to");
      zoneFlows(exchange, zone(parts[1]), query);
    } else if (parts.length == 2 && parts[0].equals("stops")) {
      allow(query);
      stop(exchange, id(parts[1]));
    } else {
      throw new NotFound("no such resource: " + path + " (see /openapi.json)");
    }
  }

  private void suggestions(HttpExchange exchange, Map<String, String> query) throws IOException {
    List<Suggestion> current = suggestions.current();
    String types = query.get("type");
    if (types != null) {
      List<SuggestionType> wanted =
          Arrays.stream(types.split(",")).map(TravellerApi::type).toList();
      current = current.stream().filter(s -> wanted.contains(s.type())).toList();
    }
    ObjectNode body = JsonLines.MAPPER.createObjectNode();
    body.put("clock", suggestions.clock().toString());
    putBounded(body, "suggestions", current);
    json(exchange, 200, body);
  }

  private void zones(HttpExchange exchange, Map<String, String> query) throws IOException {
    Envelope box = query.containsKey("bbox") ? bbox(query.get("bbox")) : null;
    List<Zone> zones =
        flowBoard().zones().stream()
            .filter(z -> box == null || box.intersects(z.geometry().getEnvelopeInternal()))
            .toList();
    ObjectNode collection = JsonLines.MAPPER.createObjectNode();
    collection.put("type", "FeatureCollection");
    ArrayNode features = collection.putArray("features");
    zones.stream().limit(MAX_ITEMS).forEach(z -> features.add(feature(z)));
    collection.put("truncated", zones.size() > MAX_ITEMS);
    json(exchange, 200, collection);
  }

  private void zoneFlows(HttpExchange exchange, Zone zone, Map<String, String> query)
      throws IOException {
    Instant from = time(query, "from");
    Instant to = time(query, "to");
    if (!to.isAfter(from)) {
      throw new BadRequest("'to' must be after 'from'");
    }
    if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
      throw new BadRequest("the time range is longer than " + MAX_RANGE.toDays() + " days");
    }
    List<ZoneFlow> found =
        flowBoard().store().readFlows(SpatialUnit.ZONE, zone.id(), from, to, MAX_ITEMS + 1);
    ObjectNode body = JsonLines.MAPPER.createObjectNode();
    body.put("zone", zone.id());
    putBounded(body, "flows", found);
    json(exchange, 200, body);
  }

  private void stop(HttpExchange exchange, String id) throws IOException {
    ZoneFlow latest = flows == null ? null : flows.latest(SpatialUnit.STOP, id).orElse(null);
    List<Suggestion> here =
        suggestions.current().stream().filter(s -> id.equals(s.stopId())).toList();
    if (latest == null && here.isEmpty()) {
      throw new NotFound("no indicators or suggestions for stop '" + id + "'");
    }
    ObjectNode body = JsonLines.MAPPER.createObjectNode();
    body.put("stop", id);
    body.set("indicators", JsonLines.MAPPER.valueToTree(latest));
    putBounded(body, "suggestions", here);
    json(exchange, 200, body);
  }

  /** Streams events until the client goes, the server stops, or the client falls behind. */
  private void stream(HttpExchange exchange) throws IOException {
    if (events.subscribers() >= MAX_STREAMS) {
      error(exchange, 503, "too many event streams open (" + MAX_STREAMS + ")");
      return;
    }
    BlockingQueue<Events.Event> queue = events.subscribe();
    exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
    exchange.getResponseHeaders().add("Cache-Control", "no-cache");
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(": mobiflow events: suggestion, flow\n\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      while (events.isSubscribed(queue)) {
        Events.Event event = queue.poll(HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
        String text =
            event == null
                ? ": heartbeat\n\n"
                : "event: " + event.name() + "\ndata: " + event.json() + "\n\n";
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    } catch (InterruptedException stopping) {
      Thread.currentThread().interrupt();
    } catch (IOException clientGone) {
      // the client closed the stream
    } finally {
      events.unsubscribe(queue);
    }
  }

  private FlowBoard flowBoard() {
    if (flows == null) {
      throw new NotFound("no flow tables are served (start serve on a run with flow tables)");
    }
    return flows;
  }

  private Zone zone(String rawId) {
    String id = id(rawId);
    return flowBoard().zone(id).orElseThrow(() -> new NotFound("no zone '" + id + "'"));
  }

  private ObjectNode feature(Zone zone) {
    ObjectNode feature = JsonLines.MAPPER.createObjectNode();
    feature.put("type", "Feature");
    feature.put("id", zone.id());
    GeoJsonWriter writer = new GeoJsonWriter(GEOJSON_DECIMALS);
    writer.setEncodeCRS(false);
    try {
      feature.set("geometry", JsonLines.MAPPER.readTree(writer.write(zone.geometry())));
    } catch (IOException e) {
      throw new IllegalStateException("JTS writes JSON", e);
    }
    ObjectNode properties = feature.putObject("properties");
    properties.put("id", zone.id());
    properties.put("name", zone.name());
    ZoneFlow latest = flows.latest(SpatialUnit.ZONE, zone.id()).orElse(null);
    properties.set("indicators", JsonLines.MAPPER.valueToTree(latest));
    return feature;
  }

  private ObjectNode index() {
    ObjectNode body = JsonLines.MAPPER.createObjectNode();
    body.put("clock", suggestions.clock().toString());
    body.put("suggestions", suggestions.current().size());
    body.put("zones", flows == null ? 0 : flows.zones().size());
    body.put("openapi", "/openapi.json");
    return body;
  }

  private static void putBounded(ObjectNode body, String name, List<?> items) {
    body.put("count", Math.min(items.size(), MAX_ITEMS));
    body.put("truncated", items.size() > MAX_ITEMS);
    body.set(
        name, JsonLines.MAPPER.valueToTree(items.subList(0, Math.min(items.size(), MAX_ITEMS))));
  }

  private static String id(String raw) {
    String id = URLDecoder.decode(raw, StandardCharsets.UTF_8);
    if (id.isBlank() || id.length() > 200 || id.chars().anyMatch(Character::isISOControl)) {
      throw new BadRequest("not an id: '" + raw + "'");
    }
    return id;
  }

  /** {@code west,south,east,north} in degrees (WGS 84). */
  static Envelope bbox(String text) {
    String[] parts = text.split(",", -1);
    if (parts.length != 4) {
      throw new BadRequest("bbox must be west,south,east,north in degrees, not '" + text + "'");
    }
    double[] v = new double[4];
    for (int i = 0; i < 4; i++) {
      try {
        v[i] = Double.parseDouble(parts[i].trim());
      } catch (NumberFormatException e) {
        throw new BadRequest("bbox value '" + parts[i] + "' is not a number");
      }
      if (!Double.isFinite(v[i])) {
        throw new BadRequest("bbox value '" + parts[i] + "' is not finite");
      }
    }
    if (v[0] < -180 || v[2] > 180 || v[1] < -90 || v[3] > 90 || v[0] > v[2] || v[1] > v[3]) {
      throw new BadRequest(
          "bbox must have west <= east within -180..180 and south <= north within -90..90");
    }
    return new Envelope(v[0], v[2], v[1], v[3]);
  }

  private static Instant time(Map<String, String> query, String name) {
    String text = query.get(name);
    if (text == null) {
      throw new BadRequest("'" + name + "' is required (ISO-8601, e.g. 2026-01-13T06:00:00Z)");
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new BadRequest("'" + name + "' is not an ISO-8601 instant: '" + text + "'");
    }
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
      query.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return query;
  }

  private static void allow(Map<String, String> query, String... known) {
    Set<String> allowed = Set.of(known);
    for (String name : query.keySet()) {
      if (!allowed.contains(name)) {
        throw new BadRequest(
            "unknown parameter '"
                + name
                + "'"
                + (known.length == 0
                    ? " (none taken here)"
                    : " (known: " + String.join(", ", known) + ")"));
      }
    }
  }

  private static void error(HttpExchange exchange, int status, String message) throws IOException {
    ObjectNode body = JsonLines.MAPPER.createObjectNode();
    body.put("error", message);
    json(exchange, status, body);
  }

  private static void json(HttpExchange exchange, int status, JsonNode body) throws IOException {
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

  /** No such resource: 404, with the reason. */
  private static final class NotFound extends RuntimeException {
    NotFound(String message) {
      super(message);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
