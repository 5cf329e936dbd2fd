package io.mobiflow.jobs.zoneflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.FeedHeader;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import com.google.transit.realtime.GtfsRealtime.Position;
import com.google.transit.realtime.GtfsRealtime.TripDescriptor;
import com.google.transit.realtime.GtfsRealtime.TripUpdate;
import com.google.transit.realtime.GtfsRealtime.VehicleDescriptor;
import com.google.transit.realtime.GtfsRealtime.VehiclePosition.OccupancyStatus;
import com.uber.h3core.H3Core;
import io.mobiflow.connectors.FlinkTests;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.common.Rejection;
import io.mobiflow.connectors.counters.model.CounterSite;
import io.mobiflow.connectors.counters.model.TrafficState;
import io.mobiflow.connectors.gbfs.model.StationInformation;
import io.mobiflow.connectors.gtfs.TransitStop;
import io.mobiflow.connectors.source.SnapshotDirectory;
import io.mobiflow.connectors.source.SnapshotReplaySource;
import io.mobiflow.geodata.locate.Zone;
import io.mobiflow.jobs.config.MobiflowConfig;
import io.mobiflow.jobs.run.ZoneFlowPipeline;
import io.mobiflow.jobs.testing.CollectingSink;
import io.mobiflow.jobs.testing.ReplayRun;
import io.mobiflow.jobs.testing.TestConfigs;
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
 * checks every indicator of 3 zones × 3 windows, and of the other units, against values worked out
 * by hand in the comments below.
 *
 * <p>Three square zones side by side: A = [0.70, 0.71] x [45.18, 45.19], B = [0.71, 0.72], C =
 * [0.72, 0.73] (same latitudes). Windows are 5 minutes from T0 = 07:00Z; "m" = minutes after T0.
 */
class ZoneFlowJobITCase {

  @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = FlinkTests.miniCluster();

  private static final Instant T0 = Instant.parse("2026-01-13T07:00:00Z");

  @TempDir Path feeds;
  @TempDir Path configDir;

