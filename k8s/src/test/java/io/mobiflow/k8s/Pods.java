package io.mobiflow.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The pod specs of a render's objects, where each kind keeps them. */
final class Pods {

  /** The FlinkDeployment's main container: its resources come from the job and task managers'. */
  static final String FLINK_MAIN = "flink-main-container";

  /**
   * One pod spec of an object.
   *
   * @param manifest the object
   * @param field the dotted path of the pod spec in it
   * @param spec the pod spec
   */
  record PodSpec(Manifest manifest, String field, JsonNode spec) {}

  private Pods() {}

  /** Every pod spec of {@code m}: a workload's template, a FlinkDeployment's pod templates. */
  static List<PodSpec> of(Manifest m) {
    List<PodSpec> specs = new ArrayList<>();
    List<String> fields =
        switch (m.kind()) {
          case "Pod" -> List.of("spec");
          case "Deployment", "StatefulSet", "DaemonSet", "Job" -> List.of("spec.template.spec");
          case "FlinkDeployment" ->
              List.of(
                  "spec.podTemplate.spec",
                  "spec.jobManager.podTemplate.spec",
                  "spec.taskManager.podTemplate.spec");
          default -> List.of();
        };
    for (String field : fields) {
      JsonNode spec = m.at(field);
      if (spec.isObject()) {
        specs.add(new PodSpec(m, field, spec));
      }
    }
    return specs;
  }

  /** A container of a FlinkDeployment's pod templates by name, else missing. */
  static JsonNode flinkContainer(Manifest flink, String name) {
    for (PodSpec pod : of(flink)) {
      for (JsonNode c : pod.spec().path("containers")) {
        if (c.path("name").asText().equals(name)) {
          return c;
        }
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  /** The volume of a pod spec of {@code m} named {@code name}, else missing. */
  static JsonNode volume(Manifest m, String name) {
    for (PodSpec pod : of(m)) {
      for (JsonNode v : pod.spec().path("volumes")) {
        if (v.path("name").asText().equals(name)) {
          return v;
        }
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  /** Whether every label of {@code selector} (a {@code matchLabels}) is in {@code labels}. */
  static boolean selects(JsonNode selector, JsonNode labels) {
    for (Iterator<Map.Entry<String, JsonNode>> it = selector.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> label = it.next();
      if (!labels.path(label.getKey()).isTextual()
          || !labels.get(label.getKey()).asText().equals(label.getValue().asText())) {
        return false;
      }
    }
    return true;
  }
}
