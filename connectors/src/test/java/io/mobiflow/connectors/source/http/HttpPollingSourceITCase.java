package io.mobiflow.connectors.source.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.connectors.FlinkTests;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.source.http.PollHealth.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The FLIP-27 HTTP source on a real MiniCluster, polling a real HTTP server on 127.0.0.1. */
class HttpPollingSourceITCase {

  @RegisterExtension static final MiniClusterExtension FLINK = FlinkTests.miniCluster();

  @RegisterExtension static final FeedServer SERVER = new FeedServer();

  @Test
  void pollsEachFeedWithHealthRecordsAndDocuments() throws Exception {
    StreamExecutionEnvironment env = FlinkTests.environment();
    env.setParallelism(2);
    Duration second = Duration.ofSeconds(1);
    List<HttpFeed> feeds =
        List.of(
            HttpFeed.every(
                "caltrain-vp", FeedKind.GTFS_RT_VEHICLE_POSITIONS, SERVER.url("/vp.pb"), second),
            HttpFeed.every(
                "velib", FeedKind.GBFS_STATION_STATUS, SERVER.url("/station_status.json"), second),
            HttpFeed.every(
                "broken",
                FeedKind.GTFS_RT_TRIP_UPDATES,
                SERVER.url("/fail"),
                Duration.ofMillis(200)));
    Instant started = Instant.now();

    List<PollResult> results = new ArrayList<>();
    try (CloseableIterator<PollResult> it =
        env.fromSource(
                HttpPollingSource.bounded(feeds, 3),
                WatermarkStrategy.noWatermarks(),
                "http feeds",
                TypeInformation.of(PollResult.class))
            .uid("http-feeds")
            .executeAndCollect("http source test")) {
      it.forEachRemaining(results::add);
    }

    Map<String, List<PollResult>> byFeed =
        results.stream().collect(Collectors.groupingBy(r -> r.health().feedId()));
    assertThat(byFeed.get("caltrain-vp"))
        .extracting(r -> r.health().status())
        .containsExactly(Status.OK, Status.STALE, Status.STALE);
    assertThat(byFeed.get("caltrain-vp").get(0).snapshot().payload())
        .isEqualTo(FeedServer.VEHICLE_POSITIONS);
    assertThat(byFeed.get("caltrain-vp").get(0).snapshot().kind())
        .isEqualTo(FeedKind.GTFS_RT_VEHICLE_POSITIONS);
    assertThat(byFeed.get("velib"))
        .extracting(r -> r.health().status())
        .containsExactly(Status.OK, Status.STALE, Status.STALE);
    assertThat(byFeed.get("broken"))
        .extracting(r -> r.health().status(), r -> r.health().httpStatus())
        .containsOnly(org.assertj.core.groups.Tuple.tuple(Status.ERROR, 500));
    // backoff: 200 ms interval, then 400 ms and 800 ms after the first and second errors
    List<Instant> brokenPolls =
        byFeed.get("broken").stream().map(r -> r.health().polledAt()).toList();
    assertThat(Duration.between(brokenPolls.get(0), brokenPolls.get(1)))
        .isGreaterThanOrEqualTo(Duration.ofMillis(400));
    assertThat(Duration.between(brokenPolls.get(1), brokenPolls.get(2)))
        .isGreaterThanOrEqualTo(Duration.ofMillis(800));
    // the 304s came one interval apart, not at once
    List<Instant> vpPolls =
        byFeed.get("caltrain-vp").stream().map(r -> r.health().polledAt()).toList();
    assertThat(Duration.between(vpPolls.get(0), vpPolls.get(2)))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    assertThat(vpPolls.get(0)).isAfterOrEqualTo(started.minusSeconds(1));
  }

  @Test
  void splitsSurviveACheckpointRoundTrip() throws Exception {
    HttpFeedSplit split =
        new HttpFeedSplit(
            new HttpFeed(
                "f",
                FeedKind.GBFS_STATION_STATUS,
                SERVER.url("/x"),
                Duration.ofSeconds(30),
                true,
                Duration.ofSeconds(3),
                1234),
            new PollState(
                "\"e\"",
                null,
                Instant.ofEpochSecond(1732004538L),
                2,
                Instant.ofEpochMilli(1_700_000_000_123L)),
            7);
    HttpFeedSplitSerializer serializer = HttpFeedSplitSerializer.INSTANCE;
    assertThat(serializer.deserialize(serializer.getVersion(), serializer.serialize(split)))
        .isEqualTo(split);
    var checkpoint = new HttpFeedSplitSerializer.Checkpoint();
    assertThat(
            checkpoint.deserialize(
                checkpoint.getVersion(), checkpoint.serialize(List.of(split, split))))
        .containsExactly(split, split);
  }
}
