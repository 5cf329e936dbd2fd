package io.mobiflow.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mobiflow serve}'s metrics over real HTTP on loopback: requests of a run's folder are
 * counted per route template and status, timed, the event streams open are a gauge, and the scrape
 * (Prometheus' text format on the metrics port) says so. Expected counts come from the requests the
 * test sends, with the templates written out by hand.
 */
class TravellerApiMetricsTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** How long the counts may take to follow the answers (Jetty logs a request once it is done). */
  private static final Duration SETTLE = Duration.ofSeconds(10);

  @TempDir Path dir;

  private final List<Socket> sockets = new ArrayList<>();

  @AfterEach
  void closeSockets() throws Exception {
    for (Socket socket : sockets) {
      socket.close();
    }
  }

  @Test
  void requestsAreCountedPerRouteTemplateAndStatusAndTimed() throws Exception {
    ServedRun.write(dir);
    ServedRun.insertZoneFlow(dir, "Z01", Instant.parse("2026-01-13T06:00:00Z"), Instant.now());
    try (TravellerService service = TravellerService.fromDirectory(dir, null);
        TravellerApi api =
            service.start(ApiSettings.open("127.0.0.1", 0).withMetrics("127.0.0.1", 0))) {
      Map<String, Integer> expected = new TreeMap<>();
      for (int i = 0; i < 3; i++) {
        expect(expected, api, "GET", "/zones/Z01", "/zones/{id}", 200);
      }
      expect(expected, api, "GET", "/zones/a%20b", "/zones/{id}", 200);
      expect(expected, api, "GET", "/zones/nowhere", "/zones/{id}", 404);
      expect(
          expected,
          api,
          "GET",
          "/zones/Z01/flows?from=2026-01-13T00:00:00Z&to=2026-01-14T00:00:00Z",
          "/zones/{id}/flows",
          200);
      expect(expected, api, "GET", "/zones/Z01/flows", "/zones/{id}/flows", 400);
      expect(expected, api, "GET", "/suggestions", "/suggestions", 200);
      expect(expected, api, "DELETE", "/suggestions", "/suggestions", 405);
      expect(expected, api, "GET", "/healthz", "/healthz", 200);
      expect(expected, api, "GET", "/", "/", 200);
      expect(expected, api, "GET", "/no/such/thing", "other", 404);

      Map<String, Double> counted = settled(api, scrape -> counts(scrape).equals(expected));
      assertThat(counts(scrape(api))).isEqualTo(expected);
      Map<String, Integer> perEndpoint = new TreeMap<>();
      expected.forEach(
          (key, n) -> perEndpoint.merge(key.substring(0, key.indexOf(' ')), n, Integer::sum));
      perEndpoint.forEach(
          (endpoint, n) -> {
            String labels = "{endpoint=\"" + endpoint + "\"}";
            assertThat(counted.get("mobiflow_serve_request_duration_seconds_count" + labels))
                .as(endpoint)
                .isEqualTo(n.doubleValue());
            assertThat(
                    counted.get(
                        "mobiflow_serve_request_duration_seconds_bucket{endpoint=\""
                            + endpoint
                            + "\",le=\"+Inf\"}"))
                .as(endpoint)
                .isEqualTo(n.doubleValue());
            assertThat(counted.get("mobiflow_serve_request_duration_seconds_sum" + labels))
                .as(endpoint)
                .isPositive();
          });
      for (ServeMetrics.Metric metric : ServeMetrics.ALL) {
        for (String series : metric.series()) {
          assertThat(counted.keySet())
              .as("the catalogue's " + series + " is in the scrape")
              .anyMatch(key -> key.equals(series) || key.startsWith(series + "{"));
        }
      }
      assertThat(counted.keySet()).anyMatch(key -> key.startsWith("jvm_memory_used_bytes{"));
    }
  }

  @Test
  void anAttackersRandomPathsStayUnderOneLabel() throws Exception {
    try (TravellerApi api = emptyApi()) {
      Random random = new Random(17);
      Set<String> paths = new HashSet<>();
      while (paths.size() < 300) {
        StringBuilder path = new StringBuilder();
        for (int segments = 1 + random.nextInt(4); segments > 0; segments--) {
          path.append('/').append(Long.toString(random.nextLong() & Long.MAX_VALUE, 36));
        }
        paths.add(path.toString());
      }
      for (String path : paths) {
        assertThat(get(api.port(), path).statusCode()).isEqualTo(404);
      }
      Map<String, Double> scrape =
          settled(api, s -> s.getOrDefault(requests("other", 404), 0.0) == paths.size());
      assertThat(scrape)
          .containsEntry(requests("other", 404), (double) paths.size())
          .containsEntry(
              "mobiflow_serve_request_duration_seconds_count{endpoint=\"other\"}",
              (double) paths.size());
      Set<String> endpoints = new HashSet<>();
      scrape.keySet().stream()
          .filter(key -> key.startsWith("mobiflow_serve_"))
          .forEach(key -> endpoints.add(label(key, "endpoint")));
      endpoints.remove(null); // the gauge has no labels
      assertThat(endpoints).containsExactly("other");
      String text = scrapeText(api);
      for (String path : paths) {
        assertThat(text).doesNotContain(path.substring(path.lastIndexOf('/') + 1));
      }
    }
  }

  @Test
  void theEventStreamGaugeFollowsTheStreamsOpen() throws Exception {
    try (TravellerApi api = emptyApi()) {
      assertThat(settled(api, s -> true)).containsEntry("mobiflow_serve_sse_clients", 0.0);
      List<Socket> streams = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        Socket stream = RawHttp.connect(api.port(), "127.0.0.1");
        sockets.add(stream);
        RawHttp.send(stream, "GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        assertThat(RawHttp.read(stream, true).status()).isEqualTo(200);
        streams.add(stream);
      }
      assertThat(settled(api, s -> s.get("mobiflow_serve_sse_clients") == 2.0))
          .containsEntry("mobiflow_serve_sse_clients", 2.0)
          .doesNotContainKey(requests("/events", 200));

      streams.get(0).close();
      assertThat(settled(api, s -> s.get("mobiflow_serve_sse_clients") == 1.0))
          .containsEntry("mobiflow_serve_sse_clients", 1.0);
      streams.get(1).close();
      Map<String, Double> scrape =
          settled(
              api,
              s ->
                  s.get("mobiflow_serve_sse_clients") == 0.0
                      && s.getOrDefault(requests("/events", 200), 0.0) == 2.0);
      assertThat(scrape)
          .containsEntry("mobiflow_serve_sse_clients", 0.0)
          .containsEntry(requests("/events", 200), 2.0);
      assertThat(scrape.keySet())
          .as("a stream's length is not a latency")
          .noneMatch(key -> key.contains("duration") && key.contains("\"/events\""));
    }
  }

  @Test
  void withoutAMetricsAddressThereIsNoMetricsPort() throws Exception {
    try (TravellerApi api =
        new TravellerApi(
            new SuggestionBoard(null, new Events()), null, new Events(), "127.0.0.1", 0)) {
      assertThat(api.metricsPort()).isEmpty();
    }
  }

  private TravellerApi emptyApi() throws Exception {
    return new TravellerApi(
        new SuggestionBoard(null, new Events()),
        null,
        new Events(),
        List.of(),
        ApiSettings.open("127.0.0.1", 0)
            .withLimits(ApiSettings.Limits.DEFAULT.withRate(0, 1)) // many requests, one client
            .withMetrics("127.0.0.1", 0));
  }

  /** Sends {@code method path}, checks its status, and counts it under {@code template}. */
  private static void expect(
      Map<String, Integer> expected,
      TravellerApi api,
      String method,
      String path,
      String template,
      int status)
      throws Exception {
    HttpResponse<String> answer =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(method + " " + path).isEqualTo(status);
    expected.merge(template + " " + status, 1, Integer::sum);
  }

  private static HttpResponse<String> get(int port, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String requests(String endpoint, int status) {
    return "mobiflow_serve_requests_total{endpoint=\"" + endpoint + "\",status=\"" + status + "\"}";
  }

  /** The request counter's values as {@code "<endpoint> <status>" -> count}. */
  private static Map<String, Integer> counts(Map<String, Double> scrape) {
    Map<String, Integer> counts = new TreeMap<>();
    scrape.forEach(
        (key, value) -> {
          if (key.startsWith("mobiflow_serve_requests_total{")) {
            counts.put(label(key, "endpoint") + " " + label(key, "status"), value.intValue());
          }
        });
    return counts;
  }

  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  private static String label(String series, String name) {
    Matcher label = LABEL.matcher(series);
    while (label.find()) {
      if (label.group(1).equals(name)) {
        return label.group(2);
      }
    }
    return null;
  }

  /** Scrapes until {@code done} holds of the samples, or {@link #SETTLE} has passed. */
  private static Map<String, Double> settled(TravellerApi api, Predicate<Map<String, Double>> done)
      throws Exception {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    Map<String, Double> scrape = scrape(api);
    while (!done.test(scrape) && System.nanoTime() < deadline) {
      Thread.sleep(50);
      scrape = scrape(api);
    }
    return scrape;
  }

  /** The samples of a scrape: series (name and labels as written) -> value. */
  private static Map<String, Double> scrape(TravellerApi api) throws Exception {
    Map<String, Double> samples = new HashMap<>();
    for (String line : scrapeText(api).split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        int space = line.lastIndexOf(' ');
        samples.put(
            line.substring(0, space),
            Double.valueOf(line.substring(space + 1).replace("Inf", "Infinity")));
      }
    }
    return samples;
  }

  private static String scrapeText(TravellerApi api) throws Exception {
    HttpResponse<String> answer = get(api.metricsPort().orElseThrow(), "/metrics");
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
    return answer.body();
  }
}
