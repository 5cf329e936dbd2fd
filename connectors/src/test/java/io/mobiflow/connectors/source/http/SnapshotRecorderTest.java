package io.mobiflow.connectors.source.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.gbfs.decode.StationStatusDecoder;
import io.mobiflow.connectors.gtfsrt.decode.VehiclePositionDecoder;
import io.mobiflow.connectors.source.SnapshotDirectory;
import io.mobiflow.connectors.source.SnapshotFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class SnapshotRecorderTest {

  @RegisterExtension static final FeedServer SERVER = new FeedServer();

  @TempDir Path dir;

  @Test
  void recordsNewDocumentsInTheReplayLayout() throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("feeds.json"),
            """
            {"feeds": [
              {"id": "caltrain", "kind": "gtfs_rt_vehicle_positions", "url": "%s", "interval_seconds": 1},
              {"id": "velib", "kind": "GBFS_STATION_STATUS", "url": "%s", "interval_seconds": 1,
               "follow_ttl": true, "timeout_seconds": 5}
            ]}
            """
                .formatted(SERVER.url("/vp.pb"), SERVER.url("/station_status.json")));
    Path out = dir.resolve("recorded");
    Files.createDirectories(out);
    List<PollHealth> health = new ArrayList<>();

    List<Path> written =
        new SnapshotRecorder(out, Clock.systemUTC(), health::add)
            .record(HttpFeedsConfig.read(config), Duration.ofSeconds(30), 2);

    // two polls each: a document, then 304 Not Modified -> two files, four health records
    assertThat(health).hasSize(4);
    assertThat(written).hasSize(2);
    List<SnapshotFile> files = SnapshotDirectory.scan(out);
    assertThat(files)
        .extracting(SnapshotFile::kind)
        .containsExactlyInAnyOrder(
            FeedKind.GTFS_RT_VEHICLE_POSITIONS, FeedKind.GBFS_STATION_STATUS);
    for (SnapshotFile file : files) {
      var snapshot = file.read();
      List<? extends Decoded<?>> decoded =
          file.kind() == FeedKind.GBFS_STATION_STATUS
              ? new StationStatusDecoder().decode(snapshot)
              : new VehiclePositionDecoder().decode(snapshot);
      // Caltrain: 14 vehicle positions; Vélib': 1,485 stations (SOURCES.md)
      assertThat(decoded).hasSize(file.kind() == FeedKind.GBFS_STATION_STATUS ? 1485 : 14);
    }
  }

  @Test
  void aHangingFeedDoesNotDelayTheOthers() throws Exception {
    // the hanging feed's polls last their 2 s timeout; the healthy one is due every 200 ms
    HttpFeed hanging =
        new HttpFeed(
            "hanging",
            FeedKind.GTFS_RT_VEHICLE_POSITIONS,
            SERVER.url("/hang"),
            Duration.ofMillis(200),
            false,
            Duration.ofSeconds(2),
            1 << 20,
            List.of());
    HttpFeed healthy = every200ms("healthy", FeedKind.GTFS_RT_VEHICLE_POSITIONS, "/vp.pb");
    List<PollHealth> health = new ArrayList<>();

    new SnapshotRecorder(dir, Clock.systemUTC(), health::add)
        .record(List.of(hanging, healthy), Duration.ofSeconds(4), Long.MAX_VALUE);

    // about 20 polls of the healthy feed in 4 s; polled in turn with the hanging one, about 3
    assertThat(healthOf(health, "healthy").count()).isGreaterThanOrEqualTo(8);
    assertThat(healthOf(health, "hanging"))
        .isNotEmpty()
        .allSatisfy(h -> assertThat(h.status()).isEqualTo(PollHealth.Status.ERROR));
  }

  @Test
  void identicalContentIsRecordedOnceEvenAcrossARestart() throws Exception {
    // the server sends the same bytes under a new ETag every time
    HttpFeed feed = every200ms("counters", FeedKind.COUNTER_CSV, "/new-etag-same-bytes");
    List<PollHealth> health = new ArrayList<>();

    List<Path> first =
        new SnapshotRecorder(dir, Clock.systemUTC(), health::add)
            .record(List.of(feed), Duration.ofSeconds(30), 3);
    List<Path> afterRestart =
        new SnapshotRecorder(dir, Clock.systemUTC(), health::add)
            .record(List.of(feed), Duration.ofSeconds(30), 2);

    assertThat(first).hasSize(1);
    assertThat(Files.readAllBytes(first.get(0))).isEqualTo(FeedServer.COUNTER_CSV);
    assertThat(afterRestart).isEmpty();
    assertThat(health)
        .extracting(PollHealth::status)
        .containsExactly(
            PollHealth.Status.OK,
            PollHealth.Status.STALE,
            PollHealth.Status.STALE,
            PollHealth.Status.STALE,
            PollHealth.Status.STALE);
    assertThat(health.subList(1, 5))
        .allSatisfy(h -> assertThat(h.reason()).startsWith("unchanged content"));
  }

  @Test
  void documentsDatedOutOfRangeDoNotStopTheRecording() throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("feeds.json"),
            """
            {"feeds": [
              {"id": "rt-1e17", "kind": "gtfs_rt_vehicle_positions", "url": "%s", "interval_seconds": 1},
              {"id": "gbfs-1e18", "kind": "gbfs_station_status", "url": "%s", "interval_seconds": 1},
              {"id": "caltrain", "kind": "gtfs_rt_vehicle_positions", "url": "%s", "interval_seconds": 1}
            ]}
            """
                .formatted(
                    SERVER.url("/rt-dated-1e17"),
                    SERVER.url("/gbfs-dated-1e18"),
                    SERVER.url("/vp.pb")));
    Path out = Files.createDirectories(dir.resolve("recorded"));
    List<PollHealth> health = new ArrayList<>();

    new SnapshotRecorder(out, Clock.systemUTC(), health::add)
        .record(HttpFeedsConfig.read(config), Duration.ofSeconds(30), 2);

    // two polls of each feed: the new documents are recorded, their times set aside
    assertThat(health).hasSize(6);
    assertThat(healthOf(health, "caltrain"))
        .extracting(PollHealth::status)
        .containsExactly(PollHealth.Status.OK, PollHealth.Status.STALE);
    assertThat(healthOf(health, "rt-1e17").findFirst().orElseThrow())
        .satisfies(h -> assertThat(h.reason()).contains("100000000000000000"));
    assertThat(SnapshotDirectory.scan(out))
        .extracting(SnapshotFile::feedId)
        .containsExactlyInAnyOrder("rt-1e17", "gbfs-1e18", "caltrain");
  }

  @Test
  void aDocumentThatCannotBeWrittenIsThatFeedsErrorAndFetchedAgain() throws Exception {
    Files.writeString(dir.resolve("blocked"), "a file where the feed's folder should be");
    HttpFeed blocked = every200ms("blocked", FeedKind.GTFS_RT_VEHICLE_POSITIONS, "/vp.pb");
    HttpFeed healthy = every200ms("healthy", FeedKind.GTFS_RT_VEHICLE_POSITIONS, "/vp.pb");
    List<PollHealth> health = new ArrayList<>();

    List<Path> written =
        new SnapshotRecorder(dir, Clock.systemUTC(), health::add)
            .record(List.of(blocked, healthy), Duration.ofSeconds(30), 2);

    assertThat(written)
        .singleElement()
        .satisfies(file -> assertThat(file).startsWith(dir.resolve("healthy")));
    // not stored, so not remembered: the second poll asks without the ETag and gets it again
    assertThat(healthOf(health, "blocked"))
        .hasSize(2)
        .allSatisfy(
            h -> {
              assertThat(h.status()).isEqualTo(PollHealth.Status.ERROR);
              assertThat(h.httpStatus()).isEqualTo(200);
              assertThat(h.reason()).startsWith("document not written");
            });
  }

  @Test
  void feedIdsAreCheckedAtLoad() throws IOException {
    for (String id : List.of("../etc", "a/b", "a\\\\b", "..", ".hidden", "é", "a b")) {
      Path file = dir.resolve("ids.json");
      Files.writeString(
          file,
          "{\"feeds\":[{\"id\":\""
              + id
              + "\",\"kind\":\"gbfs_station_status\",\"url\":\"http://a\"}]}");
      String expectedId = id.replace("\\\\", "\\");
      assertThatThrownBy(() -> HttpFeedsConfig.read(file))
          .as(id)
          .hasMessageContaining(file.toString())
          .hasMessageContaining("\"" + expectedId + "\"");
    }
    Path twice =
        Files.writeString(
            dir.resolve("twice.json"),
            """
            {"feeds": [
              {"id": "velib", "kind": "gbfs_station_status", "url": "http://a"},
              {"id": "other", "kind": "gbfs_station_status", "url": "http://b"},
              {"id": "velib", "kind": "gbfs_station_information", "url": "http://c"}
            ]}
            """);
    assertThatThrownBy(() -> HttpFeedsConfig.read(twice))
        .hasMessageContaining(twice.toString())
        .hasMessageContaining("\"velib\"")
        .hasMessageContaining("feeds 1 and 3");
  }

  @Test
  void anUnknownKindOrKeyIsNamed() throws IOException {
    Path kind =
        Files.writeString(
            dir.resolve("kind.json"),
            "{\"feeds\":[{\"id\":\"x\",\"kind\":\"teletext\",\"url\":\"http://a\"}]}");
    assertThatThrownBy(() -> HttpFeedsConfig.read(kind))
        .hasMessageContaining("teletext")
        .hasMessageContaining("gtfs_rt_vehicle_positions")
        .hasMessageContaining("counter_datex2");
    Path key =
        Files.writeString(
            dir.resolve("key.json"),
            "{\"feeds\":[{\"id\":\"x\",\"kind\":\"counter_csv\",\"url\":\"http://a\","
                + "\"allow_redirect_to\":[\"b\"]}]}");
    assertThatThrownBy(() -> HttpFeedsConfig.read(key)).hasMessageContaining("allow_redirect_to");
    Path fraction =
        Files.writeString(
            dir.resolve("fraction.json"),
            "{\"feeds\":[{\"id\":\"x\",\"kind\":\"counter_csv\",\"url\":\"http://a\","
                + "\"interval_seconds\":5.5}]}");
    assertThatThrownBy(() -> HttpFeedsConfig.read(fraction))
        .hasMessageContaining("interval_seconds")
        .hasMessageContaining("5.5");
  }

  @Test
  void badFeedsFilesNameTheProblem() throws IOException {
    assertThatThrownBy(() -> HttpFeedsConfig.read(Files.writeString(dir.resolve("a.json"), "{}")))
        .hasMessageContaining("no \"feeds\" list");
    assertThatThrownBy(
            () ->
                HttpFeedsConfig.read(
                    Files.writeString(
                        dir.resolve("b.json"),
                        "{\"feeds\":[{\"id\":\"x\",\"kind\":\"teletext\",\"url\":\"http://a\"}]}")))
        .hasMessageContaining("feed 1");
    assertThatThrownBy(
            () ->
                HttpFeedsConfig.read(
                    Files.writeString(
                        dir.resolve("c.json"),
                        "{\"feeds\":[{\"id\":\"x\",\"kind\":\"gbfs_station_status\",\"url\":\"ftp://a\"}]}")))
        .hasMessageContaining("http or https");
    assertThatThrownBy(
            () -> HttpFeedsConfig.read(Files.writeString(dir.resolve("d.json"), "{oops")))
        .hasMessageContaining("cannot read feeds file");
  }

  /** A feed of {@code path} on the test server, polled every 200 ms. */
  private static HttpFeed every200ms(String id, FeedKind kind, String path) {
    return HttpFeed.every(id, kind, SERVER.url(path), Duration.ofMillis(200));
  }

  /** The health records of one feed, in order. */
  private static Stream<PollHealth> healthOf(List<PollHealth> health, String feedId) {
    return health.stream().filter(h -> h.feedId().equals(feedId));
  }
}
