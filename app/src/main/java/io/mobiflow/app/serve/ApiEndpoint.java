package io.mobiflow.app.serve;

import java.util.List;

/**
 * The route table of the API: each resource's path template, where {@code {id}} stands for any one
 * segment. {@link ApiRoutes} dispatches on it and the metrics name requests by it ({@link
 * #template()}), so that a metric's labels are the few templates, never the paths clients send.
 */
enum ApiEndpoint {
  INDEX("/"),
  HEALTHZ("/healthz"),
  READYZ("/readyz"),
  OPENAPI("/openapi.json"),
  ALERTS("/gtfs-rt/alerts.pb"),
  SUGGESTIONS("/suggestions"),
  EVENTS("/events"),
  ZONES("/zones"),
  ZONE("/zones/{id}"),
  ZONE_FLOWS("/zones/{id}/flows"),
  STOP("/stops/{id}"),
  /** Any other path (answered 404): one label for all of them. */
  OTHER("other");

  private static final String ANY_SEGMENT = "{id}";

  private final String template;
  private final List<String> segments;

  ApiEndpoint(String template) {
    this.template = template;
    this.segments = template.startsWith("/") ? segments(template) : null;
  }

  /** The path template ({@code /zones/{id}/flows}), or {@code other}. */
  String template() {
    return template;
  }

  /**
   * The endpoint whose template {@code path} (as sent, not decoded) matches, else {@link #OTHER}.
   */
  static ApiEndpoint of(String path) {
    if (path == null || !path.startsWith("/")) {
      return OTHER;
    }
    List<String> parts = segments(path);
    for (ApiEndpoint endpoint : values()) {
      if (endpoint.matches(parts)) {
        return endpoint;
      }
    }
    return OTHER;
  }

  private boolean matches(List<String> parts) {
    if (segments == null || segments.size() != parts.size()) {
      return false;
    }
    for (int i = 0; i < parts.size(); i++) {
      if (!segments.get(i).equals(ANY_SEGMENT) && !segments.get(i).equals(parts.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** The segments of a path after its leading {@code /}, empty ones kept. */
  static List<String> segments(String path) {
    return List.of(path.substring(1).split("/", -1));
  }
}
