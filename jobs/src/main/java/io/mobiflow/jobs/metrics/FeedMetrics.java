package io.mobiflow.jobs.metrics;

import io.mobiflow.connectors.common.RejectReason;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * The per-feed metrics of one operator instance ({@link JobMetrics#DOCUMENTS}, {@link
 * JobMetrics#EVENTS}, {@link JobMetrics#REJECTED}, {@link JobMetrics#LATE}, {@link
 * JobMetrics#DUPLICATES}, {@link JobMetrics#SECONDS_SINCE_LAST_DOCUMENT}), each registered when
 * first counted, so an operator shows only what it counts. Feed ids come from the input (Kafka
 * keys, folder names) and each one is a group of metrics: at most {@link #MAX_FEEDS} feeds get
 * their own, and every further feed, or an id longer than {@link #MAX_FEED_ID_LENGTH}, is counted
 * under the feed {@link #OTHER_FEED} of its kind, so an adversary's ids cannot grow the metrics
 * without bound. Not thread-safe: used from the operator's task thread (gauges read a volatile).
 */
public final class FeedMetrics {

  /** The feed label of the feeds beyond {@link #MAX_FEEDS} (and of over-long ids). */
  public static final String OTHER_FEED = "_other";

  /** The feeds with their own metrics, per operator instance (all kinds together). */
  public static final int MAX_FEEDS = 256;

  /** The longest feed id with its own metrics. */
  public static final int MAX_FEED_ID_LENGTH = 128;

  private final MetricGroup operator;
  private final int maxFeeds;
  private final LongSupplier clock;
  private final Map<String, Map<String, Feed>> byKind = new HashMap<>();
  private int feeds;

  /** The metrics of an operator's feeds, in its metric group, on the wall clock. */
  public FeedMetrics(MetricGroup operator) {
    this(operator, MAX_FEEDS, System::currentTimeMillis);
  }

  /**
   * @param operator the operator's metric group
   * @param maxFeeds the feeds with their own metrics
   * @param clock the wall clock, epoch milliseconds
   */
  public FeedMetrics(MetricGroup operator, int maxFeeds, LongSupplier clock) {
    this.operator = operator;
    this.maxFeeds = maxFeeds;
    this.clock = clock;
  }

  /** A document of the feed read (also restarts its {@code seconds_since_last_document}). */
  public void document(String kind, String feed) {
    Feed metrics = feed(kind, feed);
    metrics.counter(JobMetrics.DOCUMENTS).inc();
    if (metrics.lastDocument == Long.MIN_VALUE) {
      JobMetrics.SECONDS_SINCE_LAST_DOCUMENT.gauge(
          operator, () -> (clock.getAsLong() - metrics.lastDocument) / 1000.0, kind, metrics.feed);
    }
    metrics.lastDocument = clock.getAsLong();
  }

  /** An observation of the feed accepted. */
  public void event(String kind, String feed) {
    feed(kind, feed).counter(JobMetrics.EVENTS).inc();
  }

  /** A dead letter of the feed, for {@code reason}. */
  public void rejected(String kind, String feed, RejectReason reason) {
    Feed metrics = feed(kind, feed);
    metrics
        .rejected
        .computeIfAbsent(
            reason, r -> JobMetrics.REJECTED.counter(operator, kind, metrics.feed, r.name()))
        .inc();
  }

  /** An observation of the feed late. */
  public void late(String kind, String feed) {
    feed(kind, feed).counter(JobMetrics.LATE).inc();
  }

  /** An observation of the feed seen again. */
  public void duplicate(String kind, String feed) {
    feed(kind, feed).counter(JobMetrics.DUPLICATES).inc();
  }

  private Feed feed(String kind, String feed) {
    Map<String, Feed> ofKind = byKind.computeIfAbsent(kind, k -> new HashMap<>());
    Feed metrics = ofKind.get(feed);
    if (metrics != null) {
      return metrics;
    }
    if (feeds >= maxFeeds || feed.length() > MAX_FEED_ID_LENGTH || feed.equals(OTHER_FEED)) {
      return ofKind.computeIfAbsent(OTHER_FEED, other -> new Feed(kind, other));
    }
    feeds++;
    metrics = new Feed(kind, feed);
    ofKind.put(feed, metrics);
    return metrics;
  }

  /** The metrics of one feed of one kind, registered when first counted. */
  private final class Feed {
    private final String kind;
    private final String feed;
    private final Map<JobMetric, Counter> counters = new HashMap<>();
    private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
    private volatile long lastDocument = Long.MIN_VALUE;

    Feed(String kind, String feed) {
      this.kind = kind;
      this.feed = feed;
    }

    Counter counter(JobMetric metric) {
      return counters.computeIfAbsent(metric, m -> m.counter(operator, kind, feed));
    }
  }
}
