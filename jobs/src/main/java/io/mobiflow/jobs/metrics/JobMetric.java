package io.mobiflow.jobs.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;

/**
 * One metric an operator of the job registers, declared once in {@link JobMetrics}: registered in
 * the operator's metric group under {@code mobiflow}, then the fixed groups of {@code path}, then a
 * key/value group per label ({@code addGroup(label, value)}), so that Flink's Prometheus reporter
 * exposes it as {@link #prometheusName()} with one Prometheus label per label here (beside Flink's
 * own: {@code job_name}, {@code subtask_index}, …).
 *
 * @param path the fixed groups between {@code mobiflow} and the labels (often none)
 * @param name the metric's name in its group
 * @param labels its labels, in the order their values are given
 * @param type counter or gauge (Flink's reporter exposes both as Prometheus gauges)
 * @param help what it counts or measures, one line
 */
public record JobMetric(
    List<String> path, String name, List<String> labels, Type type, String help) {

  /** What a metric is in Flink. */
  public enum Type {
    /** Only grows while the task runs (from 0 when the task starts or restarts). */
    COUNTER,
    /** A value read when the metric is reported. */
    GAUGE
  }

  /** The group every metric of the job is in. */
  public static final String GROUP = "mobiflow";

  /** Where Flink's Prometheus reporter puts a TaskManager operator's metrics. */
  public static final String OPERATOR_SCOPE = "flink_taskmanager_job_task_operator";

  private static final Pattern PART = Pattern.compile("[a-z][a-z0-9_]*");

  /** Checks that every part is a plain lower-case name, kept as it is by the reporter. */
  public JobMetric {
    path = List.copyOf(path);
    labels = List.copyOf(labels);
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(help, "help");
    List<String> parts = new ArrayList<>(path);
    parts.add(name);
    parts.addAll(labels);
    for (String part : parts) {
      if (!PART.matcher(part).matches()) {
        throw new IllegalArgumentException("not a plain metric name part: " + part);
      }
    }
  }

  /**
   * Its name as Flink's Prometheus reporter exposes it on a TaskManager, e.g. {@code
   * flink_taskmanager_job_task_operator_mobiflow_kind_feed_documents}: the scope, {@code mobiflow},
   * the path, the labels' keys and the name, joined by {@code _}.
   */
  public String prometheusName() {
    List<String> parts = new ArrayList<>();
    parts.add(OPERATOR_SCOPE);
    parts.add(GROUP);
    parts.addAll(path);
    parts.addAll(labels);
    parts.add(name);
    return String.join("_", parts);
  }

  /** Registers it as a counter in an operator's metric group, with a value for each label. */
  public Counter counter(MetricGroup operator, String... labelValues) {
    requireType(Type.COUNTER);
    return group(operator, labelValues).counter(name);
  }

  /** Registers it as a gauge in an operator's metric group, with a value for each label. */
  public <T> void gauge(MetricGroup operator, Gauge<T> gauge, String... labelValues) {
    requireType(Type.GAUGE);
    group(operator, labelValues).gauge(name, gauge);
  }

  private MetricGroup group(MetricGroup operator, String... labelValues) {
    if (labelValues.length != labels.size()) {
      throw new IllegalArgumentException(
          name + " has labels " + labels + ", given " + labelValues.length + " values");
    }
    MetricGroup group = operator.addGroup(GROUP);
    for (String part : path) {
      group = group.addGroup(part);
    }
    for (int i = 0; i < labels.size(); i++) {
      group = group.addGroup(labels.get(i), labelValues[i]);
    }
    return group;
  }

  private void requireType(Type expected) {
    if (type != expected) {
      throw new IllegalStateException(name + " is a " + type + ", not a " + expected);
    }
  }
}
