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
import org.apache.flink.core.memory.DataOutputSerializer;
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
  void hangingFeedsDoNotDelayTheOthersOnTheSameReader() throws Exception {
    StreamExecutionEnvironment env = FlinkTests.environment();
    env.setParallelism(1);
    List<HttpFeed> feeds = new ArrayList<>();
    for (String id : List.of("hanging-1", "hanging-2")) {
      feeds.add(
          new HttpFeed(
              id,
              FeedKind.GTFS_RT_VEHICLE_POSITIONS,
              SERVER.url("/hang"),
              Duration.ofMillis(100),
              false,
              Duration.ofMillis(2_500),
              1 << 20,
              List.of()));
    }
    feeds.add(
        HttpFeed.every(
            "healthy",
            FeedKind.GTFS_RT_VEHICLE_POSITIONS,
            SERVER.url("/vp.pb"),
            Duration.ofMillis(200)));

    List<PollResult> results = new ArrayList<>();
    try (CloseableIterator<PollResult> it =
        env.fromSource(
                HttpPollingSource.bounded(feeds, 2),
                WatermarkStrategy.noWatermarks(),
                "http feeds",
                TypeInformation.of(PollResult.class))
            .uid("http-feeds")
            .executeAndCollect("hanging feeds test")) {
      it.forEachRemaining(results::add);
    }

    Map<String, List<Instant>> polledAt =
        results.stream()
            .collect(
                Collectors.groupingBy(
                    r -> r.health().feedId(),
                    Collectors.mapping(r -> r.health().polledAt(), Collectors.toList())));
    Instant firstHang =
        polledAt.get("hanging-1").get(0).isBefore(polledAt.get("hanging-2").get(0))
            ? polledAt.get("hanging-1").get(0)
            : polledAt.get("hanging-2").get(0);
    // both healthy polls (200 ms apart) start while the first hanging polls still wait for
    // their 2.5 s timeout; behind them, the first healthy poll would start 2.5 s late
    assertThat(polledAt.get("healthy")).hasSize(2);
    assertThat(polledAt.get("healthy"))
        .allSatisfy(t -> assertThat(t).isBefore(firstHang.plusMillis(2_000)));
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
                1234,
                List.of("cdn.example.net", "b.example")),
            new PollState(
                "\"e\"",
                null,
                Instant.ofEpochSecond(1732004538L),
                "ab".repeat(32),
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

  @Test
  void version1SplitsStillRead() throws Exception {
    // the version 1 layout, field by field: feed, then poll state, then polls left
    DataOutputSerializer v1 = new DataOutputSerializer(256);
    v1.writeUTF("f");
    v1.writeUTF("GBFS_STATION_STATUS");
    v1.writeUTF("http://127.0.0.1:1/x");
    v1.writeLong(30_000);
    v1.writeBoolean(true);
    v1.writeLong(3_000);
    v1.writeLong(1234);
    v1.writeBoolean(true);
    v1.writeUTF("\"e\"");
    v1.writeBoolean(false);
    v1.writeLong(1_732_004_538_000L);
    v1.writeInt(2);
    v1.writeLong(1_700_000_000_123L);
    v1.writeLong(7);

    HttpFeedSplit split = HttpFeedSplitSerializer.INSTANCE.deserialize(1, v1.getCopyOfBuffer());

    assertThat(split.feed().allowRedirectsTo()).isEmpty();
    assertThat(split.feed().maxBytes()).isEqualTo(1234);
    assertThat(split.state())
        .isEqualTo(
            new PollState(
                "\"e\"",
                null,
                Instant.ofEpochSecond(1732004538L),
                null,
                2,
                Instant.ofEpochMilli(1_700_000_000_123L)));
    assertThat(split.pollsLeft()).isEqualTo(7);
  }
}