  @Test
  void everyIndicatorOfThreeZonesAndThreeWindowsMatchesHandComputedValues() throws Exception {
    writeInput();
    CollectingSink<ZoneFlow> flows = new CollectingSink<>();
    CollectingSink<ZoneFlow> stops = new CollectingSink<>();
    CollectingSink<ZoneFlow> routes = new CollectingSink<>();
    CollectingSink<ZoneFlow> stations = new CollectingSink<>();
    CollectingSink<ZoneFlow> sites = new CollectingSink<>();
    CollectingSink<ZoneFlow> cells = new CollectingSink<>();
    CollectingSink<Rejection> deadLetters = new CollectingSink<>();
    StreamExecutionEnvironment env = FlinkTests.environment();
    MobiflowConfig config =
        TestConfigs.load(
            configDir,
            places().zones(),
            """
            places:
              zones: zones.geojson
            window:
              minutes: 5
              out_of_orderness_seconds: 120
              h3_resolution: 9
            outputs:
              units: [zone, stop, route, station, counter-site, h3]
            """);
    ZoneFlowPipeline.builder(config)
        .places(places())
        .source(SnapshotReplaySource.of(SnapshotDirectory.scan(feeds)))
        .flowSink(SpatialUnit.ZONE, flows)
        .flowSink(SpatialUnit.STOP, stops)
        .flowSink(SpatialUnit.ROUTE, routes)
        .flowSink(SpatialUnit.STATION, stations)
        .flowSink(SpatialUnit.COUNTER_SITE, sites)
        .flowSink(SpatialUnit.H3, cells)
        .deadLetterSink(deadLetters)
        .build(env);
    env.execute("zone flow test");

    Map<String, ZoneFlow> zone = byUnitAndWindow(flows.received());
    assertThat(zone)
        .containsOnlyKeys("A@0", "A@5", "A@10", "B@0", "B@5", "B@10", "C@0", "C@5", "C@10");
    assertThat(flows.received()).allMatch(f -> f.unit() == SpatialUnit.ZONE);

    // Road. A: S1@1' (600 veh/h, 10 %, 50 km/h), S1@2' (900, 20, 40): flow-weighted speed
    // (600*50 + 900*40) / 1500 = 44; occupancy 15 % is HEAVY (Paris thresholds 15/30/50).
    // S1@6' (1200, 30, 20): CONGESTED. S1 has 3 speeds: no free-flow speed yet.
    road(zone.get("A@0"), 2, 750.0, 15.0, 44.0, null, null, TrafficState.HEAVY);
    road(zone.get("A@5"), 1, 1200.0, 30.0, 20.0, null, null, TrafficState.CONGESTED);
    road(zone.get("A@10"), 0, null, null, null, null, null, null);
    // B: S2@2' (300 veh/h, no occupancy, 30 km/h): no level without occupancy or free flow.
    road(zone.get("B@0"), 1, 300.0, null, 30.0, null, null, null);
    road(zone.get("B@5"), 0, null, null, null, null, null, null);
    // C: S4 every minute 0'..13', 600 veh/h, speeds 60, 62, ..., 82 at 0'..11', then 30, 20.
    // Free-flow speed = 85th percentile (nearest rank) of the speeds so far, from the 12th on:
    // 11' rank ceil(0.85*12)=11 of 60..82 -> 80; 12' rank 12 of {30,60..82} -> 80; 13' rank
    // ceil(11.9)=12 of {20,30,60..82} -> 78. Window 10': speeds 80, 82, 30, 20 -> 53;
    // free flow (80+80+78)/3; index 53 / 79.33 = 0.668: HEAVY (0.5 <= index < 0.75).
    road(zone.get("C@0"), 5, 600.0, null, 64.0, null, null, null);
    road(zone.get("C@5"), 5, 600.0, null, 74.0, null, null, null);
    road(zone.get("C@10"), 4, 600.0, null, 53.0, 238.0 / 3, 53.0 / (238.0 / 3), TrafficState.HEAVY);

    // Transit. A: V1@1' (no occupancy); trip T1 (route R1) +120 s at P1 @2'; V5@12' standing.
    transit(zone.get("A@0"), 1, null, 1, 120.0, 120, 1.0, 0);
    transit(zone.get("A@5"), 0, null, 0, null, null, null, 0);
    transit(zone.get("A@10"), 1, 1.0, 0, null, null, null, 0);
    // B: V2@1'; T1 +180 s at P2 and T2 skipping P2 @2'; V1@7' (moved to B); V6@12' seats.
    transit(zone.get("B@0"), 1, null, 2, 180.0, 180, 1.0, 1);
    transit(zone.get("B@5"), 1, null, 0, null, null, null, 0);
    transit(zone.get("B@10"), 1, 0.0, 0, null, null, null, 0);
    transit(zone.get("C@0"), 0, null, 0, null, null, null, 0);

    // Shared mobility. Reports @3' (ST1 4 bikes 6 docks, ST2 7/3), @8' (ST1 0/10, ST2 7/0),
    // @12' (ST1 2/8, ST2 5/2); each holds until the next, the last to the end of its window.
    // A@0: ST1 4/6 over [3', 5'). A@5: 4/6 over [5', 8'), 0/10 over [8', 10'):
    // bikes (4*180 + 0*120) / 300 = 2.4, docks (6*180 + 10*120) / 300 = 7.6, empty 2 min.
    // A@10: 0/10 over [10', 12'), 2/8 over [12', 15'): bikes 360/300 = 1.2,
    // docks (1200 + 1440)/300 = 8.8, empty 2 min.
    shared(zone.get("A@0"), 1, 4.0, 4, 6.0, 0.0, 0.0);
    shared(zone.get("A@5"), 1, 2.4, 0, 7.6, 2.0, 0.0);
    shared(zone.get("A@10"), 1, 1.2, 0, 8.8, 2.0, 0.0);
    // B@0: ST2 7/3. B@5: 7/3 then 7/0: docks 540/300 = 1.8, full 2 min.
    // B@10: 7/0 over [10', 12'), 5/2 over [12', 15'): bikes (840 + 900)/300 = 5.8, docks
    // 360/300 = 1.2, full 2 min.
    shared(zone.get("B@0"), 1, 7.0, 7, 3.0, 0.0, 0.0);
    shared(zone.get("B@5"), 1, 7.0, 7, 1.8, 0.0, 2.0);
    shared(zone.get("B@10"), 1, 5.8, 5, 1.2, 0.0, 2.0);
    shared(zone.get("C@5"), 0, null, null, null, null, null);
    assertThat(zone.get("C@5").shared().sharedMobilityData()).isFalse();
    assertThat(zone.get("A@10").road().roadData()).isFalse();
    assertThat(zone.get("A@5").transit().transitData()).isFalse();

    // Other units: the one station of a zone has its zone's shared-mobility values; stop P2 has
    // B's updates; route R1 has T1's two delays (mean 150, p90 rank ceil(1.8) = 2 -> 180).
    Map<String, ZoneFlow> station = byUnitAndWindow(stations.received());
    assertThat(station).containsOnlyKeys("ST1@0", "ST1@5", "ST1@10", "ST2@0", "ST2@5", "ST2@10");
    shared(station.get("ST1@5"), 1, 2.4, 0, 7.6, 2.0, 0.0);
    shared(station.get("ST2@10"), 1, 5.8, 5, 1.2, 0.0, 2.0);
    Map<String, ZoneFlow> stop = byUnitAndWindow(stops.received());
    assertThat(stop).containsOnlyKeys("P1@0", "P2@0");
    transit(stop.get("P2@0"), 0, null, 2, 180.0, 180, 1.0, 1);
    Map<String, ZoneFlow> route = byUnitAndWindow(routes.received());
    assertThat(route).containsOnlyKeys("R1@0");
    transit(route.get("R1@0"), 0, null, 2, 150.0, 180, 1.0, 0);
    Map<String, ZoneFlow> site = byUnitAndWindow(sites.received());
    assertThat(site).containsOnlyKeys("S1@0", "S1@5", "S2@0", "S4@0", "S4@5", "S4@10");
    road(
        site.get("S4@10"), 4, 600.0, null, 53.0, 238.0 / 3, 53.0 / (238.0 / 3), TrafficState.HEAVY);

    // H3 (resolution 9, cells computed here with the H3 library): V5 and the station ST1 with
    // their own values; every vehicle position once per window, over all cells.
    H3Core h3 = H3Core.newInstance();
    Map<String, ZoneFlow> cell = byUnitAndWindow(cells.received());
    transit(
        cell.get(h3.latLngToCellAddress(45.185, 0.706, 9) + "@10"), 1, 1.0, 0, null, null, null, 0);
    assertThat(
            cell.get(h3.latLngToCellAddress(45.186, 0.706, 9) + "@5").shared().vehiclesAvailable())
        .isEqualTo(2.4);
    for (int window : new int[] {0, 5, 10}) {
      assertThat(
              cells.received().stream()
                  .filter(f -> f.windowStart().equals(at(window)))
                  .mapToLong(f -> f.transit().vehiclePositions())
                  .sum())
          .isEqualTo(
              flows.received().stream()
                  .filter(f -> f.windowStart().equals(at(window)))
                  .mapToLong(f -> f.transit().vehiclePositions())
                  .sum());
    }

    assertThat(deadLetters.received())
        .extracting(r -> r.reason(), r -> r.source().feedId(), r -> r.source().line())
        .containsExactlyInAnyOrder(
            tuple(RejectReason.OUTSIDE_ZONES, "counters", 5L), // S3 lies outside all zones
            tuple(RejectReason.UNKNOWN_REFERENCE, "counters", 6L), // S9 is no known site
            tuple(RejectReason.INVALID_VALUE, "counters", 8L), // bad timestamp
            tuple(RejectReason.INVALID_VALUE, "counters", 9L), // negative flow
            tuple(RejectReason.INVALID_COORDINATE, "transit", 3L), // V3 at null island
            tuple(RejectReason.OUTSIDE_ZONES, "transit", 4L), // V4 far away
            tuple(RejectReason.MALFORMED, "transit", -1L), // not protobuf at all
            tuple(RejectReason.UNKNOWN_REFERENCE, "transit", 3L), // trip T3 at unknown stop P9
            tuple(RejectReason.UNKNOWN_REFERENCE, "bikes", 3L)); // station ST9
  }

