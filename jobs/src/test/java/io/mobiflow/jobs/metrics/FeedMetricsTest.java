package io.mobiflow.jobs.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.connectors.common.RejectReason;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.testutils.MetricListener;
import org.junit.jupiter.api.Test;

/**
 * The per-feed metrics in a real Flink metric group: each counted under its kind and feed, the
 * seconds since a feed's last document on the given clock, and at most so many feeds with their own
 * metrics, whatever ids an adversary sends: the rest are counted under {@code _other}.
 */
class FeedMetricsTest {

  private final MetricListener listener = new MetricListener();
  private final AtomicLong now = new AtomicLong(1_000_000);

  @Test
  void eachFeedIsCountedUnderItsKindAndFeed() {
    FeedMetrics metrics = new FeedMetrics(listener.getMetricGroup(), 10, now::get);
    metrics.document("counter_csv", "paris");
    metrics.document("counter_csv", "paris");
    metrics.document("counter_csv", "lyon");
    metrics.event("counter_csv", "paris");
    metrics.rejected("counter_csv", "paris", RejectReason.OUTSIDE_ZONES);
    metrics.rejected("counter_csv", "paris", RejectReason.OUTSIDE_ZONES);
    metrics.rejected("counter_csv", "lyon", RejectReason.LATE);
    metrics.late("counter_csv", "lyon");
    metrics.duplicate("gtfs_rt_vehicle_positions", "paris");

    assertThat(count("documents", "counter_csv", "paris")).contains(2L);
    assertThat(count("documents", "counter_csv", "lyon")).contains(1L);
    assertThat(count("events", "counter_csv", "paris")).contains(1L);
    assertThat(count("events", "counter_csv", "lyon")).isEmpty(); // registered when first counted
    assertThat(rejected("counter_csv", "paris", RejectReason.OUTSIDE_ZONES)).contains(2L);
    assertThat(rejected("counter_csv", "paris", RejectReason.LATE)).isEmpty();
    assertThat(rejected("counter_csv", "lyon", RejectReason.LATE)).contains(1L);
    assertThat(count("late", "counter_csv", "lyon")).contains(1L);
    assertThat(count("duplicates", "gtfs_rt_vehicle_positions", "paris")).contains(1L);
    assertThat(count("documents", "gtfs_rt_vehicle_positions", "paris")).isEmpty();
  }

  @Test
  void secondsSinceTheLastDocumentFollowTheClock() {
    FeedMetrics metrics = new FeedMetrics(listener.getMetricGroup(), 10, now::get);
    metrics.document("gbfs_free_vehicles", "velib");
    now.addAndGet(2_500);
    assertThat(sinceLast("gbfs_free_vehicles", "velib")).isEqualTo(2.5);
    metrics.document("gbfs_free_vehicles", "velib");
    now.addAndGet(500);
    assertThat(sinceLast("gbfs_free_vehicles", "velib")).isEqualTo(0.5);
  }

  @Test
  void feedsBeyondTheLimitAndOverlongIdsAreCountedUnderOther() {
    FeedMetrics metrics = new FeedMetrics(listener.getMetricGroup(), 3, now::get);
    for (String feed : new String[] {"a", "b", "c", "d", "e", "a", "d"}) {
      metrics.document("counter_csv", feed);
    }
    metrics.document("counter_csv", "x".repeat(FeedMetrics.MAX_FEED_ID_LENGTH + 1));
    metrics.rejected("counter_csv", "e", RejectReason.MALFORMED);

    assertThat(count("documents", "counter_csv", "a")).contains(2L);
    assertThat(count("documents", "counter_csv", "b")).contains(1L);
    assertThat(count("documents", "counter_csv", "c")).contains(1L);
    assertThat(count("documents", "counter_csv", "d")).isEmpty();
    assertThat(count("documents", "counter_csv", "e")).isEmpty();
    // d, e, d again and the over-long id
    assertThat(count("documents", "counter_csv", FeedMetrics.OTHER_FEED)).contains(4L);
    assertThat(rejected("counter_csv", FeedMetrics.OTHER_FEED, RejectReason.MALFORMED))
        .contains(1L);
  }

  @Test
  void randomIdsGetAtMostTheDefaultNumberOfFeedGroups() {
    FeedMetrics metrics = new FeedMetrics(listener.getMetricGroup());
    Random random = new Random(17);
    int sent = 5_000;
    String[] ids = new String[sent];
    for (int i = 0; i < sent; i++) {
      ids[i] = "attacker-" + Long.toHexString(random.nextLong()) + "-" + i;
      metrics.document("gtfs_rt_trip_updates", ids[i]);
    }
    int own = 0;
    for (String id : ids) {
      own += count("documents", "gtfs_rt_trip_updates", id).isPresent() ? 1 : 0;
    }
    assertThat(own).isEqualTo(FeedMetrics.MAX_FEEDS);
    assertThat(count("documents", "gtfs_rt_trip_updates", ids[FeedMetrics.MAX_FEEDS - 1]))
        .contains(1L);
    assertThat(count("documents", "gtfs_rt_trip_updates", ids[FeedMetrics.MAX_FEEDS])).isEmpty();
    assertThat(count("documents", "gtfs_rt_trip_updates", FeedMetrics.OTHER_FEED))
        .contains((long) sent - FeedMetrics.MAX_FEEDS);
  }

  private Optional<Long> count(String name, String kind, String feed) {
    return listener
        .getCounter(JobMetric.GROUP, "kind", kind, "feed", feed, name)
        .map(Counter::getCount);
  }

  private Optional<Long> rejected(String kind, String feed, RejectReason reason) {
    return listener
        .getCounter(
            JobMetric.GROUP, "kind", kind, "feed", feed, "reason", reason.name(), "rejected")
        .map(Counter::getCount);
  }

  private double sinceLast(String kind, String feed) {
    Gauge<Double> gauge =
        listener
            .<Double>getGauge(
                JobMetric.GROUP, "kind", kind, "feed", feed, "seconds_since_last_document")
            .orElseThrow();
    return gauge.getValue();
  }
}
