package io.mobiflow.jobs.zoneflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.FeedHeader;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import com.google.transit.realtime.GtfsRealtime.Position;
import com.google.transit.realtime.GtfsRealtime.TripDescriptor;
import com.google.transit.realtime.GtfsRealtime.TripUpdate;
import com.google.transit.realtime.GtfsRealtime.VehicleDescriptor;
import io.mobiflow.connectors.FlinkTests;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.common.Rejection;
import io.mobiflow.connectors.counters.model.CounterSite;
import io.mobiflow.connectors.gbfs.model.StationInformation;
import io.mobiflow.connectors.gtfs.TransitStop;
import io.mobiflow.connectors.source.SnapshotDirectory;
import io.mobiflow.connectors.source.SnapshotReplaySource;
import io.mobiflow.geodata.locate.Zone;
import io.mobiflow.jobs.testing.CollectingSink;
import io.mobiflow.jobs.testing.ReplayRun;
import io.mobiflow.jobs.zoneflow.match.Places;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the zone-flow job on a MiniCluster over a small hand-built input of all three feed kinds and
 * checks every window against values worked out by hand below.
 *
 * <p>Two square zones share the meridian 0.71: A = [0.70, 0.71] x [45.18, 45.19], B = [0.71, 0.72]
 * x [45.18, 45.19]. Windows are 5 minutes from T0 = 07:00Z.
 */
class ZoneFlowJobITCase {

  @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = FlinkTests.miniCluster();

  private static final Instant T0 = Instant.parse("2026-01-13T07:00:00Z");

  @TempDir Path feeds;

  @Test
  void countsAndMeansPerZoneAndWindowMatchHandComputedValues() throws Exception {
    writeInput();
    CollectingSink<ZoneFlow> flows = new CollectingSink<>();
    CollectingSink<Rejection> deadLetters = new CollectingSink<>();
    StreamExecutionEnvironment env = FlinkTests.environment();
    new ZoneFlowJob(
            SnapshotReplaySource.of(SnapshotDirectory.scan(feeds)),
            places(),
            flows,
            deadLetters,
            Duration.ofMinutes(5),
            Duration.ofMinutes(2))
        .build(env);
    env.execute("zone flow test");

    Map<String, ZoneFlow> byKey =
        flows.received().stream()
            .collect(
                Collectors.toMap(f -> f.zoneId() + "@" + f.windowStart(), Function.identity()));
    assertThat(byKey).containsOnlyKeys("A@" + T0, "B@" + T0, "A@" + at(5), "B@" + at(5));

    // Zone A, 07:00-07:05: readings S1@1' (600 veh/h, 10 %, 50 km/h) and S1@2' (900, 20, 40);
    // vehicle V1; stop P1 of trip T1 with +120 s; station ST1 with 4 bikes and 6 docks.
    assertThat(byKey.get("A@" + T0))
        .isEqualTo(
            new ZoneFlow(
                "A", T0, at(5), 2, 750.0, 15.0, 45.0, 1, 1, 120.0, 120, 1.0, 0, 1, 4.0, 6.0, 0, 0));
    // Zone B, 07:00-07:05: reading S2@2' (300 veh/h, no occupancy, 30 km/h); vehicle V2;
    // stop P2 of T1 (+180 s) and of T2 (skipped); station ST2 with 7 bikes and 3 docks.
    assertThat(byKey.get("B@" + T0))
        .isEqualTo(
            new ZoneFlow(
                "B", T0, at(5), 1, 300.0, null, 30.0, 1, 2, 180.0, 180, 1.0, 1, 1, 7.0, 3.0, 0, 0));
    // Zone A, 07:05-07:10: reading S1@6' (1200 veh/h, 30 %, 20 km/h) only.
    assertThat(byKey.get("A@" + at(5)))
        .isEqualTo(
            new ZoneFlow(
                "A", at(5), at(10), 1, 1200.0, 30.0, 20.0, 0, 0, null, null, null, 0, 0, null, null,
                0, 0));
    // Zone B, 07:05-07:10: vehicle V1, now at 45.185, 0.715.
    assertThat(byKey.get("B@" + at(5)))
        .isEqualTo(
            new ZoneFlow(
                "B", at(5), at(10), 0, null, null, null, 1, 0, null, null, null, 0, 0, null, null,
                0, 0));

    assertThat(deadLetters.received())
        .extracting(r -> r.reason(), r -> r.source().feedId(), r -> r.source().line())
        .containsExactlyInAnyOrder(
            tuple(RejectReason.OUTSIDE_ZONES, "counters", 5L), // S3 lies outside both zones
            tuple(RejectReason.UNKNOWN_REFERENCE, "counters", 6L), // S9 is no known site
            tuple(RejectReason.INVALID_VALUE, "counters", 8L), // bad timestamp
            tuple(RejectReason.INVALID_VALUE, "counters", 9L), // negative flow
            tuple(RejectReason.INVALID_COORDINATE, "transit", 3L), // V3 at null island
            tuple(RejectReason.OUTSIDE_ZONES, "transit", 4L), // V4 far away
            tuple(RejectReason.MALFORMED, "transit", -1L), // not protobuf at all
            tuple(RejectReason.UNKNOWN_REFERENCE, "transit", 3L), // trip T3 at unknown stop P9
            tuple(RejectReason.UNKNOWN_REFERENCE, "bikes", 3L)); // station ST9
  }

