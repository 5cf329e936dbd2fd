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
}
