package io.mobiflow.app.serve;

import java.util.Arrays;
import java.util.List;

/**
 * The metrics of {@code mobiflow serve}, each declared once: its Prometheus name, type, labels and
 * help. The metrics endpoint ({@code --metrics-port}) registers them from here, and the checks of
 * the monitoring files (dashboards, alert rules) read {@link #ALL} to know which series exist. The
 * endpoint also serves the JVM's own metrics ({@code jvm_*}, {@code process_*}), not listed here.
 */
public final class ServeMetrics {

  private ServeMetrics() {}

  /** How a metric's value behaves, and the series it is exposed as. */
  public enum Type {
    /** Only grows: exposed as {@code <name>_total}. */
    COUNTER,
    /** Observations in buckets: {@code <name>_bucket{le}}, {@code _count} and {@code _sum}. */
    HISTOGRAM,
    /** A value now: {@code <name>}. */
    GAUGE
  }

  /**
   * One metric.
   *
   * @param name the metric family's name, without a type's suffix
   * @param type its type
   * @param labels its label names (a histogram's buckets also carry {@code le})
   * @param help its help line
   */
  public record Metric(String name, Type type, List<String> labels, String help) {

    public Metric {
      labels = List.copyOf(labels);
    }

    /** The names of its series in a scrape, as PromQL names them. */
    public List<String> series() {
      return switch (type) {
        case COUNTER -> List.of(name + "_total");
        case HISTOGRAM -> List.of(name + "_bucket", name + "_count", name + "_sum");
        case GAUGE -> List.of(name);
      };
    }
  }

  /** The label naming a request's endpoint: a route template of the API, or {@code other}. */
  public static final String ENDPOINT = "endpoint";

  /** The label of a response's HTTP status code. */
  public static final String STATUS = "status";

  /** Requests answered, per endpoint and status; an event stream is counted when it ends. */
  public static final Metric REQUESTS =
      new Metric(
          "mobiflow_serve_requests",
          Type.COUNTER,
          List.of(ENDPOINT, STATUS),
          "Requests answered by mobiflow serve, per endpoint (route template) and HTTP status.");

  /**
   * Seconds from a request's first byte to the end of its answer, per endpoint; event streams (an
   * {@code /events} answer 200, as long as the client stays) are not observed.
   */
  public static final Metric REQUEST_DURATION =
      new Metric(
          "mobiflow_serve_request_duration_seconds",
          Type.HISTOGRAM,
          List.of(ENDPOINT),
          "Seconds from a request to the end of its answer, per endpoint (event streams"
              + " excluded).");

  /** Server-sent-event streams ({@code /events}) open now. */
  public static final Metric SSE_CLIENTS =
      new Metric(
          "mobiflow_serve_sse_clients",
          Type.GAUGE,
          List.of(),
          "Server-sent-event streams (/events) open now.");

  /** Every metric of {@code mobiflow serve}. */
  public static final List<Metric> ALL = List.of(REQUESTS, REQUEST_DURATION, SSE_CLIENTS);

  /** The values the {@link #ENDPOINT} label takes: the API's route templates and {@code other}. */
  public static List<String> endpoints() {
    return Arrays.stream(ApiEndpoint.values()).map(ApiEndpoint::template).toList();
  }
}