  private void writeInput() throws IOException {
    write(
        "counters",
        FeedKind.COUNTER_CSV,
        at(5),
        "csv",
        String.join(
                "\n",
                "sensor_id,timestamp,flow_veh_h,occupancy_pct,speed_kmh",
                "S1," + at(1) + ",600,10,50",
                "S1," + at(2) + ",900,20,40",
                "S2," + at(2) + ",300,,30",
                "S3," + at(3) + ",100,5,60",
                "S9," + at(3) + ",100,5,60",
                "S1," + at(6) + ",1200,30,20",
                "S1,yesterday,100,5,60",
                "S1," + at(4) + ",-5,1,1")
            .getBytes(StandardCharsets.UTF_8));
    write(
        "transit",
        FeedKind.GTFS_RT_VEHICLE_POSITIONS,
        at(1),
        "pb",
        feed(
                at(1),
                vehicle("V1", 45.185, 0.705),
                vehicle("V2", 45.185, 0.715),
                vehicle("V3", 0, 0),
                vehicle("V4", 45.5, 1.0))
            .toByteArray());
    write(
        "transit",
        FeedKind.GTFS_RT_VEHICLE_POSITIONS,
        at(7),
        "pb",
        feed(at(7), vehicle("V1", 45.185, 0.715)).toByteArray());
    write(
        "transit",
        FeedKind.GTFS_RT_VEHICLE_POSITIONS,
        at(8),
        "pb",
        "this is not protobuf".getBytes(StandardCharsets.UTF_8));
    write(
        "transit",
        FeedKind.GTFS_RT_TRIP_UPDATES,
        at(2),
        "pb",
        feed(
                at(2),
                tripUpdate("T1", stop("P1", 120), stop("P2", 180)),
                tripUpdate(
                    "T2",
                    TripUpdate.StopTimeUpdate.newBuilder()
                        .setStopId("P2")
                        .setScheduleRelationship(
                            TripUpdate.StopTimeUpdate.ScheduleRelationship.SKIPPED)),
                tripUpdate("T3", stop("P9", 60)))
            .toByteArray());
    write(
        "bikes",
        FeedKind.GBFS_STATION_STATUS,
        at(3),
        "json",
        ("{\"last_updated\":"
                + at(3).getEpochSecond()
                + ",\"ttl\":60,\"version\":\"2.3\",\"data\":{\"stations\":["
                + station("ST1", 4, 6)
                + ","
                + station("ST2", 7, 3)
                + ","
                + station("ST9", 1, 1)
                + "]}}")
            .getBytes(StandardCharsets.UTF_8));
  }

  private static Places places() {
    return new Places(
        List.of(square("A", 0.70), square("B", 0.71)),
        List.of(
            CounterSite.atPoint("S1", "site 1", 45.185, 0.705),
            CounterSite.atPoint("S2", "site 2", 45.185, 0.715),
            CounterSite.atPoint("S3", "site 3", 45.30, 0.80)),
        List.of(
            new StationInformation("ST1", "station 1", 45.186, 0.706, 10),
            new StationInformation("ST2", "station 2", 45.186, 0.716, 10)),
        List.of(
            new TransitStop("P1", "stop 1", 45.184, 0.704, false, null),
            new TransitStop("P2", "stop 2", 45.184, 0.714, false, null)));
  }

  private static Zone square(String id, double west) {
    return ReplayRun.box(id, 45.18, west, 45.19, west + 0.01);
  }

  private void write(String feedId, FeedKind kind, Instant fetchedAt, String ext, byte[] bytes)
      throws IOException {
    Path file = feeds.resolve(SnapshotDirectory.fileOf(feedId, kind, fetchedAt, ext));
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
  }

  private static Instant at(int minutes) {
    return T0.plus(Duration.ofMinutes(minutes));
  }

  private static FeedMessage feed(Instant time, FeedEntity.Builder... entities) {
    FeedMessage.Builder message =
        FeedMessage.newBuilder()
            .setHeader(
                FeedHeader.newBuilder()
                    .setGtfsRealtimeVersion("2.0")
                    .setTimestamp(time.getEpochSecond()));
    for (int i = 0; i < entities.length; i++) {
      message.addEntity(entities[i].setId("e" + i));
    }
    return message.build();
  }

  private static FeedEntity.Builder vehicle(String id, double latitude, double longitude) {
    return FeedEntity.newBuilder()
        .setVehicle(
            com.google.transit.realtime.GtfsRealtime.VehiclePosition.newBuilder()
                .setVehicle(VehicleDescriptor.newBuilder().setId(id))
                .setPosition(
                    Position.newBuilder()
                        .setLatitude((float) latitude)
                        .setLongitude((float) longitude)));
  }

  private static FeedEntity.Builder tripUpdate(
      String tripId, TripUpdate.StopTimeUpdate.Builder... stops) {
    TripUpdate.Builder update =
        TripUpdate.newBuilder().setTrip(TripDescriptor.newBuilder().setTripId(tripId));
    for (TripUpdate.StopTimeUpdate.Builder stop : stops) {
      update.addStopTimeUpdate(stop);
    }
    return FeedEntity.newBuilder().setTripUpdate(update);
  }

  private static TripUpdate.StopTimeUpdate.Builder stop(String stopId, int delaySeconds) {
    return TripUpdate.StopTimeUpdate.newBuilder()
        .setStopId(stopId)
        .setArrival(TripUpdate.StopTimeEvent.newBuilder().setDelay(delaySeconds));
  }

  private static String station(String id, int bikes, int docks) {
    return "{\"station_id\":\""
        + id
        + "\",\"num_bikes_available\":"
        + bikes
        + ",\"num_docks_available\":"
        + docks
        + ",\"is_renting\":true,\"is_returning\":true}";
  }
}
