package io.mobiflow.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Validates FlinkDeployments against the CRD the operator's jar carries ({@code
 * META-INF/fabric8/flinkdeployments.flink.apache.org-v1.yml}), as the API server would: types,
 * unknown fields, enums, {@code anyOf}, int-or-string. The schema uses nothing more (no {@code
 * required}, no patterns). The one exception is {@code spec.flinkVersion}'s enum: the 1.10.0 CRD
 * lists v1_13 to v1_20, the manifests say v2_2 (operators from 1.13), which {@link
 * FlinkDeploymentCheck} checks. Strimzi's api jar has no schema to check against (its {@code
 * Crds.kafkaTopic()} is an object that keeps every field), so KafkaTopics are checked by the model
 * only.
 */
final class CrdSchema {

  static final String FLINK_DEPLOYMENT_CRD =
      "META-INF/fabric8/flinkdeployments.flink.apache.org-v1.yml";

  /** Every object has these, which the API server checks before the CRD's schema. */
  private static final java.util.Set<String> ROOT_FIELDS =
      java.util.Set.of("apiVersion", "kind", "metadata");

  private final JsonNode crd;

  private CrdSchema(JsonNode crd) {
    this.crd = crd;
  }

  /** The FlinkDeployment CRD of the operator's jar on the class path. */
  static CrdSchema flinkDeployment() {
    try (InputStream in =
        CrdSchema.class.getClassLoader().getResourceAsStream(FLINK_DEPLOYMENT_CRD)) {
      if (in == null) {
        throw new IllegalStateException(FLINK_DEPLOYMENT_CRD + " is not on the class path");
      }
      return new CrdSchema(Yaml.MAPPER.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The problems of every object of the CRD's kind in {@code objects}. */
  List<Problem> check(Layout layout, List<Manifest> objects) {
    List<Problem> problems = new ArrayList<>();
    String kind = crd.at("/spec/names/kind").asText();
    String group = crd.at("/spec/group").asText();
    for (Manifest m : objects) {
      if (!m.kind().equals(kind) || !m.apiVersion().startsWith(group + "/")) {
        continue;
      }
      String version = m.apiVersion().substring(group.length() + 1);
      JsonNode schema = null;
      for (JsonNode v : crd.at("/spec/versions")) {
        if (v.path("name").asText().equals(version)) {
          schema = v.at("/schema/openAPIV3Schema");
        }
      }
      if (schema == null) {
        problems.add(layout.problem(m, "apiVersion", "the CRD has no version " + version));
        continue;
      }
      List<String> errors = new ArrayList<>();
      validate(m.body(), schema, "", errors);
      for (String error : errors) {
        int colon = error.indexOf(": ");
        problems.add(layout.problem(m, error.substring(0, colon), error.substring(colon + 2)));
      }
    }
    return problems;
  }

  /** Adds {@code "<path>: <what>"} for each way {@code node} breaks {@code schema}. */
  private static void validate(JsonNode node, JsonNode schema, String path, List<String> errors) {
    if (schema.has("anyOf")) {
      for (JsonNode alternative : schema.get("anyOf")) {
        List<String> tried = new ArrayList<>();
        validate(node, alternative, path, tried);
        if (tried.isEmpty()) {
          return;
        }
      }
      errors.add(path + ": matches none of " + schema.get("anyOf"));
      return;
    }
    if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
      if (!node.isIntegralNumber() && !node.isTextual()) {
        errors.add(path + ": must be an integer or a string, not " + node);
      }
      return;
    }
    String type = schema.path("type").asText("");
    switch (type) {
      case "object" -> {
        if (!node.isObject()) {
          errors.add(path + ": must be an object, not " + node);
          return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> field = it.next();
          String at = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
          JsonNode property = schema.path("properties").get(field.getKey());
          JsonNode additional = schema.get("additionalProperties");
          if (path.isEmpty() && ROOT_FIELDS.contains(field.getKey()) && property == null) {
            continue;
          }
          if (property != null) {
            validate(field.getValue(), property, at, errors);
          } else if (additional != null && additional.isObject()) {
            validate(field.getValue(), additional, at, errors);
          } else if (schema.has("properties")
              && !(additional != null && additional.asBoolean(false))
              && !schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
            errors.add(at + ": is not a field of the CRD's schema");
          }
        }
      }
      case "array" -> {
        if (!node.isArray()) {
          errors.add(path + ": must be a list, not " + node);
          return;
        }
        for (int i = 0; i < node.size(); i++) {
          validate(node.get(i), schema.path("items"), path + "[" + i + "]", errors);
        }
      }
      case "string" -> {
        if (!node.isTextual()) {
          errors.add(path + ": must be a string, not " + node);
        } else if (schema.has("enum") && !path.equals("spec.flinkVersion")) {
          boolean listed = false;
          for (JsonNode value : schema.get("enum")) {
            listed |= value.asText().equals(node.asText());
          }
          if (!listed) {
            errors.add(path + ": '" + node.asText() + "' is not one of " + schema.get("enum"));
          }
        }
      }
      case "integer" -> {
        if (!node.isIntegralNumber()) {
          errors.add(path + ": must be an integer, not " + node);
        }
      }
      case "number" -> {
        if (!node.isNumber()) {
          errors.add(path + ": must be a number, not " + node);
        }
      }
      case "boolean" -> {
        if (!node.isBoolean()) {
          errors.add(path + ": must be true or false, not " + node);
        }
      }
      default -> {}
    }
  }
}
