package io.mobiflow.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Secrets are referenced, never written: no Secret object with data, no secret-like environment
 * variable or Flink setting with a literal value, no password in a ConfigMap's YAML other than a
 * reference ({@code *_env} keys, Kafka's {@code ${env:…}}, {@code ${dir:…}}, {@code ${file:…}}).
 */
final class SecretCheck {

  /** Names that hold a secret (environment variables, Flink and YAML keys). */
  private static final Pattern SECRET_NAME =
      Pattern.compile(
          "(?i).*(password|passwd|secret|token|access[-_.]?key|credential|private[-_.]?key).*");

  /** A literal {@code password="…"} in a JAAS configuration (a reference starts with {@code ${}). */
  private static final Pattern LITERAL_JAAS_PASSWORD =
      Pattern.compile("(?i)password\\s*=\\s*\"(?!\\$\\{)[^\"]*\"");

  private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|dir|file):[^}]+}");

  private SecretCheck() {}

  /** The problems of the render: each secret value found in it. */
  static List<Problem> check(Layout layout, Renders render) {
    List<Problem> problems = new ArrayList<>();
    for (Manifest m : render.objects()) {
      if (m.kind().equals("Secret") && (m.body().has("data") || m.body().has("stringData"))) {
        problems.add(
            layout.problem(
                m,
                m.body().has("data") ? "data" : "stringData",
                "a Secret's values are never in the repository: create it with kubectl create secret"));
      }
      for (Pods.PodSpec pod : Pods.of(m)) {
        for (String list : List.of("containers", "initContainers")) {
          for (JsonNode c : pod.spec().path(list)) {
            for (JsonNode env : c.path("env")) {
              String name = env.path("name").asText();
              if (env.has("value") && secretLike(name, env.path("value").asText())) {
                problems.add(
                    layout.problem(
                        m,
                        pod.field()
                            + "."
                            + list
                            + "["
                            + c.path("name").asText()
                            + "].env["
                            + name
                            + "].value",
                        "a secret by value: take it from a secretKeyRef"));
              }
            }
          }
        }
      }
      if (m.kind().equals("FlinkDeployment")) {
        for (Iterator<Map.Entry<String, JsonNode>> it = m.at("spec.flinkConfiguration").fields();
            it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          if (secretLike(e.getKey(), e.getValue().asText())) {
            problems.add(
                layout.problem(
                    m,
                    "spec.flinkConfiguration." + e.getKey(),
                    "a secret by value: give it as an environment variable from a secretKeyRef"));
          }
        }
      }
      if (m.kind().equals("ConfigMap")) {
        for (Iterator<Map.Entry<String, JsonNode>> it = m.at("data").fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          JsonNode tree;
          try {
            tree = Yaml.MAPPER.readTree(e.getValue().asText());
          } catch (java.io.IOException notYaml) {
            continue;
          }
          yamlSecrets(layout, m, "data." + e.getKey(), "", tree, problems);
        }
      }
    }
    return problems;
  }

  private static void yamlSecrets(
      Layout layout, Manifest m, String field, String path, JsonNode node, List<Problem> problems) {
    if (node == null) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
      JsonNode value = e.getValue();
      if (value.isContainerNode()) {
        yamlSecrets(layout, m, field, key, value, problems);
      } else if (!e.getKey().endsWith("_env")
          && (secretLike(e.getKey(), value.asText())
              || LITERAL_JAAS_PASSWORD.matcher(value.asText()).find())) {
        problems.add(
            layout.problem(
                m, field, key + " holds a secret by value: reference it (" + "*_env, ${env:…})"));
      }
    }
  }

  /** Whether a named value is a secret written out: a secret-like name, a value not a reference. */
  private static boolean secretLike(String name, String value) {
    return SECRET_NAME.matcher(name).matches()
        && !value.isBlank()
        && !REFERENCE.matcher(value).matches()
        && !name.toLowerCase(java.util.Locale.ROOT).endsWith("location")
        && !name.toLowerCase(java.util.Locale.ROOT).endsWith("type");
  }
}
