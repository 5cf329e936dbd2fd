package io.mobiflow.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The FlinkDeployment of an overlay follows the conventions of the plan: application mode with the
 * job jar's entry class and arguments, upgrades through savepoints, state on S3, Flink's Prometheus
 * reporter; the region overlay with Kubernetes high availability and several task managers, the
 * city overlay with one task manager and none.
 */
final class FlinkDeploymentCheck {

  static final String NAME = "mobiflow-zoneflow";
  static final String JAR_URI = "local:///opt/flink/usrlib/mobiflow-jobs.jar";

  /**
   * The flinkConfiguration every overlay has, with its value ({@code ""}: any value), in key order.
   */
  private static final Map<String, String> CONFIGURATION =
      new TreeMap<>(
          Map.of(
              "metrics.reporter.prom.factory.class",
              "org.apache.flink.metrics.prometheus.PrometheusReporterFactory",
              "metrics.reporter.prom.port",
              "9249",
              "s3.path.style.access",
              "true",
              "s3.endpoint",
              ""));

  private static final Pattern FLINK_VERSION =
      Pattern.compile("<flink.version>(\\d+)\\.(\\d+)\\.[^<]*</flink.version>");

  private FlinkDeploymentCheck() {}

  /** The problems of the overlay's FlinkDeployment. */
  static List<Problem> check(Layout layout, Renders render) {
    List<Problem> problems = new ArrayList<>();
    List<Manifest> all = render.ofKind("FlinkDeployment");
    Manifest flink = render.find("FlinkDeployment", NAME);
    if (flink == null || all.size() != 1) {
      problems.add(
          new Problem(
              layout.name(layout.overlay(render.name())),
              "FlinkDeployment/" + NAME,
              "",
              "overlay "
                  + render.name()
                  + " renders "
                  + all.size()
                  + " FlinkDeployments, not one "
                  + NAME));
      return problems;
    }
    expect(layout, flink, "spec.job.jarURI", JAR_URI, problems);
    expect(layout, flink, "spec.flinkVersion", flinkVersion(layout), problems);
    expect(layout, flink, "spec.job.upgradeMode", "savepoint", problems);
    if (!flink.at("spec.job.args").isArray()
        || flink.at("spec.job.args").size() != 2
        || !flink.at("spec.job.args").get(0).asText().equals("--config")) {
      problems.add(
          layout.problem(
              flink,
              "spec.job.args",
              "must be [--config, <file>], not " + flink.at("spec.job.args")));
    }
    int parallelism = flink.at("spec.job.parallelism").asInt(0);
    if (parallelism < 1) {
      problems.add(layout.problem(flink, "spec.job.parallelism", "must be set, at least 1"));
    }
    JsonNode conf = flink.at("spec.flinkConfiguration");
    CONFIGURATION.forEach(
        (key, value) -> {
          String found = conf.path(key).asText(null);
          if (found == null || (!value.isEmpty() && !found.equals(value))) {
            problems.add(
                layout.problem(
                    flink,
                    "spec.flinkConfiguration." + key,
                    "must be " + (value.isEmpty() ? "set" : "'" + value + "'") + ", not " + found));
          }
        });
    for (String key :
        List.of("execution.checkpointing.dir", "execution.checkpointing.savepoint-dir")) {
      if (!conf.path(key).asText("").startsWith("s3://")) {
        problems.add(
            layout.problem(
                flink,
                "spec.flinkConfiguration." + key,
                "must be on S3 (s3://…), not " + conf.path(key).asText(null)));
      }
    }
    int slots = conf.path("taskmanager.numberOfTaskSlots").asInt(1);
    int taskManagers = (parallelism + slots - 1) / Math.max(1, slots);
    boolean ha = !conf.path("high-availability.type").asText("NONE").equalsIgnoreCase("NONE");
    if (render.name().equals("region")) {
      if (!conf.path("high-availability.type").asText("").equals("kubernetes")) {
        problems.add(
            layout.problem(
                flink,
                "spec.flinkConfiguration.high-availability.type",
                "must be 'kubernetes', not '"
                    + conf.path("high-availability.type").asText("")
                    + "'"));
      }
      if (!conf.path("high-availability.storageDir").asText("").startsWith("s3://")) {
        problems.add(
            layout.problem(
                flink,
                "spec.flinkConfiguration.high-availability.storageDir",
                "must be on S3 (s3://…), not "
                    + conf.path("high-availability.storageDir").asText(null)));
      }
      if (taskManagers < 2) {
        problems.add(
            layout.problem(
                flink,
                "spec.job.parallelism",
                "region needs several TaskManagers: parallelism "
                    + parallelism
                    + " with "
                    + slots
                    + " slots each runs "
                    + taskManagers));
      }
    } else {
      if (ha) {
        problems.add(
            layout.problem(
                flink,
                "spec.flinkConfiguration.high-availability.type",
                render.name() + " runs without high availability"));
      }
      if (taskManagers != 1) {
        problems.add(
            layout.problem(
                flink,
                "spec.job.parallelism",
                render.name()
                    + " runs one TaskManager: parallelism "
                    + parallelism
                    + " with "
                    + slots
                    + " slots each runs "
                    + taskManagers));
      }
    }
    return problems;
  }

  /**
   * The operator's name of the Flink version the job is built with ({@code flink.version} of the
   * parent pom, e.g. {@code v2_2}); {@link DockerfileCheck} checks the job image has it too.
   */
  static String flinkVersion(Layout layout) {
    try {
      Matcher m = FLINK_VERSION.matcher(Files.readString(layout.root().resolve("pom.xml")));
      if (!m.find()) {
        throw new IllegalStateException("pom.xml has no flink.version");
      }
      return "v" + m.group(1) + "_" + m.group(2);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void expect(
      Layout layout, Manifest m, String field, String expected, List<Problem> problems) {
    String found = m.at(field).asText("");
    if (!found.equals(expected)) {
      problems.add(layout.problem(m, field, "must be '" + expected + "', not '" + found + "'"));
    }
  }
}
