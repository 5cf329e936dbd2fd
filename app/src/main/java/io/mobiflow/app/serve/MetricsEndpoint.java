package io.mobiflow.app.serve;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.NanoTime;

/**
 * The {@link ServeMetrics} of one server and the JVM's, in Prometheus' text format at {@code
 * /metrics} on an address of their own (Prometheus' HTTP server), apart from the API: no API key,
 * no rate limit, nothing of the API's load in their way. Each request is counted when Jetty logs it
 * (its final status, every answer included: 401, 404, 429 ...), under its endpoint's route
 * template, so that clients' paths never become labels.
 */
final class MetricsEndpoint implements RequestLog, AutoCloseable {

  private final Counter requests;
  private final Histogram duration;
  private final HTTPServer http;

  private MetricsEndpoint(Counter requests, Histogram duration, HTTPServer http) {
    this.requests = requests;
    this.duration = duration;
    this.http = http;
  }

  /** Registers the metrics, the gauge reading {@code events}' streams, and starts serving them. */
  static MetricsEndpoint start(ApiSettings.Metrics address, Events events) throws IOException {
    PrometheusRegistry registry = new PrometheusRegistry();
    Counter requests =
        Counter.builder()
            .name(ServeMetrics.REQUESTS.name())
            .help(ServeMetrics.REQUESTS.help())
            .labelNames(labels(ServeMetrics.REQUESTS))
            .register(registry);
    Histogram duration =
        Histogram.builder()
            .name(ServeMetrics.REQUEST_DURATION.name())
            .help(ServeMetrics.REQUEST_DURATION.help())
            .labelNames(labels(ServeMetrics.REQUEST_DURATION))
            .classicOnly()
            .register(registry);
    GaugeWithCallback.builder()
        .name(ServeMetrics.SSE_CLIENTS.name())
        .help(ServeMetrics.SSE_CLIENTS.help())
        .callback(gauge -> gauge.call(events.subscribers()))
        .register(registry);
    JvmMetrics.builder().register(registry);
    try {
      HTTPServer http =
          HTTPServer.builder()
              .hostname(address.host())
              .port(address.port())
              .registry(registry)
              .buildAndStart();
      return new MetricsEndpoint(requests, duration, http);
    } catch (IOException e) {
      throw TravellerApi.ownLine(
          "cannot serve metrics on "
              + address.host()
              + ":"
              + address.port()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private static String[] labels(ServeMetrics.Metric metric) {
    return metric.labels().toArray(String[]::new);
  }

  @Override
  public void log(Request request, Response response) {
    ApiEndpoint endpoint = ApiEndpoint.of(request.getHttpURI().getPath());
    int status = response.getStatus();
    requests.labelValues(endpoint.template(), String.valueOf(status)).inc();
    if (endpoint != ApiEndpoint.EVENTS || status != 200) {
      duration
          .labelValues(endpoint.template())
          .observe(NanoTime.since(request.getBeginNanoTime()) / 1e9);
    }
  }

  /** The port the metrics are served on. */
  int port() {
    return http.getPort();
  }

  @Override
  public void close() {
    http.close();
  }
}
