package io.mobiflow.jobs.metrics;

import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.feeds.FeedFormats;
import io.mobiflow.jobs.metrics.JobMetric.Type;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every metric the job registers itself, each declared once: the operators register them through
 * these declarations, {@code docs/metrics.md} describes them, and the checks of the monitoring
 * files read their {@link JobMetric#prometheusName() Prometheus names} here. Label values: {@code
 * kind} a feed kind in lower case ({@link #kindLabel}), {@code feed} the feed id ({@link
 * FeedMetrics#OTHER_FEED} beyond {@link FeedMetrics#MAX_FEEDS} per operator instance), {@code
 * reason} a {@code RejectReason}, {@code type} a {@code SuggestionType}, both as their names.
 */
public final class JobMetrics {

  private static final List<String> KIND_FEED = List.of("kind", "feed");

  /** Feed documents (snapshots) read, per kind and feed. */
  public static final JobMetric DOCUMENTS =
      new JobMetric(
          List.of(), "documents", KIND_FEED, Type.COUNTER, "feed documents (snapshots) read");

  /**
   * Observations accepted: decoded, placed and in time for their feed (for free vehicles: the
   * pick-ups and drop-offs placed).
   */
  public static final JobMetric EVENTS =
      new JobMetric(
          List.of(),
          "events",
          KIND_FEED,
          Type.COUNTER,
          "observations accepted: decoded, placed and in time for their feed");

  /** Dead letters per reason. */
  public static final JobMetric REJECTED =
      new JobMetric(
          List.of(),
          "rejected",
          List.of("kind", "feed", "reason"),
          Type.COUNTER,
          "dead letters (a document or one of its observations) per reject reason");

  /** Observations late for their feed's clock or at the event-time gate (LATE dead letters). */
  public static final JobMetric LATE =
      new JobMetric(
          List.of(),
          "late",
          KIND_FEED,
          Type.COUNTER,
          "observations late for their feed's clock or behind the watermark at the gate");

  /** Observations seen again (the same entity and time) and let through once. */
  public static final JobMetric DUPLICATES =
      new JobMetric(
          List.of(),
          "duplicates",
          KIND_FEED,
          Type.COUNTER,
          "observations seen again (the same entity and time), counted once");

  /** Wall-clock seconds since the operator instance read a document of the feed. */
  public static final JobMetric SECONDS_SINCE_LAST_DOCUMENT =
      new JobMetric(
          List.of(),
          "seconds_since_last_document",
          KIND_FEED,
          Type.GAUGE,
          "wall-clock seconds since this subtask last read a document of the feed");

  /** Wall clock minus the kind's event-time watermark, in seconds. */
  public static final JobMetric WATERMARK_LAG_SECONDS =
      new JobMetric(
          List.of(),
          "watermark_lag_seconds",
          List.of("kind"),
          Type.GAUGE,
          "wall clock minus the event-time watermark of the kind's observations, seconds"
              + " (NaN before the first watermark)");

  /** Suggestions issued (new, or their advice changed), per type. */
  public static final JobMetric SUGGESTIONS_ISSUED =
      new JobMetric(
          List.of(),
          "suggestions_issued",
          List.of("type"),
          Type.COUNTER,
          "suggestions issued (new, or their advice changed), per suggestion type");

  /** Samples that arrived after their window closed. */
  public static final JobMetric LATE_SAMPLES =
      new JobMetric(
          List.of(),
          "late_samples",
          List.of(),
          Type.COUNTER,
          "samples that arrived after their window and its allowed lateness closed");

  /** Free-vehicle snapshots whose ids had all changed (rotating ids): no changes counted. */
  public static final JobMetric VEHICLE_ID_CHANGES =
      new JobMetric(
          List.of("gbfs_free_vehicles"),
          "id_changes",
          List.of(),
          Type.COUNTER,
          "free-vehicle snapshots whose vehicle ids rotated, compared by count only");

  /** Station reports older than the station's last one. */
  public static final JobMetric STATION_LATE_REPORTS =
      new JobMetric(
          List.of("gbfs_station_status"),
          "late_reports",
          List.of(),
          Type.COUNTER,
          "station reports behind the station's state already emitted");

  /** Station reports repeated (the same last_reported). */
  public static final JobMetric STATION_DUPLICATE_REPORTS =
      new JobMetric(
          List.of("gbfs_station_status"),
          "duplicate_reports",
          List.of(),
          Type.COUNTER,
          "station reports repeated with the same last_reported");

  /** Predicted departures already past the trip's feed watermark when they arrived. */
  public static final JobMetric PREDICTIONS_ALREADY_PAST =
      new JobMetric(
          List.of("gtfs_rt_trip_updates"),
          "predictions_already_past",
          List.of(),
          Type.COUNTER,
          "predicted departures already behind their feed's watermark when they arrived");

  /** Every metric above, in the order of {@code docs/metrics.md}. */
  public static final List<JobMetric> ALL =
      List.of(
          DOCUMENTS,
          EVENTS,
          REJECTED,
          LATE,
          DUPLICATES,
          SECONDS_SINCE_LAST_DOCUMENT,
          WATERMARK_LAG_SECONDS,
          SUGGESTIONS_ISSUED,
          LATE_SAMPLES,
          VEHICLE_ID_CHANGES,
          STATION_LATE_REPORTS,
          STATION_DUPLICATE_REPORTS,
          PREDICTIONS_ALREADY_PAST);

  /**
   * Flink's own metrics the monitoring relies on, as its Prometheus reporter exposes them on the
   * JobManager: failed and completed checkpoints (a checkpoint triggered while the tasks are still
   * deploying counts as failed), the last checkpoint's duration (ms), the job's restarts and uptime
   * (ms).
   */
  public static final List<String> FLINK_JOB_MANAGER =
      List.of(
          "flink_jobmanager_job_numberOfFailedCheckpoints",
          "flink_jobmanager_job_numberOfCompletedCheckpoints",
          "flink_jobmanager_job_lastCheckpointDuration",
          "flink_jobmanager_job_numRestarts",
          "flink_jobmanager_job_uptime");

  /**
   * Flink's own metrics the monitoring relies on, on the TaskManagers: the Kafka source's records
   * not read yet (its consumer lag, summed over the reader's partitions).
   */
  public static final List<String> FLINK_TASK_MANAGER =
      List.of("flink_taskmanager_job_task_operator_pendingRecords");

  private JobMetrics() {}

  /** The {@code kind} label of a feed kind: its name in lower case. */
  public static String kindLabel(FeedKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  /**
   * The {@code kind} label of an operator that sees observations of several feed kinds without
   * knowing which (the event-time gates): the kind's label if there is one, else the family they
   * share in lower case ({@code counter} for the counter formats).
   *
   * @throws IllegalArgumentException if {@code kinds} is empty or spans families
   */
  public static String kindLabel(Collection<FeedKind> kinds) {
    if (kinds.size() == 1) {
      return kindLabel(kinds.iterator().next());
    }
    Set<String> families =
        kinds.stream()
            .map(kind -> FeedFormats.of(kind).family().name().toLowerCase(Locale.ROOT))
            .collect(Collectors.toSet());
    if (families.size() != 1) {
      throw new IllegalArgumentException("no one family for the kinds " + kinds);
    }
    return families.iterator().next();
  }
}
