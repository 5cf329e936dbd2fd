package io.mobiflow.k8s;

import io.mobiflow.app.serve.ServeMetrics;
import io.mobiflow.jobs.metrics.JobMetric;
import io.mobiflow.jobs.metrics.JobMetrics;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every metric name the code declares, as Prometheus shows it: the job's ({@link JobMetrics}, as
 * Flink's reporter exposes them, and the Flink metrics the monitoring relies on) and serve's
 * ({@link ServeMetrics}, each series of a histogram).
 */
final class MetricCatalogue {

  private MetricCatalogue() {}

  /** The names, sorted. */
  static Set<String> names() {
    Set<String> names = new TreeSet<>();
    for (JobMetric metric : JobMetrics.ALL) {
      names.add(metric.prometheusName());
    }
    names.addAll(JobMetrics.FLINK_JOB_MANAGER);
    names.addAll(JobMetrics.FLINK_TASK_MANAGER);
    for (ServeMetrics.Metric metric : ServeMetrics.ALL) {
      names.addAll(metric.series());
    }
    return names;
  }
}
