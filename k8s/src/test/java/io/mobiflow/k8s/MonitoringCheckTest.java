package io.mobiflow.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitoringCheckTest {

  @TempDir Path temp;

  private static List<Problem> all(Layout layout) {
    List<Problem> problems = new ArrayList<>();
    List<Manifest> monitoring = Kustomize.render(layout.monitoring());
    for (String overlay : Layout.OVERLAYS) {
      problems.addAll(
          MonitoringCheck.check(
              layout, monitoring, Renders.overlay(layout, overlay), MetricCatalogue.names()));
    }
    return problems;
  }

  @Test
  void theCataloguesHoldTheJobsAndServesMetrics() {
    assertThat(MetricCatalogue.names())
        .contains(
            "flink_taskmanager_job_task_operator_mobiflow_kind_feed_events",
            "flink_taskmanager_job_task_operator_mobiflow_kind_feed_reason_rejected",
            "flink_jobmanager_job_numberOfFailedCheckpoints",
            "mobiflow_serve_requests_total",
            "mobiflow_serve_request_duration_seconds_bucket");
  }

  @Test
  void theRealMonitoringNamesOnlyMetricsOfTheCode() {
    Layout real = Layout.real();
    assertThat(all(real)).isEmpty();
    // the non-model kinds of k8s/monitoring are checked here; the rest parse with their models
    assertThat(
            Models.check(
                real,
                Kustomize.render(real.monitoring()).stream()
                    .filter(m -> !m.apiVersion().startsWith("monitoring.coreos.com/"))
                    .toList()))
        .isEmpty();
  }

  @Test
  void theFixturesMonitoringNamesOnlyMetricsOfTheCode() {
    assertThat(all(Fixture.copy(temp))).isEmpty();
  }

  @Test
  void aMetricThatDoesNotExistIsAProblem() {
    Layout fixture = Fixture.copy(temp);
    Fixture.plant(
        fixture,
        "k8s/monitoring/alerts.yaml",
        "feed_seconds_since_last_document",
        "feed_seconds_since_last_event");

    assertThat(all(fixture))
        .extracting(Problem::toString)
        .containsOnly(
            "k8s/monitoring/alerts.yaml: PrometheusRule/mobiflow: spec.groups[mobiflow].rules[MobiflowFeedStale].expr:"
                + " flink_taskmanager_job_task_operator_mobiflow_kind_feed_seconds_since_last_event is not a metric of the code")
        .hasSize(2);
  }

  @Test
  void aMisspeltMetricInTheDashboardIsAProblem() {
    Layout fixture = Fixture.copy(temp);
    Fixture.plant(
        fixture,
        "k8s/monitoring/mobiflow-dashboard.json",
        "mobiflow_serve_request_duration_seconds_bucket",
        "mobiflow_serve_request_seconds_bucket");

    assertThat(all(fixture))
        .extracting(Problem::toString)
        .containsOnly(
            "k8s/monitoring/kustomization.yaml: ConfigMap/mobiflow-dashboard: data.mobiflow-dashboard.json panel 'Latency':"
                + " mobiflow_serve_request_seconds_bucket is not a metric of the code")
        .hasSize(2);
  }

  @Test
  void anUnbalancedExpressionIsAProblem() {
    Layout fixture = Fixture.copy(temp);
    Fixture.plant(fixture, "k8s/monitoring/alerts.yaml", "[15m]) > 0", "[15m] > 0");

    assertThat(all(fixture))
        .extracting(Problem::toString)
        .containsOnly(
            "k8s/monitoring/alerts.yaml: PrometheusRule/mobiflow: spec.groups[mobiflow].rules[MobiflowCheckpointsFailing].expr:"
                + " unbalanced: '(' is not closed")
        .hasSize(2);
  }

  @Test
  void aMonitorOfAPortNoPodHasIsAProblem() {
    Layout fixture = Fixture.copy(temp);
    Fixture.plant(
        fixture,
        "k8s/monitoring/monitors.yaml",
        "    - port: metrics\n---",
        "    - port: prometheus\n---");

    assertThat(all(fixture))
        .extracting(Problem::field)
        .containsOnly("spec.podMetricsEndpoints[prometheus].port")
        .hasSize(2);
  }

  @Test
  void aFieldTheOperatorDoesNotKnowIsAProblem() {
    Layout fixture = Fixture.copy(temp);
    Fixture.plant(
        fixture, "k8s/monitoring/alerts.yaml", "          for: 5m", "          duration: 5m");

    assertThat(all(fixture))
        .extracting(Problem::field)
        .containsOnly("spec.groups[mobiflow].rules[MobiflowFeedStale].duration")
        .hasSize(2);
  }
}
