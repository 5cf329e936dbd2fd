package io.mobiflow.jobs.suggest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.SourceRef;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The free-floating vehicles the suggestion operator is offered, from a real GBFS snapshot. */
class FreeVehiclesTest {

  @Test
  void aRealTierSnapshotOffersItsVehiclesThatAreNeitherReservedNorDisabled() throws Exception {
    Path file =
        Path.of(
            "../connectors/src/test/resources/real/gbfs/tier-wolfsburg/free_bike_status_series/free_bike_status_1690889244.json.gz");
    byte[] json;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      json = in.readAllBytes();
    }
    FreeVehicles offered =
        FreeVehicles.of(
                new FeedSnapshot(
                    "tier",
                    FeedKind.GBFS_FREE_VEHICLES,
                    Instant.ofEpochSecond(1690889244),
                    SourceRef.file("tier", file.toString()),
                    json))
            .orElseThrow();
    int available = 0;
    for (JsonNode bike : new ObjectMapper().readTree(json).path("data").path("bikes")) {
      if (!bike.path("is_reserved").asBoolean() && !bike.path("is_disabled").asBoolean()) {
        available++;
      }
    }
    assertThat(offered.vehicles()).hasSize(available).hasSizeGreaterThan(800);
    assertThat(offered.feedId()).isEqualTo("tier");
  }
}
