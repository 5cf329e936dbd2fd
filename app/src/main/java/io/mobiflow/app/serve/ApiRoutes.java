package io.mobiflow.app.serve;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mobiflow.connectors.sink.JsonLines;
import io.mobiflow.geodata.locate.Zone;
import io.mobiflow.jobs.suggest.Suggestion;
import io.mobiflow.jobs.suggest.SuggestionType;
import io.mobiflow.jobs.suggest.texts.SuggestionAlerts;
import io.mobiflow.jobs.zoneflow.SpatialUnit;
import io.mobiflow.jobs.zoneflow.ZoneFlow;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.io.geojson.GeoJsonWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resources of the API (see {@link TravellerApi}), for GET and HEAD (the same headers, no
 * body). The path is split on {@code /} as sent and each segment, like each query parameter,
 * percent-decoded once ({@link Percent}). Errors are JSON with a reason: 400 bad parameters, 404
 * unknown resources and ids, 405 (with {@code Allow}) other methods, 500 when the store cannot be
 * read (the log has the details; the connection stays open).
 */
final class ApiRoutes extends Handler.Abstract {

  private static final Logger LOG = LoggerFactory.getLogger(ApiRoutes.class);

  /** The methods served. */
  static final String ALLOW = "GET, HEAD";

  /** Decimals of GeoJSON coordinates: 1e-9 degree is a tenth of a millimetre. */
  private static final int GEOJSON_DECIMALS = 9;

  /**
   * The instants a time filter may name: years of four digits, as the stores write and compare
   * them, in whole seconds at the end (the store rounds a bound up to the next second).
   */
  private static final Instant FIRST_TIME = Instant.parse("0000-01-01T00:00:00Z");

  private static final Instant LAST_TIME = Instant.parse("9999-12-31T23:59:59Z");

  private final SuggestionBoard suggestions;
  private final FlowBoard flows;
  private final Events events;
  private final Readiness readiness;
  private final int maxStreams;
  private final byte[] openApi;

