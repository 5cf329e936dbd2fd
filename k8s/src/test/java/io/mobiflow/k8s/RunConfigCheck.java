package io.mobiflow.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import io.mobiflow.jobs.config.ConfigException;
import io.mobiflow.jobs.config.ConfigLoader;
import io.mobiflow.jobs.config.MobiflowConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The run YAML the FlinkDeployment's job reads passes {@link ConfigLoader}, as it would in the pod:
 * the ConfigMap and the places volume are materialised in a folder at the paths the pod template
 * mounts them, the job's {@code --config} argument names the file, the places the YAML names are on
 * the places volume. Then the loaded configuration agrees with the FlinkDeployment: its checkpoint
 * and savepoint folders are those of flinkConfiguration, and every environment variable it reads
 * ({@code privacy.key_env}, {@code outputs.postgres.password_env}, {@code ${env:…}} in Kafka
 * properties) is set in the job's main container; the region's state is in RocksDB with incremental
 * checkpoints.
 */
final class RunConfigCheck {

  static final String CONFIG_MAP = "mobiflow-config";
  static final String PLACES_CLAIM = "mobiflow-places";

  private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{env:([A-Za-z0-9_]+)}");

  private RunConfigCheck() {}

  /** The problems of the overlay's run configuration; {@code scratch} is an empty folder. */
  static List<Problem> check(Layout layout, Renders render, Path scratch) {
    List<Problem> problems = new ArrayList<>();
    Manifest flink = render.find("FlinkDeployment", FlinkDeploymentCheck.NAME);
    Manifest configMap = render.find("ConfigMap", CONFIG_MAP);
    if (flink == null || configMap == null) {
      problems.add(
          new Problem(
              layout.name(layout.overlay(render.name())),
              "",
              "",
              "renders no FlinkDeployment/"
                  + FlinkDeploymentCheck.NAME
                  + " or ConfigMap/"
                  + CONFIG_MAP));
      return problems;
    }
    JsonNode main = Pods.flinkContainer(flink, Pods.FLINK_MAIN);
    String confMount = mountOf(flink, main, "configMap", "name", CONFIG_MAP);
    String placesMount = mountOf(flink, main, "persistentVolumeClaim", "claimName", PLACES_CLAIM);
    if (confMount == null || placesMount == null) {
      problems.add(
          layout.problem(
              flink,
              "spec.podTemplate.spec.containers[" + Pods.FLINK_MAIN + "].volumeMounts",
              "must mount ConfigMap "
                  + CONFIG_MAP
                  + " and PersistentVolumeClaim "
                  + PLACES_CLAIM
                  + " (found "
                  + confMount
                  + ", "
                  + placesMount
                  + ")"));
      return problems;
    }
    String configArg = flink.at("spec.job.args").path(1).asText("");
    Path confDir = Path.of(confMount);
    if (!Path.of(configArg).normalize().startsWith(confDir)
        || !configMap.body().path("data").has(confDir.relativize(Path.of(configArg)).toString())) {
      problems.add(
          layout.problem(
              flink,
              "spec.job.args",
              "--config "
                  + configArg
                  + " is not a file of ConfigMap "
                  + CONFIG_MAP
                  + " mounted at "
                  + confMount));
      return problems;
    }
    Path root = scratch.toAbsolutePath();
    try {
      Path conf = materialise(root, confMount);
      Files.createDirectories(conf);
      for (Iterator<Map.Entry<String, JsonNode>> it = configMap.body().path("data").fields();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        Files.writeString(conf.resolve(entry.getKey()), entry.getValue().asText());
      }
      Path places = materialise(root, placesMount);
      Files.createDirectories(places);
      Path yaml = materialise(root, configArg);
      JsonNode tree = Yaml.MAPPER.readTree(yaml.toFile());
      String field = "data." + Path.of(configArg).getFileName();
      for (Iterator<Map.Entry<String, JsonNode>> it = tree.path("places").fields();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> place = it.next();
        if (!place.getValue().isTextual()
            || place.getKey().endsWith("_property")
            || place.getKey().endsWith("_layer")) {
          continue;
        }
        Path inPod = Path.of(confMount).resolve(place.getValue().asText()).normalize();
        if (!inPod.startsWith(Path.of(placesMount))) {
          problems.add(
              layout.problem(
                  configMap,
                  field,
                  "places."
                      + place.getKey()
                      + ": "
                      + place.getValue().asText()
                      + " is "
                      + inPod
                      + ", not on the places volume "
                      + placesMount));
          return problems;
        }
        Path file = materialise(root, inPod.toString());
        Files.createDirectories(file.getParent());
        Files.writeString(file, "");
      }
      MobiflowConfig loaded;
      try {
        loaded = ConfigLoader.load(yaml);
      } catch (ConfigException e) {
        problems.add(layout.problem(configMap, field, e.getMessage().replace(root.toString(), "")));
        return problems;
      }
      JsonNode flinkConf = flink.at("spec.flinkConfiguration");
      sameDir(
          layout,
          flink,
          flinkConf,
          "execution.checkpointing.dir",
          loaded.checkpoints().dir(),
          "checkpoints.dir",
          problems);
      sameDir(
          layout,
          flink,
          flinkConf,
          "execution.checkpointing.savepoint-dir",
          loaded.checkpoints().savepointDir(),
          "checkpoints.savepoint_dir",
          problems);
      if (render.name().equals("region")
          && (loaded.checkpoints().stateBackend() != MobiflowConfig.StateBackend.ROCKSDB
              || !loaded.checkpoints().incremental())) {
        problems.add(
            layout.problem(
                configMap,
                field,
                "the region keeps its state in RocksDB with incremental checkpoints, not "
                    + loaded.checkpoints().stateBackend().flinkName()
                    + (loaded.checkpoints().incremental() ? " incremental" : " full")));
      }
      Set<String> variables = new TreeSet<>();
      collectVariables(tree, variables);
      Set<String> defined = new TreeSet<>();
      main.path("env").forEach(env -> defined.add(env.path("name").asText()));
      for (String variable : variables) {
        if (!defined.contains(variable)) {
          problems.add(
              layout.problem(
                  flink,
                  "spec.podTemplate.spec.containers[" + Pods.FLINK_MAIN + "].env",
                  "the run YAML reads " + variable + ", which the container does not set"));
        }
      }
      String keyEnv = tree.path("privacy").path("key_env").asText(null);
      if (keyEnv != null) {
        loadersSetKey(layout, render, keyEnv, problems);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return problems;
  }

  /**
   * Every other container that loads the run YAML ({@code --config} in its arguments: ingest,
   * serve) sets {@code privacy.key_env}'s variable, which the loader reads as it loads.
   */
  private static void loadersSetKey(
      Layout layout, Renders render, String keyEnv, List<Problem> problems) {
    for (Manifest m : render.objects()) {
      if (m.kind().equals("FlinkDeployment")) {
        continue;
      }
      for (Pods.PodSpec pod : Pods.of(m)) {
        for (JsonNode c : pod.spec().path("containers")) {
          boolean loads = false;
          for (JsonNode arg : c.path("args")) {
            loads |= arg.asText().equals("--config");
          }
          boolean sets = false;
          for (JsonNode env : c.path("env")) {
            sets |= env.path("name").asText().equals(keyEnv);
          }
          if (loads && !sets) {
            problems.add(
                layout.problem(
                    m,
                    pod.field() + ".containers[" + c.path("name").asText() + "].env",
                    "loads the run YAML, whose privacy.key_env " + keyEnv + " it does not set"));
          }
        }
      }
    }
  }

  /** The variables a run YAML reads: {@code *_env} keys, {@code ${env:…}} references. */
  private static void collectVariables(JsonNode node, Set<String> variables) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode value = field.getValue();
      if (value.isTextual()) {
        if (field.getKey().endsWith("_env")) {
          variables.add(value.asText());
        }
        Matcher m = ENV_REFERENCE.matcher(value.asText());
        while (m.find()) {
          variables.add(m.group(1));
        }
      } else {
        collectVariables(value, variables);
      }
    }
  }

