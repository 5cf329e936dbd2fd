package io.mobiflow.jobs.zoneflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.FeedHeader;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import com.google.transit.realtime.GtfsRealtime.Position;
import com.google.transit.realtime.GtfsRealtime.VehicleDescriptor;
import com.google.transit.realtime.GtfsRealtime.VehiclePosition;
import io.mobiflow.connectors.FlinkTests;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.KeyedHash;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.common.Rejection;
import io.mobiflow.jobs.testing.ReplayRun;
import io.mobiflow.jobs.zoneflow.match.Places;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dead letters of vehicles, as the job writes them: buses and bikes outside every zone, without
 * a position, or late, give dead letters whose details and sources hold pseudonyms (under the
 * process's key, the job's default) and coordinates rounded to 3 decimals, never the ids nor the
 * full coordinates the feeds gave.
 */
class DeadLetterPrivacyITCase {

  @RegisterExtension static final MiniClusterExtension FLINK = FlinkTests.miniCluster();

  private static final Instant T0 = Instant.parse("2026-01-13T07:00:00Z");

  @TempDir Path feeds;

  @Test
  void deadLettersOfVehiclesCarryPseudonymsAndRoundedCoordinates() throws Exception {
    positions(10, vehicle("bus-secret-4", 45.185, 0.705, 10));
    positions(
        11,
        vehicle("bus-secret-1", 45.3123456, 0.9123456, 11), // outside every zone
        FeedEntity.newBuilder()
            .setVehicle(
                VehiclePosition.newBuilder()
                    .setVehicle(VehicleDescriptor.newBuilder().setId("bus-secret-2"))),
        vehicle("bus-secret-3", 45.185, 0.705, 0)); // 11 minutes behind: late
    bikes(10, "{\"bike_id\": \"bike-secret-1\", \"lat\": 45.1851234, \"lon\": 0.7051234}");
    bikes(
        11,
        "{\"bike_id\": \"bike-secret-2\", \"lat\": 45.5123456, \"lon\": 1.1123456}",
        "{\"bike_id\": \"bike-secret-3\"}");

    ReplayRun run =
        ReplayRun.of(
            feeds,
            new Places(
                List.of(ReplayRun.box("A", 45.18, 0.70, 45.19, 0.71)),
                List.of(),
                List.of(),
                List.of()),
            Duration.ofMinutes(5),
            null);

    List<Rejection> deadLetters = run.deadLetters();
    assertThat(deadLetters)
        .extracting(Rejection::reason)
        .contains(RejectReason.OUTSIDE_ZONES, RejectReason.MISSING_FIELD, RejectReason.LATE);
    KeyedHash key = KeyedHash.ofThisProcess();
    for (Rejection rejection : deadLetters) {
      assertThat(rejection.toString())
          .doesNotContain("secret")
          .doesNotContainPattern("\\d\\.\\d{4,}"); // no coordinate with more than 3 decimals
    }
    assertThat(deadLetters)
        .anySatisfy(
            r ->
                assertThat(r.detail())
                    .contains("vehicleId=" + key.pseudonym("bus-secret-3"))
                    .contains("latitude=45.185"))
        .anySatisfy(r -> assertThat(r.detail()).contains("(45.312, 0.912)"))
        .anySatisfy(r -> assertThat(r.detail()).contains("(45.512, 1.112)"))
        .anySatisfy(
            r ->
                assertThat(r.detail())
                    .isEqualTo("vehicle '" + key.pseudonym("bike-secret-3") + "' without lat/lon"));
    // the pick-up of bike-secret-1 is counted, and suppressed (1 < 5)
    assertThat(run.flows())
        .anySatisfy(
            f -> {
              assertThat(f.shared().pickUps()).isNull();
              assertThat(f.shared().pickUpsSuppressed()).isTrue();
            });
  }

  private void positions(int minute, FeedEntity.Builder... entities) throws Exception {
    Instant at = T0.plus(Duration.ofMinutes(minute));
    FeedMessage.Builder message =
        FeedMessage.newBuilder()
            .setHeader(
                FeedHeader.newBuilder()
                    .setGtfsRealtimeVersion("2.0")
                    .setTimestamp(at.getEpochSecond()));
    for (int i = 0; i < entities.length; i++) {
      message.addEntity(entities[i].setId("e" + i));
    }
    ReplayRun.write(
        feeds,
        "buses",
        FeedKind.GTFS_RT_VEHICLE_POSITIONS,
        at,
        "pb",
        message.build().toByteArray());
  }

  private static FeedEntity.Builder vehicle(
      String id, double latitude, double longitude, int minute) {
    return FeedEntity.newBuilder()
        .setVehicle(
            VehiclePosition.newBuilder()
                .setVehicle(VehicleDescriptor.newBuilder().setId(id))
                .setTimestamp(T0.plus(Duration.ofMinutes(minute)).getEpochSecond())
                .setPosition(
                    Position.newBuilder()
                        .setLatitude((float) latitude)
                        .setLongitude((float) longitude)));
  }

  private void bikes(int minute, String... bikes) throws Exception {
    Instant at = T0.plus(Duration.ofMinutes(minute));
    String json =
        "{\"last_updated\": "
            + at.getEpochSecond()
            + ", \"ttl\": 60, \"version\": \"2.3\", \"data\": {\"bikes\": ["
            + String.join(", ", bikes)
            + "]}}";
    ReplayRun.write(
        feeds,
        "scooters",
        FeedKind.GBFS_FREE_VEHICLES,
        at,
        "json",
        json.getBytes(StandardCharsets.UTF_8));
  }
}