  ApiRoutes(
      SuggestionBoard suggestions,
      FlowBoard flows,
      Events events,
      Readiness readiness,
      int maxStreams,
      byte[] openApi) {
    this.suggestions = suggestions;
    this.flows = flows;
    this.events = events;
    this.readiness = readiness;
    this.maxStreams = maxStreams;
    this.openApi = openApi;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String method = request.getMethod();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      response.getHeaders().put(HttpHeader.ALLOW, ALLOW);
      // the body of such a request is never read: close rather than leave it on the connection
      response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
      Replies.error(response, callback, 405, "only GET and HEAD are served (read-only API)");
      return true;
    }
    try {
      route(request, response, callback);
    } catch (BadRequest e) {
      Replies.error(response, callback, 400, e.getMessage());
    } catch (NotFound e) {
      Replies.error(response, callback, 404, e.getMessage());
    } catch (IOException | RuntimeException e) {
      LOG.error("serve: {} {} failed", method, request.getHttpURI().getPath(), e);
      Replies.error(
          response,
          callback,
          500,
          "the stored data could not be read (the server's log has the details)");
    }
    return true;
  }

  private void route(Request request, Response response, Callback callback) throws IOException {
    String path = request.getHttpURI().getPath();
    Map<String, String> query = query(request.getHttpURI().getQuery());
    switch (ApiEndpoint.of(path)) {
      case INDEX -> {
        allow(query);
        Replies.json(response, callback, 200, index());
      }
      case HEALTHZ -> {
        allow(query);
        ObjectNode body = JsonLines.MAPPER.createObjectNode();
        body.put("status", "up");
        Replies.json(response, callback, 200, body);
      }
      case READYZ -> {
        allow(query);
        Readiness.Answer answer = readiness.check();
        Replies.json(response, callback, answer.status(), answer.body());
      }
      case OPENAPI -> {
        allow(query);
        Replies.send(response, callback, 200, "application/json", openApi);
      }
      case ALERTS -> {
        allow(query);
        Replies.send(
            response,
            callback,
            200,
            "application/x-protobuf",
            SuggestionAlerts.feed(suggestions.current(), suggestions.clock()));
      }
      case SUGGESTIONS -> {
        allow(query, "type");
        suggestions(response, callback, query);
      }
      case EVENTS -> {
        allow(query);
        stream(request, response, callback);
      }
      case ZONES -> {
        allow(query, "bbox");
        zones(response, callback, query);
      }
      case ZONE -> {
        allow(query);
        Replies.json(response, callback, 200, feature(zone(idIn(path))));
      }
      case ZONE_FLOWS -> {
        allow(query, "from", "to");
        zoneFlows(response, callback, zone(idIn(path)), query);
      }
      case STOP -> {
        allow(query);
        stop(response, callback, id(idIn(path)));
      }
      case OTHER -> throw new NotFound("no such resource: " + path + " (see /openapi.json)");
    }
  }

  /** The {@code {id}} of a path that matched a template {@code /<resource>/{id}[/...]}. */
  private static String idIn(String path) {
    return decoded(ApiEndpoint.segments(path).get(1)); // split as sent, then decoded once
  }

  private void suggestions(Response response, Callback callback, Map<String, String> query) {
    List<Suggestion> current = suggestions.current();
    String types = query.get("type");
    if (types != null) {
      List<SuggestionType> wanted = Arrays.stream(types.split(",")).map(ApiRoutes::type).toList();
      current = current.stream().filter(s -> wanted.contains(s.type())).toList();
    }
    ObjectNode body = JsonLines.MAPPER.createObjectNode();
    body.put("clock", suggestions.clock().toString());
    putBounded(body, "suggestions", current);
    Replies.json(response, callback, 200, body);
  }

  private void zones(Response response, Callback callback, Map<String, String> query) {
    Envelope box = query.containsKey("bbox") ? bbox(query.get("bbox")) : null;
    List<Zone> zones =
        flowBoard().zones().stream()
            .filter(z -> box == null || box.intersects(z.geometry().getEnvelopeInternal()))
            .toList();
    ObjectNode collection = JsonLines.MAPPER.createObjectNode();
    collection.put("type", "FeatureCollection");
    ArrayNode features = collection.putArray("features");
    zones.stream().limit(TravellerApi.MAX_ITEMS).forEach(z -> features.add(feature(z)));
    collection.put("truncated", zones.size() > TravellerApi.MAX_ITEMS);
    Replies.json(response, callback, 200, collection);
  }

  private void zoneFlows(Response response, Callback callback, Zone zone, Map<String, String> query)
      throws IOException {
    Instant from = time(query, "from");
    Instant to = time(query, "to");
    if (!to.isAfter(from)) {
      throw new BadRequest("'to' must be after 'from'");
    }
    if (Duration.between(from, to).compareTo(TravellerApi.MAX_RANGE) > 0) {
      throw new BadRequest(
          "the time range is longer than " + TravellerApi.MAX_RANGE.toDays() + " days");
    }
    List<ZoneFlow> found =
        flowBoard()
            .store()
            .readFlows(SpatialUnit.ZONE, zone.id(), from, to, TravellerApi.MAX_ITEMS + 1);
    ObjectNode body = JsonLines.MAPPER.createObjectNode();
    body.put("zone", zone.id());
    putBounded(body, "flows", found);
    Replies.json(response, callback, 200, body);
  }

  private void stop(Response response, Callback callback, String id) {
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
    Replies.json(response, callback, 200, body);
  }

  /** A stream of events until the client goes, falls behind, or the server stops. */
  private void stream(Request request, Response response, Callback callback) {
    if (request.getMethod().equals("HEAD")) {
      Replies.send(response, callback, 200, "text/event-stream", new byte[0]);
    } else if (!EventStream.start(events, maxStreams, request, response, callback)) {
      Replies.error(response, callback, 503, "too many event streams open (" + maxStreams + ")");
    }
  }

  private FlowBoard flowBoard() {
    if (flows == null) {
      throw new NotFound("no flow tables are served (start serve on a run with flow tables)");
    }
    return flows;
  }

  private Zone zone(String id) {
    id(id);
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
    int shown = Math.min(items.size(), TravellerApi.MAX_ITEMS);
    body.put("count", shown);
    body.put("truncated", items.size() > TravellerApi.MAX_ITEMS);
    body.set(name, JsonLines.MAPPER.valueToTree(items.subList(0, shown)));
  }

  /** An id (already decoded): not blank, at most 200 characters, no control characters. */
  private static String id(String id) {
    if (id.isBlank() || id.length() > 200 || id.chars().anyMatch(Character::isISOControl)) {
      throw new BadRequest("not an id: '" + id + "'");
    }
    return id;
  }

  private static String decoded(String raw) {
    try {
      return Percent.decode(raw);
    } catch (IllegalArgumentException e) {
      throw new BadRequest(e.getMessage());
    }
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
    Instant time;
    try {
      time = Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new BadRequest("'" + name + "' is not an ISO-8601 instant: '" + text + "'");
    }
    if (time.isBefore(FIRST_TIME) || time.isAfter(LAST_TIME)) {
      throw new BadRequest(
          "'" + name + "' must be between 0000 and 9999 (" + FIRST_TIME + ".." + LAST_TIME + ")");
    }
    return time;
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
      query.put(decoded(pair.substring(0, eq)), decoded(pair.substring(eq + 1)));
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
}
