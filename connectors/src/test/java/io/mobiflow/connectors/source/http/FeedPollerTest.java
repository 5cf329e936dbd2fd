package io.mobiflow.connectors.source.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.source.http.PollHealth.Status;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FeedPollerTest {

  @RegisterExtension static final FeedServer SERVER = new FeedServer();
  static FeedPoller poller;

  @BeforeAll
  static void start() {
    poller = new FeedPoller(Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    poller.close();
  }

  @Test
  void newDocumentThenEtagGives304() {
    HttpFeed feed = feed("/vp.pb", FeedKind.GTFS_RT_VEHICLE_POSITIONS, Duration.ofSeconds(30));
    FeedPoller.Outcome first = poller.poll(feed, PollState.initial());
    assertThat(first.result().health().status()).isEqualTo(Status.OK);
    assertThat(first.result().snapshot().payload()).isEqualTo(FeedServer.VEHICLE_POSITIONS);
    assertThat(first.result().snapshot().feedId()).isEqualTo("test");
    assertThat(first.next().etag()).isEqualTo("\"v1\"");
    // the Caltrain header timestamp: 1699405559 (2023-11-08T01:05:59Z)
    assertThat(first.next().lastDocumentTime()).hasToString("2023-11-08T01:05:59Z");
    assertThat(Duration.between(first.result().health().polledAt(), first.next().nextPollAt()))
        .isEqualTo(Duration.ofSeconds(30));

    FeedPoller.Outcome second = poller.poll(feed, first.next());
    assertThat(second.result().health().status()).isEqualTo(Status.STALE);
    assertThat(second.result().health().httpStatus()).isEqualTo(304);
    assertThat(second.result().snapshot()).isNull();
    assertThat(second.next().etag()).isEqualTo("\"v1\"");
  }

  @Test
  void lastModifiedGives304AndAnUnchangedDocumentIsStale() {
    HttpFeed feed =
        feed("/station_status.json", FeedKind.GBFS_STATION_STATUS, Duration.ofSeconds(30));
    FeedPoller.Outcome first = poller.poll(feed, PollState.initial());
    assertThat(first.result().health().status()).isEqualTo(Status.OK);
    assertThat(first.result().health().bytes()).isEqualTo(FeedServer.STATION_STATUS.length);
    assertThat(first.next().lastModified()).isEqualTo(FeedServer.LAST_MODIFIED);
    assertThat(poller.poll(feed, first.next()).result().health().httpStatus()).isEqualTo(304);

    // without validators the same document comes back: its lastUpdatedOther is not newer
    PollState forgetful =
        new PollState(null, null, first.next().lastDocumentTime(), 0, first.next().nextPollAt());
    FeedPoller.Outcome again = poller.poll(feed, forgetful);
    assertThat(again.result().health().status()).isEqualTo(Status.STALE);
    assertThat(again.result().health().reason()).contains("not after the last one");
  }

  @Test
  void ttlSetsTheNextPollOfAGbfsFeed() {
    HttpFeed feed =
        new HttpFeed(
            "velib",
            FeedKind.GBFS_STATION_STATUS,
            SERVER.url("/station_status.json"),
            Duration.ofSeconds(10),
            true,
            Duration.ofSeconds(5),
            64L << 20);
    FeedPoller.Outcome outcome = poller.poll(feed, PollState.initial());
    // lastUpdatedOther 1732004538 + ttl 3600 lies in the past: the interval applies
    assertThat(Duration.between(outcome.result().health().polledAt(), outcome.next().nextPollAt()))
        .isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void aSlowAnswerTimesOut() {
    HttpFeed feed =
        new HttpFeed(
            "slow",
            FeedKind.GTFS_RT_VEHICLE_POSITIONS,
            SERVER.url("/slow"),
            Duration.ofSeconds(1),
            false,
            Duration.ofMillis(500),
            1 << 20);
    PollHealth health = poller.poll(feed, PollState.initial()).result().health();
    assertThat(health.status()).isEqualTo(Status.ERROR);
    assertThat(health.reason()).contains("within 500 ms");
    assertThat(health.latencyMillis()).isLessThan(2_500);
  }

  @Test
  void errorsBackOffExponentiallyAndRecover() {
    HttpFeed feed = feed("/fail", FeedKind.GTFS_RT_VEHICLE_POSITIONS, Duration.ofSeconds(5));
    FeedPoller.Outcome first = poller.poll(feed, PollState.initial());
    FeedPoller.Outcome second = poller.poll(feed, first.next());
    assertThat(first.result().health().reason()).isEqualTo("HTTP 500");
    assertThat(wait(first)).isEqualTo(Duration.ofSeconds(10));
    assertThat(wait(second)).isEqualTo(Duration.ofSeconds(20));
    assertThat(second.next().consecutiveErrors()).isEqualTo(2);
    PollState afterMany = new PollState(null, null, null, 12, first.next().nextPollAt());
    assertThat(wait(poller.poll(feed, afterMany))).isEqualTo(FeedPoller.MAX_BACKOFF);
    HttpFeed healthy = feed("/vp.pb", FeedKind.GTFS_RT_VEHICLE_POSITIONS, Duration.ofSeconds(5));
    assertThat(poller.poll(healthy, second.next()).next().consecutiveErrors()).isZero();
  }

  @Test
  void aTruncatedBodyIsAnError() {
    PollHealth health =
        poller
            .poll(
                feed("/truncated", FeedKind.GTFS_RT_VEHICLE_POSITIONS, Duration.ofSeconds(5)),
                PollState.initial())
            .result()
            .health();
    assertThat(health.status()).isEqualTo(Status.ERROR);
    assertThat(health.reason()).isNotBlank();
  }

  @Test
  void aBodyOverTheLimitIsAnErrorEvenWithoutContentLength() {
    HttpFeed feed =
        new HttpFeed(
            "big",
            FeedKind.GBFS_STATION_STATUS,
            SERVER.url("/big-chunked"),
            Duration.ofSeconds(5),
            false,
            Duration.ofSeconds(5),
            4L << 20);
    PollHealth health = poller.poll(feed, PollState.initial()).result().health();
    assertThat(health.status()).isEqualTo(Status.ERROR);
    assertThat(health.reason()).contains("over the limit of 4194304 bytes");
  }

  @Test
  void aRefusedConnectionIsAnError() throws Exception {
    java.net.URI closed;
    try (java.net.ServerSocket socket =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = java.net.URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/gone");
    }
    HttpFeed feed =
        HttpFeed.every("gone", FeedKind.GTFS_RT_VEHICLE_POSITIONS, closed, Duration.ofSeconds(5));
    PollHealth health = poller.poll(feed, PollState.initial()).result().health();
    assertThat(health.status()).isEqualTo(Status.ERROR);
    assertThat(health.httpStatus()).isZero();
    assertThat(health.reason()).contains("Connect");
  }

  private static Duration wait(FeedPoller.Outcome outcome) {
    return Duration.between(outcome.result().health().polledAt(), outcome.next().nextPollAt());
  }

  private static HttpFeed feed(String path, FeedKind kind, Duration interval) {
    return HttpFeed.every("test", kind, SERVER.url(path), interval);
  }
}
