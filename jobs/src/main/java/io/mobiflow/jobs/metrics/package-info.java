/**
 * The job's own metrics: {@link io.mobiflow.jobs.metrics.JobMetrics}, the catalogue declaring each
 * one once (its group path, labels, type, help and the name Flink's Prometheus reporter gives it),
 * through which the operators register them, and {@link io.mobiflow.jobs.metrics.FeedMetrics}, the
 * per-feed metrics of one operator instance, bounded against an input's feed ids. See {@code
 * docs/metrics.md}.
 */
package io.mobiflow.jobs.metrics;