  /** Records by "unit id@minutes after T0 of the window start"; each once. */
  private static Map<String, ZoneFlow> byUnitAndWindow(List<ZoneFlow> flows) {
    return flows.stream()
        .collect(
            Collectors.toMap(
                f -> f.unitId() + "@" + Duration.between(T0, f.windowStart()).toMinutes(),
                Function.identity()));
  }

  private static void road(
      ZoneFlow flow,
      long readings,
      Double meanFlow,
      Double occupancy,
      Double speed,
      Double freeFlow,
      Double speedIndex,
      TrafficState congestion) {
    assertThat(flow.road().roadData()).isEqualTo(readings > 0);
    assertThat(flow.road().counterReadings()).isEqualTo(readings);
    assertClose(flow.road().meanFlowVehH(), meanFlow, "flow");
    assertClose(flow.road().meanOccupancyPct(), occupancy, "occupancy");
    assertClose(flow.road().meanSpeedKmh(), speed, "speed");
    assertClose(flow.road().freeFlowSpeedKmh(), freeFlow, "free-flow speed");
    assertClose(flow.road().speedIndex(), speedIndex, "speed index");
    assertThat(flow.road().congestion()).isEqualTo(congestion);
  }

  private static void transit(
      ZoneFlow flow,
      long positions,
      Double crowded,
      long updates,
      Double meanDelay,
      Integer p90,
      Double onTime,
      long notServed) {
    assertThat(flow.transit().vehiclePositions()).as("positions").isEqualTo(positions);
    assertClose(flow.transit().crowdedShare(), crowded, "crowded share");
    assertThat(flow.transit().stopTimeUpdates()).as("updates").isEqualTo(updates);
    assertClose(flow.transit().meanDelaySeconds(), meanDelay, "mean delay");
    assertThat(flow.transit().p90DelaySeconds()).as("p90").isEqualTo(p90);
    assertClose(flow.transit().onTimeShare(), onTime, "on-time share");
    assertThat(flow.transit().stopsNotServed()).as("not served").isEqualTo(notServed);
  }

