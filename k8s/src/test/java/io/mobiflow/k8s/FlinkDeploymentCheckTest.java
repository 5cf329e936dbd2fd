package io.mobiflow.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlinkDeploymentCheckTest {

  @TempDir Path temp;

  private static List<Problem> all(Layout layout) {
    List<Problem> problems = new ArrayList<>();
    for (String overlay : Layout.OVERLAYS) {
      problems.addAll(FlinkDeploymentCheck.check(layout, Renders.overlay(layout, overlay)));
    }
    return problems;
  }

  @Test
  void theRealOverlaysFollowTheConventions() {
    assertThat(all(Layout.real())).isEmpty();
  }

  @Test
  void theFixtureFollowsTheConventions() {
    assertThat(all(Fixture.copy(temp))).isEmpty();
  }

  @Test
  void anUpgradeWithoutSavepointIsAProblem() {
    Layout fixture = Fixture.copy(temp);
    Fixture.plant(
        fixture,
        "k8s/base/flink-deployment.yaml",
        "upgradeMode: savepoint",
        "upgradeMode: stateless");

    assertThat(all(fixture))
        .extracting(Problem::toString)
        .containsExactly(
            "k8s/base/flink-deployment.yaml: FlinkDeployment/mobiflow-zoneflow: spec.job.upgradeMode: must be 'savepoint', not 'stateless'",
            "k8s/base/flink-deployment.yaml: FlinkDeployment/mobiflow-zoneflow: spec.job.upgradeMode: must be 'savepoint', not 'stateless'");
  }

  @Test
  void aMissingPrometheusReporterIsAProblem() {
    Layout fixture = Fixture.copy(temp);
    Fixture.plant(
        fixture, "k8s/base/flink-deployment.yaml", "metrics.reporter.prom.port: \"9249\"", "");

    assertThat(all(fixture))
        .extracting(Problem::field)
        .containsExactly(
            "spec.flinkConfiguration.metrics.reporter.prom.port",
            "spec.flinkConfiguration.metrics.reporter.prom.port");
  }

  @Test
  void aRegionWithoutHighAvailabilityIsAProblem() {
    Layout fixture = Fixture.copy(temp);
    Fixture.plant(
        fixture, "k8s/overlays/region/flink-ha.yaml", "high-availability.type: kubernetes", "");

    assertThat(all(fixture))
        .extracting(Problem::toString)
        .containsExactly(
            "k8s/base/flink-deployment.yaml: FlinkDeployment/mobiflow-zoneflow: spec.flinkConfiguration.high-availability.type: must be 'kubernetes', not ''");
  }

  @Test
  void aCityWithTwoTaskManagersIsAProblem() {
    Layout fixture = Fixture.copy(temp);
    Fixture.plant(fixture, "k8s/base/flink-deployment.yaml", "parallelism: 2", "parallelism: 3");

    // 3 subtasks in slots of 2: two TaskManagers
    assertThat(all(fixture))
        .extracting(Problem::message)
        .containsExactly("city runs one TaskManager: parallelism 3 with 2 slots each runs 2");
  }

  @Test
  void aFlinkVersionOtherThanTheBuildsIsAProblem() {
    Layout fixture = Fixture.copy(temp);
    Fixture.plant(
        fixture, "k8s/base/flink-deployment.yaml", "flinkVersion: v2_2", "flinkVersion: v1_20");

    assertThat(all(fixture))
        .extracting(Problem::toString)
        .containsExactly(
            "k8s/base/flink-deployment.yaml: FlinkDeployment/mobiflow-zoneflow: spec.flinkVersion: must be 'v2_2', not 'v1_20'",
            "k8s/base/flink-deployment.yaml: FlinkDeployment/mobiflow-zoneflow: spec.flinkVersion: must be 'v2_2', not 'v1_20'");
  }
}
