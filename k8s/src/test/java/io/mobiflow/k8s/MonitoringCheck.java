package io.mobiflow.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The monitoring of {@code k8s/monitoring}: its alert rules and dashboards name only metrics that
 * exist ({@code known}: the code's catalogues), in PromQL whose brackets and quotes balance; the
 * rules have the Prometheus Operator's fields; its PodMonitors and ServiceMonitors scrape a named
 * port that the overlay's pods or Services have.
 */
final class MonitoringCheck {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Set<String> GROUP_FIELDS =
      Set.of(
          "name",
          "interval",
          "rules",
          "limit",
          "labels",
          "query_offset",
          "partial_response_strategy");
  private static final Set<String> RULE_FIELDS =
      Set.of("alert", "record", "expr", "for", "keep_firing_for", "labels", "annotations");

  private MonitoringCheck() {}

  /**
   * The problems of the monitoring render with an overlay's render.
   *
   * @param known every metric name the code declares (a histogram's series each)
   */
  static List<Problem> check(
      Layout layout, List<Manifest> monitoring, Renders overlay, Set<String> known) {
    List<Problem> problems = new ArrayList<>();
    for (Manifest m : monitoring) {
      switch (m.kind()) {
        case "PrometheusRule" -> rules(layout, m, known, problems);
        case "ConfigMap" -> dashboards(layout, m, known, problems);
        case "PodMonitor" -> monitor(layout, m, "podMetricsEndpoints", overlay, problems);
        case "ServiceMonitor" -> monitor(layout, m, "endpoints", overlay, problems);
        default -> {}
      }
    }
    return problems;
  }

  private static void rules(Layout layout, Manifest m, Set<String> known, List<Problem> problems) {
    JsonNode groups = m.at("spec.groups");
    if (!groups.isArray() || groups.isEmpty()) {
      problems.add(layout.problem(m, "spec.groups", "no rule groups"));
      return;
    }
    for (int g = 0; g < groups.size(); g++) {
      JsonNode group = groups.get(g);
      String at = "spec.groups[" + group.path("name").asText(String.valueOf(g)) + "]";
      unknownFields(layout, m, at, group, GROUP_FIELDS, problems);
      for (JsonNode rule : group.path("rules")) {
        String name = rule.path("alert").asText(rule.path("record").asText(""));
        String ruleAt = at + ".rules[" + name + "]";
        unknownFields(layout, m, ruleAt, rule, RULE_FIELDS, problems);
        if (name.isEmpty() || (rule.has("alert") == rule.has("record"))) {
          problems.add(layout.problem(m, ruleAt, "a rule has either alert or record"));
        }
        expression(layout, m, ruleAt + ".expr", rule.path("expr").asText(""), known, problems);
      }
    }
  }

  private static void dashboards(
      Layout layout, Manifest m, Set<String> known, List<Problem> problems) {
    for (Iterator<Map.Entry<String, JsonNode>> it = m.at("data").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> file = it.next();
      if (!file.getKey().endsWith(".json")) {
        continue;
      }
      try {
        queries(
            layout,
            m,
            "data." + file.getKey(),
            "",
            JSON.readTree(file.getValue().asText()),
            known,
            problems);
      } catch (IOException e) {
        problems.add(
            layout.problem(
                m, "data." + file.getKey(), "not valid JSON: " + e.getMessage().split("\n")[0]));
      }
    }
  }

  /** Checks every {@code expr} of a Grafana dashboard, named by the panel title above it. */
  private static void queries(
      Layout layout,
      Manifest m,
      String field,
      String title,
      JsonNode node,
      Set<String> known,
      List<Problem> problems) {
    String here = node.path("title").isTextual() ? node.get("title").asText() : title;
    if (node.path("expr").isTextual()) {
      expression(
          layout, m, field + " panel '" + here + "'", node.get("expr").asText(), known, problems);
    }
    for (JsonNode child : node) {
      if (child.isContainerNode()) {
        queries(layout, m, field, here, child, known, problems);
      }
    }
  }

  private static void expression(
      Layout layout,
      Manifest m,
      String field,
      String expr,
      Set<String> known,
      List<Problem> problems) {
    if (expr.isBlank()) {
      problems.add(layout.problem(m, field, "no expression"));
      return;
    }
    String unbalanced = PromQl.unbalanced(expr);
    if (unbalanced != null) {
      problems.add(layout.problem(m, field, "unbalanced: " + unbalanced));
    }
    for (String metric : PromQl.metrics(expr)) {
      if (!known.contains(metric)) {
        problems.add(layout.problem(m, field, metric + " is not a metric of the code"));
      }
    }
  }

  /** A monitor's endpoints each name a port of a pod (or Service) its selector matches. */
  private static void monitor(
      Layout layout, Manifest m, String endpoints, Renders overlay, List<Problem> problems) {
    JsonNode selector = m.at("spec.selector.matchLabels");
    if (!selector.isObject() || selector.isEmpty()) {
      problems.add(layout.problem(m, "spec.selector.matchLabels", "is missing"));
      return;
    }
    JsonNode list = m.at("spec." + endpoints);
    if (!list.isArray() || list.isEmpty()) {
      problems.add(layout.problem(m, "spec." + endpoints, "is missing"));
    }
    for (JsonNode endpoint : list) {
      String port = endpoint.path("port").asText("");
      boolean found =
          m.kind().equals("PodMonitor")
              ? podPort(overlay, selector, port)
              : servicePort(overlay, selector, port);
      if (!found) {
        problems.add(
            layout.problem(
                m,
                "spec." + endpoints + "[" + port + "].port",
                "no "
                    + (m.kind().equals("PodMonitor") ? "pod" : "Service")
                    + " of overlay "
                    + overlay.name()
                    + " matching "
                    + selector
                    + " has a port named '"
                    + port
                    + "'"));
      }
    }
  }

  private static boolean podPort(Renders overlay, JsonNode selector, String port) {
    for (Manifest m : overlay.objects()) {
      for (Pods.PodSpec pod : Pods.of(m)) {
        String metadata =
            pod.field().equals("spec")
                ? "metadata.labels"
                : pod.field().replaceFirst("\\.spec$", ".metadata.labels");
        if (!Pods.selects(selector, m.at(metadata))) {
          continue;
        }
        for (JsonNode c : pod.spec().path("containers")) {
          for (JsonNode p : c.path("ports")) {
            if (p.path("name").asText().equals(port)) {
              return true;
            }
          }
        }
      }
    }
    return false;
  }

  private static boolean servicePort(Renders overlay, JsonNode selector, String port) {
    for (Manifest service : overlay.ofKind("Service")) {
      if (Pods.selects(selector, service.at("metadata.labels"))) {
        for (JsonNode p : service.at("spec.ports")) {
          if (p.path("name").asText().equals(port)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static void unknownFields(
      Layout layout,
      Manifest m,
      String at,
      JsonNode node,
      Set<String> allowed,
      List<Problem> problems) {
    node.fieldNames()
        .forEachRemaining(
            name -> {
              if (!allowed.contains(name)) {
                problems.add(
                    layout.problem(
                        m, at + "." + name, "is not a field of the Prometheus Operator's rules"));
              }
            });
  }
}