  private static void shared(
      ZoneFlow flow,
      long reports,
      Double vehicles,
      Integer minVehicles,
      Double docks,
      Double emptyMinutes,
      Double fullMinutes) {
    assertThat(flow.shared().stationReports()).as("reports").isEqualTo(reports);
    assertClose(flow.shared().vehiclesAvailable(), vehicles, "vehicles available");
    assertThat(flow.shared().minVehiclesAvailable()).as("min vehicles").isEqualTo(minVehicles);
    assertClose(flow.shared().docksAvailable(), docks, "docks available");
    assertClose(flow.shared().emptyStationMinutes(), emptyMinutes, "empty minutes");
    assertClose(flow.shared().fullStationMinutes(), fullMinutes, "full minutes");
  }

  private static void assertClose(Double actual, Double expected, String what) {
    if (expected == null) {
      assertThat(actual).as(what).isNull();
    } else {
      assertThat(actual).as(what).isCloseTo(expected, within(1e-9));
    }
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
                "S1," + at(4) + ",-5,1,1",
                s4Readings())
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
        at(12),
        "pb",
        feed(
                at(12),
                vehicle("V5", 45.185, 0.706, OccupancyStatus.STANDING_ROOM_ONLY),
                vehicle("V6", 45.185, 0.716, OccupancyStatus.MANY_SEATS_AVAILABLE))
            .toByteArray());
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
    stations(3, station("ST1", 4, 6), station("ST2", 7, 3), station("ST9", 1, 1));
    stations(8, station("ST1", 0, 10), station("ST2", 7, 0));
    stations(12, station("ST1", 2, 8), station("ST2", 5, 2));
  }

  /** S4 in zone C, 600 veh/h every minute 0'..13': 60, 62, ..., 82 km/h, then 30 and 20. */
  private static String s4Readings() {
    List<String> rows = new java.util.ArrayList<>();
    for (int minute = 0; minute < 14; minute++) {
      int speed = minute < 12 ? 60 + 2 * minute : minute == 12 ? 30 : 20;
      rows.add("S4," + at(minute) + ",600,," + speed);
    }
    return String.join("\n", rows);
  }

  private void stations(int minute, String... stations) throws IOException {
    write(
        "bikes",
        FeedKind.GBFS_STATION_STATUS,
        at(minute),
        "json",
        ("{\"last_updated\":"
                + at(minute).getEpochSecond()
                + ",\"ttl\":60,\"version\":\"2.3\",\"data\":{\"stations\":["
                + String.join(",", stations)
                + "]}}")
            .getBytes(StandardCharsets.UTF_8));
  }

  private static Places places() {
    return new Places(
        List.of(square("A", 0.70), square("B", 0.71), square("C", 0.72)),
        List.of(
            CounterSite.atPoint("S1", "site 1", 45.185, 0.705),
            CounterSite.atPoint("S2", "site 2", 45.185, 0.715),
            CounterSite.atPoint("S3", "site 3", 45.30, 0.80),
            CounterSite.atPoint("S4", "site 4", 45.185, 0.725)),
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

  private static FeedEntity.Builder vehicle(
      String id, double latitude, double longitude, OccupancyStatus occupancy) {
    FeedEntity.Builder entity = vehicle(id, latitude, longitude);
    entity.getVehicleBuilder().setOccupancyStatus(occupancy);
    return entity;
  }

  /** A trip update; trip T1 is of route R1, the others name no route. */
  private static FeedEntity.Builder tripUpdate(
      String tripId, TripUpdate.StopTimeUpdate.Builder... stops) {
    TripDescriptor.Builder trip = TripDescriptor.newBuilder().setTripId(tripId);
    if (tripId.equals("T1")) {
      trip.setRouteId("R1");
    }
    TripUpdate.Builder update = TripUpdate.newBuilder().setTrip(trip);
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
