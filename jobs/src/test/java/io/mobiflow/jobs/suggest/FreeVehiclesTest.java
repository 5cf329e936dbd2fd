package io.mobiflow.jobs.suggest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.KeyedHash;
import io.mobiflow.connectors.common.SourceRef;
import io.mobiflow.connectors.gbfs.model.FreeFloatingVehicle;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The free-floating vehicles the suggestion operator is offered, from a real GBFS snapshot: under
 * pseudonyms, never their ids.
 */
class FreeVehiclesTest {

  private static final KeyedHash KEY =
      KeyedHash.withKey("a test key of 32 bytes, no more.".getBytes(StandardCharsets.UTF_8));

  @Test
  void aRealTierSnapshotOffersItsVehiclesThatAreNeitherReservedNorDisabledUnderPseudonyms()
      throws Exception {
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
                    json),
                KEY)
            .orElseThrow();
    Set<String> available = new HashSet<>();
    Set<String> ids = new HashSet<>();
    for (JsonNode bike : new ObjectMapper().readTree(json).path("data").path("bikes")) {
      ids.add(bike.path("bike_id").asText());
      if (!bike.path("is_reserved").asBoolean() && !bike.path("is_disabled").asBoolean()) {
        available.add(KEY.pseudonym(bike.path("bike_id").asText()));
      }
    }
    assertThat(available).hasSizeGreaterThan(800);
    assertThat(offered.vehicles())
        .extracting(FreeFloatingVehicle::vehicleId)
        .containsExactlyInAnyOrderElementsOf(available)
        .noneMatch(ids::contains);
    assertThat(offered.feedId()).isEqualTo("tier");
  }
}
