package io.mobiflow.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Every container asks for and is limited in CPU and memory, runs a pinned image (a tag other than
 * {@code latest}, or a digest) and not as root. The FlinkDeployment's main container takes its
 * resources from {@code spec.jobManager.resource} and {@code spec.taskManager.resource} (the
 * operator sets them as requests and limits) and its image from {@code spec.image}.
 */
final class ContainerCheck {

  private ContainerCheck() {}

  /** The problems of the render's containers. */
  static List<Problem> check(Layout layout, Renders render) {
    List<Problem> problems = new ArrayList<>();
    for (Manifest m : render.objects()) {
      boolean flink = m.kind().equals("FlinkDeployment");
      if (flink) {
        pinned(layout, m, "spec.image", m.at("spec.image").asText(""), problems);
        for (String manager : List.of("spec.jobManager.resource", "spec.taskManager.resource")) {
          for (String amount : List.of("cpu", "memory")) {
            if (m.at(manager).path(amount).isMissingNode()) {
              problems.add(layout.problem(m, manager + "." + amount, "is missing"));
            }
          }
        }
      }
      for (Pods.PodSpec pod : Pods.of(m)) {
        boolean podNonRoot =
            pod.spec().path("securityContext").path("runAsNonRoot").asBoolean(false);
        for (String list : List.of("containers", "initContainers")) {
          for (JsonNode c : pod.spec().path(list)) {
            String field = pod.field() + "." + list + "[" + c.path("name").asText() + "]";
            boolean main = flink && c.path("name").asText().equals(Pods.FLINK_MAIN);
            if (!(main && c.path("image").isMissingNode())) {
              pinned(layout, m, field + ".image", c.path("image").asText(""), problems);
            }
            if (!main) {
              for (String bound : List.of("requests", "limits")) {
                for (String amount : List.of("cpu", "memory")) {
                  if (c.path("resources").path(bound).path(amount).isMissingNode()) {
                    problems.add(
                        layout.problem(
                            m, field + ".resources." + bound + "." + amount, "is missing"));
                  }
                }
              }
            }
            JsonNode nonRoot = c.path("securityContext").path("runAsNonRoot");
            boolean runsAsNonRoot = nonRoot.isMissingNode() ? podNonRoot : nonRoot.asBoolean(false);
            if (flink && !runsAsNonRoot) {
              runsAsNonRoot = flinkPodNonRoot(m);
            }
            if (!runsAsNonRoot) {
              problems.add(
                  layout.problem(
                      m,
                      field + ".securityContext.runAsNonRoot",
                      "must be true (here or in the pod's securityContext)"));
            }
            if (c.path("securityContext").path("runAsUser").asInt(-1) == 0) {
              problems.add(layout.problem(m, field + ".securityContext.runAsUser", "is 0 (root)"));
            }
          }
        }
        if (pod.spec().path("securityContext").path("runAsUser").asInt(-1) == 0) {
          problems.add(
              layout.problem(m, pod.field() + ".securityContext.runAsUser", "is 0 (root)"));
        }
      }
      if (flink && !flinkPodNonRoot(m)) {
        // the operator creates the main container, which only the pod's securityContext reaches
        problems.add(
            layout.problem(
                m, "spec.podTemplate.spec.securityContext.runAsNonRoot", "must be true"));
      }
    }
    return problems;
  }

  /**
   * Whether the FlinkDeployment's common pod template runs as non-root (both managers inherit it).
   */
  private static boolean flinkPodNonRoot(Manifest flink) {
    return flink.at("spec.podTemplate.spec.securityContext.runAsNonRoot").asBoolean(false);
  }

  /** A problem unless {@code image} has a tag other than latest, or a digest. */
  static void pinned(
      Layout layout, Manifest m, String field, String image, List<Problem> problems) {
    String problem = unpinned(image);
    if (problem != null) {
      problems.add(layout.problem(m, field, problem));
    }
  }

  /** What is wrong with an image reference, or {@code null} when it is pinned. */
  static String unpinned(String image) {
    if (image.isEmpty()) {
      return "no image";
    }
    if (image.contains("@sha256:")) {
      return null;
    }
    String tag = Kustomize.tag(image);
    if (tag == null) {
      return image + " has no tag (latest)";
    }
    if (tag.equals("latest")) {
      return image + " is not pinned (latest)";
    }
    return null;
  }
}
