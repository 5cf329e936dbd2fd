package io.mobiflow.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code mobiflow serve} runs as the plan says: a Deployment (several replicas in the region) whose
 * readiness and liveness probes ask serve's own routes on a port of the container, its metrics on a
 * port of the container and a host other than the loopback default, and a Service, a
 * PodDisruptionBudget ({@code minAvailable: 1}) and a NetworkPolicy that select its pods.
 */
final class ServeCheck {

  static final String NAME = "mobiflow-serve";

  private ServeCheck() {}

  /**
   * The problems of the overlay's serve.
   *
   * @param routes serve's route templates (a probe's path must be one)
   */
  static List<Problem> check(Layout layout, Renders render, Set<String> routes) {
    List<Problem> problems = new ArrayList<>();
    Manifest serve = render.find("Deployment", NAME);
    if (serve == null) {
      problems.add(
          new Problem(
              layout.name(layout.overlay(render.name())), "Deployment/" + NAME, "", "is missing"));
      return problems;
    }
    int least = render.name().equals("region") ? 2 : 1;
    if (serve.at("spec.replicas").asInt(1) < least) {
      problems.add(
          layout.problem(serve, "spec.replicas", render.name() + " runs at least " + least));
    }
    JsonNode labels = serve.at("spec.template.metadata.labels");
    JsonNode container = serve.at("spec.template.spec.containers").path(0);
    String at = "spec.template.spec.containers[" + container.path("name").asText() + "]";
    for (String probe : List.of("readinessProbe", "livenessProbe")) {
      JsonNode get = container.path(probe).path("httpGet");
      if (!routes.contains(get.path("path").asText(""))) {
        problems.add(
            layout.problem(
                serve,
                at + "." + probe + ".httpGet.path",
                "'" + get.path("path").asText("") + "' is not a route of serve " + routes));
      }
      if (!hasPort(container, get.path("port").asText(""))) {
        problems.add(
            layout.problem(
                serve,
                at + "." + probe + ".httpGet.port",
                "'" + get.path("port").asText("") + "' is not a port of the container"));
      }
    }
    String metricsPort = argument(container, "--metrics-port");
    if (metricsPort == null || !hasPort(container, metricsPort)) {
      problems.add(
          layout.problem(
              serve,
              at + ".args",
              "--metrics-port " + metricsPort + " is not a port of the container"));
    }
    String metricsHost = argument(container, "--metrics-host");
    if (metricsHost == null || metricsHost.startsWith("127.") || metricsHost.equals("localhost")) {
      problems.add(
          layout.problem(
              serve,
              at + ".args",
              "--metrics-host " + metricsHost + ": Prometheus cannot reach the loopback"));
    }
    selects(layout, render, serve, "Service", "spec.selector", labels, problems);
    selects(
        layout, render, serve, "NetworkPolicy", "spec.podSelector.matchLabels", labels, problems);
    if (selects(
        layout,
        render,
        serve,
        "PodDisruptionBudget",
        "spec.selector.matchLabels",
        labels,
        problems)) {
      for (Manifest pdb : render.ofKind("PodDisruptionBudget")) {
        if (Pods.selects(pdb.at("spec.selector.matchLabels"), labels)
            && pdb.at("spec.minAvailable").asInt(0) != 1) {
          problems.add(layout.problem(pdb, "spec.minAvailable", "must be 1"));
        }
      }
    }
    return problems;
  }

  /** Whether an object of {@code kind} selects the pods; a problem if none does. */
  private static boolean selects(
      Layout layout,
      Renders render,
      Manifest serve,
      String kind,
      String selector,
      JsonNode labels,
      List<Problem> problems) {
    for (Manifest m : render.ofKind(kind)) {
      JsonNode s = m.at(selector);
      if (s.isObject() && !s.isEmpty() && Pods.selects(s, labels)) {
        return true;
      }
    }
    problems.add(
        layout.problem(
            serve, "spec.template.metadata.labels", "no " + kind + " selects these pods"));
    return false;
  }

  private static boolean hasPort(JsonNode container, String port) {
    for (JsonNode p : container.path("ports")) {
      if (p.path("name").asText().equals(port) || p.path("containerPort").asText().equals(port)) {
        return true;
      }
    }
    return false;
  }

  private static String argument(JsonNode container, String option) {
    JsonNode args = container.path("args");
    for (int i = 0; i + 1 < args.size(); i++) {
      if (args.get(i).asText().equals(option)) {
        return args.get(i + 1).asText();
      }
    }
    return null;
  }
}