  private static void sameDir(
      Layout layout,
      Manifest flink,
      JsonNode conf,
      String key,
      URI loaded,
      String yamlKey,
      List<Problem> problems) {
    String inFlink = conf.path(key).asText(null);
    String inYaml = loaded == null ? null : loaded.toString();
    if (inFlink == null
        || !inFlink
            .replaceFirst("/+$", "")
            .equals(inYaml == null ? null : inYaml.replaceFirst("/+$", ""))) {
      problems.add(
          layout.problem(
              flink,
              "spec.flinkConfiguration." + key,
              inFlink + " differs from the run YAML's " + yamlKey + " " + inYaml));
    }
  }

  /**
   * The mount path in the main container of the volume whose {@code source.field} is {@code name}.
   */
  private static String mountOf(
      Manifest flink, JsonNode main, String source, String field, String name) {
    for (Pods.PodSpec pod : Pods.of(flink)) {
      for (JsonNode volume : pod.spec().path("volumes")) {
        if (volume.path(source).path(field).asText().equals(name)) {
          for (JsonNode mount : main.path("volumeMounts")) {
            if (mount.path("name").asText().equals(volume.path("name").asText())) {
              return mount.path("mountPath").asText();
            }
          }
        }
      }
    }
    return null;
  }

  private static Path materialise(Path root, String podPath) {
    return root.resolve(podPath.replaceFirst("^/+", "")).normalize();
  }
}
