package io.mobiflow.jobs.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mobiflow.connectors.common.FeedKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The catalogue's names as Flink's Prometheus reporter makes them (scope, groups, label keys and
 * name joined by {@code _}; the real reporter's are checked in {@code ClusterJobsITCase}), each
 * declared once, and the {@code kind} labels.
 */
class JobMetricsTest {

  @Test
  void prometheusNamesJoinTheScopeTheGroupsTheLabelKeysAndTheName() {
    assertThat(JobMetrics.REJECTED.prometheusName())
        .isEqualTo("flink_taskmanager_job_task_operator_mobiflow_kind_feed_reason_rejected");
    assertThat(JobMetrics.WATERMARK_LAG_SECONDS.prometheusName())
        .isEqualTo("flink_taskmanager_job_task_operator_mobiflow_kind_watermark_lag_seconds");
    assertThat(JobMetrics.STATION_LATE_REPORTS.prometheusName())
        .isEqualTo("flink_taskmanager_job_task_operator_mobiflow_gbfs_station_status_late_reports");
    assertThat(JobMetrics.ALL.stream().map(JobMetric::prometheusName)).doesNotHaveDuplicates();
  }

  @Test
  void aNameOutsideWhatTheReporterKeepsIsRefused() {
    assertThatThrownBy(
            () ->
                new JobMetric(
                    List.of(), "late-samples", List.of(), JobMetric.Type.COUNTER, "a dash"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("late-samples");
  }

  @Test
  void kindLabelsAreTheKindOrTheFamilyOfSeveral() {
    assertThat(JobMetrics.kindLabel(FeedKind.GTFS_RT_TRIP_UPDATES))
        .isEqualTo("gtfs_rt_trip_updates");
    assertThat(JobMetrics.kindLabel(List.of(FeedKind.GBFS_FREE_VEHICLES)))
        .isEqualTo("gbfs_free_vehicles");
    assertThat(JobMetrics.kindLabel(List.of(FeedKind.COUNTER_CSV, FeedKind.COUNTER_DATEX2)))
        .isEqualTo("counter");
    assertThatThrownBy(
            () -> JobMetrics.kindLabel(List.of(FeedKind.COUNTER_CSV, FeedKind.GBFS_FREE_VEHICLES)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
