package io.mobiflow.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;

/**
 * One Kubernetes object of a render and the file it came from (its resource file, or the
 * kustomization that generated it).
 *
 * @param file the file the object was read or generated from
 * @param body the object, as YAML parsed it
 */
record Manifest(Path file, ObjectNode body) {

  String apiVersion() {
    return body.path("apiVersion").asText("");
  }

  String kind() {
    return body.path("kind").asText("");
  }

  String name() {
    return body.path("metadata").path("name").asText("");
  }

  /** {@code Kind/name}, as problems name an object. */
  String id() {
    return kind() + "/" + name();
  }

  /** What identifies the object in a render: its group, kind, namespace and name. */
  String key() {
    String group = apiVersion().contains("/") ? apiVersion().replaceFirst("/.*", "") : "";
    return group
        + " "
        + kind()
        + " "
        + body.path("metadata").path("namespace").asText("")
        + "/"
        + name();
  }

  /** The node at a dotted path ({@code spec.job.entryClass}), missing if absent. */
  JsonNode at(String dotted) {
    JsonNode node = body;
    for (String part : dotted.split("\\.")) {
      node = node.path(part);
    }
    return node;
  }
}
