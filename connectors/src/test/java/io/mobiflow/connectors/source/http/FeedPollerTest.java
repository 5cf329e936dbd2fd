package io.mobiflow.connectors.source.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.source.http.PollHealth.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

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
        new PollState(
            null, null, first.next().lastDocumentTime(), null, 0, first.next().nextPollAt());
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
            64L << 20,
            List.of());
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
            1 << 20,
            List.of());
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
    PollState afterMany = new PollState(null, null, null, null, 12, first.next().nextPollAt());
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
            4L << 20,
            List.of());
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

  @Test
  void aTricklingBodyIsCutAtTheDeadline() {
    // one byte a second: the headers come at once, the body would take 729 s
    HttpFeed feed =
        feed("/trickle", FeedKind.GTFS_RT_VEHICLE_POSITIONS, Duration.ofMillis(2_000), 1 << 20);
    PollHealth health = poller.poll(feed, PollState.initial()).result().health();
    assertThat(health.status()).isEqualTo(Status.ERROR);
    assertThat(health.reason()).contains("within 2000 ms");
    assertThat(health.latencyMillis()).isBetween(1_900L, 5_000L);
  }

  @Test
  void aRedirectToAnotherHostIsRefusedNamingTheTarget() {
    PollHealth health =
        poller
            .poll(
                feed("/redirect-other-host", FeedKind.GTFS_RT_VEHICLE_POSITIONS),
                PollState.initial())
            .result()
            .health();
    assertThat(health.status()).isEqualTo(Status.ERROR);
    assertThat(health.httpStatus()).isEqualTo(302);
    assertThat(health.reason()).contains("http://localhost:").contains("allow_redirects_to");
  }

  @Test
  void aRedirectOnTheSameHostIsFollowed() {
    FeedPoller.Outcome outcome =
        poller.poll(
            feed("/redirect-same-host", FeedKind.GTFS_RT_VEHICLE_POSITIONS), PollState.initial());
    assertThat(outcome.result().health().status()).isEqualTo(Status.OK);
    assertThat(outcome.result().snapshot().payload()).isEqualTo(FeedServer.VEHICLE_POSITIONS);
  }

  @Test
  void aRedirectToAnAllowedHostIsFollowed(@TempDir Path dir) throws IOException {
    Path config =
        Files.writeString(
            dir.resolve("feeds.json"),
            """
            {"feeds": [{"id": "vp", "kind": "gtfs_rt_vehicle_positions", "url": "%s",
                        "allow_redirects_to": ["LocalHost"]}]}
            """
                .formatted(SERVER.url("/redirect-other-host")));
    FeedPoller.Outcome outcome =
        poller.poll(HttpFeedsConfig.read(config).get(0), PollState.initial());
    assertThat(outcome.result().health().status()).isEqualTo(Status.OK);
    assertThat(outcome.result().snapshot().payload()).isEqualTo(FeedServer.VEHICLE_POSITIONS);
  }

  @Test
  void redirectsAreBounded() {
    PollHealth health =
        poller
            .poll(feed("/redirect-loop", FeedKind.GTFS_RT_VEHICLE_POSITIONS), PollState.initial())
            .result()
            .health();
    assertThat(health.status()).isEqualTo(Status.ERROR);
    assertThat(health.reason()).isEqualTo("more than 5 redirects");
  }

  @Test
  void aGzipBodyIsDecoded() {
    FeedPoller.Outcome outcome =
        poller.poll(feed("/gzip-vp", FeedKind.GTFS_RT_VEHICLE_POSITIONS), PollState.initial());
    assertThat(outcome.result().health().status()).isEqualTo(Status.OK);
    assertThat(outcome.result().snapshot().payload()).isEqualTo(FeedServer.VEHICLE_POSITIONS);
    assertThat(outcome.result().health().bytes()).isEqualTo(FeedServer.VEHICLE_POSITIONS.length);
  }

  @Test
  void theSizeLimitAppliesToTheDecompressedBytes() {
    // gzipped, the 729 bytes of the Caltrain document fit in 700; decompressed, they do not
    assertThat(FeedServer.gzip(FeedServer.VEHICLE_POSITIONS).length).isLessThan(700);
    PollHealth health =
        poller
            .poll(
                feed("/gzip-vp", FeedKind.GTFS_RT_VEHICLE_POSITIONS, Duration.ofSeconds(5), 700),
                PollState.initial())
            .result()
            .health();
    assertThat(health.status()).isEqualTo(Status.ERROR);
    assertThat(health.reason()).contains("over the limit of 700 bytes");
  }

  @Test
  void aGzipBombStopsEarlyWithBoundedMemory() {
    int bombBytes = FeedServer.GzipBomb.BYTES.length; // made before measuring
    long allocatedBefore = allocatedBytes();
    PollHealth health =
        poller
            .poll(
                feed("/gzip-bomb", FeedKind.GBFS_STATION_STATUS, Duration.ofSeconds(20), 16L << 20),
                PollState.initial())
            .result()
            .health();
    long allocated = allocatedBytes() - allocatedBefore;
    assertThat(health.status()).isEqualTo(Status.ERROR);
    // about 1,000 bytes of zeros per byte received: stopped by the ratio, past 1 MiB
    assertThat(health.reason()).contains("gzip body over 200 times its compressed size");
    // 1 GiB of zeros in about 1 MB: inflating it all would allocate at least 1 GiB
    assertThat(bombBytes).isLessThan(2 << 20);
    assertThat(allocated).isLessThan(256L << 20);
  }

  @Test
  void aTruncatedGzipBodyIsAnError() {
    PollHealth health =
        poller
            .poll(feed("/gzip-truncated", FeedKind.GTFS_RT_VEHICLE_POSITIONS), PollState.initial())
            .result()
            .health();
    assertThat(health.status()).isEqualTo(Status.ERROR);
    assertThat(health.reason()).isNotBlank();
  }

  @Test
  void aDeclaredLengthOverTheLimitIsRefusedBeforeReading() {
    // the server declares 1 GiB, sends 729 bytes and waits: reading on would last the 5 s
    PollHealth health =
        poller
            .poll(
                feed(
                    "/declares-1-gib",
                    FeedKind.GTFS_RT_VEHICLE_POSITIONS,
                    Duration.ofSeconds(5),
                    1 << 20),
                PollState.initial())
            .result()
            .health();
    assertThat(health.status()).isEqualTo(Status.ERROR);
    assertThat(health.reason()).contains("1073741824").contains("over the limit of 1048576");
    assertThat(health.latencyMillis()).isLessThan(4_000);
  }

  @Test
  void identicalContentUnderANewEtagIsStale() {
    HttpFeed feed = feed("/new-etag-same-bytes", FeedKind.COUNTER_CSV);
    FeedPoller.Outcome first = poller.poll(feed, PollState.initial());
    FeedPoller.Outcome second = poller.poll(feed, first.next());
    assertThat(first.result().health().status()).isEqualTo(Status.OK);
    assertThat(second.result().health().status()).isEqualTo(Status.STALE);
    assertThat(second.result().health().reason()).startsWith("unchanged content");
    assertThat(second.result().snapshot()).isNull();
    assertThat(second.next().etag()).isNotEqualTo(first.next().etag());
  }

  @Test
  void documentTimesOutOfRangeNeitherThrowNorStick() {
    HttpFeed healthy = feed("/vp.pb", FeedKind.GTFS_RT_VEHICLE_POSITIONS);
    PollState known = poller.poll(healthy, PollState.initial()).next();
    for (HttpFeed poisoned :
        List.of(
            feed("/rt-dated-1e17", FeedKind.GTFS_RT_VEHICLE_POSITIONS),
            feed("/gbfs-dated-1e18", FeedKind.GBFS_STATION_STATUS))) {
      FeedPoller.Outcome outcome = poller.poll(poisoned, known);
      // a new document: delivered (its decoder rejects what it must), its time set aside
      assertThat(outcome.result().health().status()).isEqualTo(Status.OK);
      assertThat(outcome.result().snapshot()).isNotNull();
      assertThat(outcome.result().health().reason())
          .containsAnyOf("header timestamp 100000000000000000", "last_updated")
          .contains("ignored");
      // the last document time stays that of the Caltrain document, 2023-11-08T01:05:59Z
      assertThat(outcome.next().lastDocumentTime()).hasToString("2023-11-08T01:05:59Z");
    }
  }

  @Test
  void aMalformedDocumentIsDeliveredWithANote() {
    for (FeedKind kind : List.of(FeedKind.GTFS_RT_TRIP_UPDATES, FeedKind.GBFS_STATION_STATUS)) {
      FeedPoller.Outcome outcome = poller.poll(feed("/html", kind), PollState.initial());
      // delivered, so that its decoder rejects it with its source; the health says why
      assertThat(outcome.result().health().status()).isEqualTo(Status.OK);
      assertThat(outcome.result().snapshot().payload()).isEqualTo(FeedServer.HTML_ERROR_PAGE);
      assertThat(outcome.result().health().reason())
          .isIn(
              "not a GBFS document: not a JSON object",
              "not a GTFS-Realtime FeedMessage: " + protobufError(FeedServer.HTML_ERROR_PAGE));
    }
  }

  private static String protobufError(byte[] bytes) {
    try {
      com.google.transit.realtime.GtfsRealtime.FeedMessage.parseFrom(bytes);
      throw new AssertionError("parsed");
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      return e.getMessage();
    }
  }

  private static Duration wait(FeedPoller.Outcome outcome) {
    return Duration.between(outcome.result().health().polledAt(), outcome.next().nextPollAt());
  }

  private static HttpFeed feed(String path, FeedKind kind, Duration interval) {
    return HttpFeed.every("test", kind, SERVER.url(path), interval);
  }

  private static HttpFeed feed(String path, FeedKind kind) {
    return feed(path, kind, Duration.ofSeconds(5));
  }

  private static HttpFeed feed(String path, FeedKind kind, Duration timeout, long maxBytes) {
    return new HttpFeed(
        "test", kind, SERVER.url(path), Duration.ofSeconds(5), false, timeout, maxBytes, List.of());
  }

  /** The bytes allocated so far by the threads alive now (HotSpot's per-thread counters). */
  private static long allocatedBytes() {
    var threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long total = 0;
    for (long allocated : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
      total += Math.max(0, allocated);
    }
    return total;
  }
}
