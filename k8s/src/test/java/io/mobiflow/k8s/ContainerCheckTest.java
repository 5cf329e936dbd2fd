package io.mobiflow.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerCheckTest {

  @TempDir Path temp;

  private static List<Problem> all(Layout layout) {
    List<Problem> problems = new ArrayList<>();
    for (String overlay : Layout.OVERLAYS) {
      problems.addAll(ContainerCheck.check(layout, Renders.overlay(layout, overlay)));
    }
    return problems;
  }

  @Test
  void everyRealContainerIsBoundedPinnedAndNotRoot() {
    assertThat(all(Layout.real())).isEmpty();
  }

  @Test
  void everyContainerOfTheFixtureIsBoundedPinnedAndNotRoot() {
    assertThat(all(Fixture.copy(temp))).isEmpty();
  }

  @Test
  void aContainerWithoutLimitsIsAProblem() {
    Layout fixture = Fixture.copy(temp);
    Fixture.plant(
        fixture,
        "k8s/base/serve.yaml",
        "            limits:\n              cpu: \"1\"\n              memory: 1Gi\n",
        "");

    assertThat(all(fixture))
        .extracting(Problem::toString)
        .containsExactly(
            "k8s/base/serve.yaml: Deployment/mobiflow-serve: spec.template.spec.containers[serve].resources.limits.cpu: is missing",
            "k8s/base/serve.yaml: Deployment/mobiflow-serve: spec.template.spec.containers[serve].resources.limits.memory: is missing",
            "k8s/base/serve.yaml: Deployment/mobiflow-serve: spec.template.spec.containers[serve].resources.limits.cpu: is missing",
            "k8s/base/serve.yaml: Deployment/mobiflow-serve: spec.template.spec.containers[serve].resources.limits.memory: is missing");
  }

  @Test
  void aLatestTagIsAProblem() {
    Layout fixture = Fixture.copy(temp);
    Fixture.plant(
        fixture, "k8s/base/flink-deployment.yaml", "mobiflow-job:0.1.0", "mobiflow-job:latest");

    assertThat(all(fixture))
        .extracting(Problem::toString)
        .containsExactly(
            "k8s/base/flink-deployment.yaml: FlinkDeployment/mobiflow-zoneflow: spec.image: ghcr.io/mobiflow/mobiflow-job:latest is not pinned (latest)",
            "k8s/base/flink-deployment.yaml: FlinkDeployment/mobiflow-zoneflow: spec.image: ghcr.io/mobiflow/mobiflow-job:latest is not pinned (latest)");
  }

  @Test
  void anUntaggedImageIsAProblem() {
    Layout fixture = Fixture.copy(temp);
    // the region overlay sets the tag 0.1.1: only the city runs the untagged image
    Fixture.plant(fixture, "k8s/base/serve.yaml", "mobiflow-app:0.1.0", "mobiflow-app");

    assertThat(all(fixture))
        .extracting(Problem::toString)
        .containsExactly(
            "k8s/base/serve.yaml: Deployment/mobiflow-serve: spec.template.spec.containers[serve].image: ghcr.io/mobiflow/mobiflow-app has no tag (latest)");
  }

  @Test
  void aPodThatMayRunAsRootIsAProblem() {
    Layout fixture = Fixture.copy(temp);
    Fixture.plant(fixture, "k8s/base/serve.yaml", "runAsNonRoot: true", "runAsNonRoot: false");

    assertThat(all(fixture))
        .extracting(Problem::field)
        .containsExactly(
            "spec.template.spec.containers[serve].securityContext.runAsNonRoot",
            "spec.template.spec.containers[serve].securityContext.runAsNonRoot");
  }

  @Test
  void flinkPodsThatMayRunAsRootAreAProblem() {
    Layout fixture = Fixture.copy(temp);
    Fixture.plant(fixture, "k8s/base/flink-deployment.yaml", "        runAsNonRoot: true\n", "");

    assertThat(all(fixture))
        .extracting(Problem::field)
        .containsExactly(
            "spec.podTemplate.spec.containers[flink-main-container].securityContext.runAsNonRoot",
            "spec.podTemplate.spec.securityContext.runAsNonRoot",
            "spec.podTemplate.spec.containers[flink-main-container].securityContext.runAsNonRoot",
            "spec.podTemplate.spec.securityContext.runAsNonRoot");
  }
}
