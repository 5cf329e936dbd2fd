package io.mobiflow.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.app.serve.ServeMetrics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCheckTest {

  @TempDir Path temp;

  private static List<Problem> all(Layout layout) {
    Set<String> routes = new TreeSet<>(ServeMetrics.endpoints());
    List<Problem> problems = new ArrayList<>();
    for (String overlay : Layout.OVERLAYS) {
      problems.addAll(ServeCheck.check(layout, Renders.overlay(layout, overlay), routes));
    }
    return problems;
  }

  @Test
  void theRealServeIsProbedOnItsRoutesScrapedAndProtected() {
    assertThat(all(Layout.real())).isEmpty();
  }

  @Test
  void theFixturesServeIsProbedOnItsRoutesScrapedAndProtected() {
    assertThat(all(Fixture.copy(temp))).isEmpty();
  }

  @Test
  void aProbeOfAPathServeDoesNotHaveIsAProblem() {
    Layout fixture = Fixture.copy(temp);
    Fixture.plant(fixture, "k8s/base/serve.yaml", "path: /readyz", "path: /ready");

    assertThat(all(fixture))
        .extracting(Problem::field)
        .containsOnly("spec.template.spec.containers[serve].readinessProbe.httpGet.path")
        .hasSize(2);
  }

  @Test
  void metricsOnTheLoopbackAreAProblem() {
    Layout fixture = Fixture.copy(temp);
    Fixture.plant(fixture, "k8s/base/serve.yaml", "\"--metrics-host\", \"0.0.0.0\", ", "");

    assertThat(all(fixture))
        .extracting(Problem::message)
        .containsOnly("--metrics-host null: Prometheus cannot reach the loopback")
        .hasSize(2);
  }

  @Test
  void aRegionWithOneReplicaIsAProblem() {
    Layout fixture = Fixture.copy(temp);
    Fixture.plant(fixture, "k8s/overlays/region/serve-replicas.yaml", "replicas: 2", "replicas: 1");

    assertThat(all(fixture))
        .extracting(Problem::toString)
        .containsExactly(
            "k8s/base/serve.yaml: Deployment/mobiflow-serve: spec.replicas: region runs at least 2");
  }

  @Test
  void podsNoDisruptionBudgetSelectsAreAProblem() {
    Layout fixture = Fixture.copy(temp);
    Fixture.plant(
        fixture,
        "k8s/base/serve.yaml",
        "  minAvailable: 1\n  selector:\n    matchLabels:\n      app.kubernetes.io/name: mobiflow-serve",
        "  minAvailable: 1\n  selector:\n    matchLabels:\n      app.kubernetes.io/name: mobiflow-server");

    assertThat(all(fixture))
        .extracting(Problem::message)
        .containsOnly("no PodDisruptionBudget selects these pods")
        .hasSize(2);
  }
}
