package io.mobiflow.jobs.suggest.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.connectors.common.KeyedHash;
import io.mobiflow.connectors.gbfs.model.FreeFloatingVehicle;
import io.mobiflow.connectors.gbfs.model.StationInformation;
import io.mobiflow.connectors.gbfs.model.StationStatus;
import io.mobiflow.connectors.gtfs.CompactTimetable;
import io.mobiflow.connectors.gtfs.ScheduledTrip;
import io.mobiflow.connectors.gtfs.ScheduledTrip.StopTime;
import io.mobiflow.connectors.gtfs.TransitStop;
import io.mobiflow.connectors.gtfsrt.model.MatchedStopTimeUpdate;
import io.mobiflow.connectors.gtfsrt.model.StopRelationship;
import io.mobiflow.connectors.gtfsrt.model.StopTimeUpdate;
import io.mobiflow.geodata.geom.Wgs84;
import io.mobiflow.jobs.suggest.FreeVehicles;
import io.mobiflow.jobs.suggest.PeribusDelayScenario;
import io.mobiflow.jobs.suggest.Suggestion;
import io.mobiflow.jobs.suggest.SuggestionSettings;
import io.mobiflow.jobs.suggest.SuggestionStatus;
import io.mobiflow.jobs.suggest.SuggestionType;
import io.mobiflow.jobs.testing.ReplayRun;
import io.mobiflow.jobs.zoneflow.match.Places;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The suggestions operator of a stop in Flink's operator harness, on the real Péribus network of 13
 * January 2026: a delay put on a real trip at its second stop S, a bike station placed 100 m from S
 * and a station with free docks 50 m from each later stop. The expected suggestion is worked out
 * here by hand from the GTFS positions and times; then the operator must not repeat it, withdraw it
 * when the delay clears, and expire it when its validity ends.
 */
class StopSuggestionFunctionTest {

  private static final Path PERIBUS = PeribusDelayScenario.PERIBUS;
  private static final int DELAY = 480;

  /** Free-floating vehicles reach the operator under pseudonyms ({@link FreeVehicles#of}). */
  private static final KeyedHash PSEUDONYMS =
      KeyedHash.withKey("a test key of 32 bytes, no more.".getBytes(StandardCharsets.UTF_8));

  private static final String NEAR_SCOOTER = PSEUDONYMS.pseudonym("scooter-near");
  private static final String FAR_SCOOTER = PSEUDONYMS.pseudonym("scooter-far");

  private static CompactTimetable timetable;
  private static Map<String, TransitStop> stops;
  private static ScheduledTrip trip;
  private static StopTime waitingAt;
  private static List<StopTime> following;
  private static long dayStart;
  private static Instant now;
  private static List<StationInformation> stations;

  private KeyedBroadcastOperatorTestHarness<
          String, MatchedStopTimeUpdate, SharedVehicleReport, Suggestion>
      harness;

  @BeforeAll
  static void loadPeribus() throws Exception {
    PeribusDelayScenario scenario = PeribusDelayScenario.load();
    timetable = scenario.timetable();
    stops = scenario.stops();
    trip = scenario.trip();
    waitingAt = scenario.waitingAt();
    following = scenario.following();
    dayStart = scenario.serviceStart();
    // the traveller is at S at the scheduled departure; the update comes then
    now = scenario.now();
    stations = new ArrayList<>();
    TransitStop s = stops.get(waitingAt.stopId());
    double[] a = Wgs84.destination(s.latitude(), s.longitude(), 90, 100);
    stations.add(new StationInformation("A", "A", a[0], a[1], 10));
    for (int i = 0; i < following.size(); i++) {
      TransitStop t = stops.get(following.get(i).stopId());
      double[] b = Wgs84.destination(t.latitude(), t.longitude(), 180, 50);
      stations.add(new StationInformation("B" + i, "B" + i, b[0], b[1], 10));
    }
  }

  private void open(List<StationInformation> withStations) throws Exception {
    Places places =
        new Places(
            List.of(ReplayRun.box("Z", 44.9, 0.4, 45.5, 1.2)),
            List.of(),
            withStations,
            timetable.stops());
    harness =
        ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
            new StopSuggestionFunction(PERIBUS, places, SuggestionSettings.DEFAULT),
            MatchedStopTimeUpdate::stopId,
            Types.STRING,
            StopSuggestionFunction.STATIONS,
            StopSuggestionFunction.FREE_VEHICLES);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  @Test
  void aDelayedRealTripGetsTheBikeSuggestionWorkedOutByHandOnceThenWithdrawnWhenTheDelayClears()
      throws Exception {
    open(stations);
    broadcastStations(now.minusSeconds(30)); // A: 3 bikes, no dock; B*: no bike, 4 docks

    update(DELAY, now);

    Expected expected = byHand();
    assertThat(expected).as("the scenario needs a stop the bike reaches first").isNotNull();
    List<Suggestion> issued = ofType(SuggestionType.SHARED_VEHICLE_FOR_DELAY);
    assertThat(issued).hasSize(1);
    Suggestion s = issued.get(0);
    assertThat(s.status()).isEqualTo(SuggestionStatus.ISSUED);
    assertThat(s.id()).isEqualTo("shared-vehicle:" + trip.tripId() + ":" + waitingAt.stopId());
    assertThat(s.tripId()).isEqualTo(trip.tripId());
    assertThat(s.routeId()).isEqualTo(trip.routeId());
    assertThat(s.stopId()).isEqualTo(waitingAt.stopId());
    assertThat(s.spotId()).isEqualTo("A");
    assertThat(s.targetStopId()).isEqualTo(expected.stop.stopId());
    assertThat(s.alternativeAt())
        .isEqualTo(Instant.ofEpochSecond((long) Math.ceil(expected.arrival)));
    assertThat(s.validUntil()).isEqualTo(now.plusSeconds(DELAY));
    assertThat(s.descriptionEn()).contains(stops.get(expected.stop.stopId()).name());

    // the same advice 30 s later (delay moved by 10 s) is not published again
    int before = harness.extractOutputValues().size();
    update(DELAY + 10, now.plusSeconds(30));
    assertThat(harness.extractOutputValues()).hasSize(before);

    // the delay clears: withdrawn
    update(60, now.plusSeconds(60));
    List<Suggestion> all = ofType(SuggestionType.SHARED_VEHICLE_FOR_DELAY);
    assertThat(all)
        .extracting(Suggestion::status)
        .containsExactly(SuggestionStatus.ISSUED, SuggestionStatus.WITHDRAWN);
    assertThat(all.get(1).at()).isEqualTo(now.plusSeconds(60));
    // nothing left to expire
    watermark(now.plusSeconds(3600).toEpochMilli());
    assertThat(ofType(SuggestionType.SHARED_VEHICLE_FOR_DELAY)).hasSize(2);
  }

  @Test
  void aSuggestionStillHoldingExpiresWhenTheBusLeaves() throws Exception {
    open(stations);
    broadcastStations(now.minusSeconds(30));
    update(DELAY, now);
    watermark(now.plusSeconds(DELAY).toEpochMilli() - 1);
    assertThat(ofType(SuggestionType.SHARED_VEHICLE_FOR_DELAY))
        .extracting(Suggestion::status)
        .containsExactly(SuggestionStatus.ISSUED);
    watermark(now.plusSeconds(DELAY).toEpochMilli());
    List<Suggestion> all = ofType(SuggestionType.SHARED_VEHICLE_FOR_DELAY);
    assertThat(all)
        .extracting(Suggestion::status)
        .containsExactly(SuggestionStatus.ISSUED, SuggestionStatus.EXPIRED);
    assertThat(all.get(1).at()).isEqualTo(now.plusSeconds(DELAY));
  }

  @Test
  void noSuggestionWhenTheOnlyStationIsBeyondTheRadiusOrItsReportIsStale() throws Exception {
    TransitStop s = stops.get(waitingAt.stopId());
    double[] far = Wgs84.destination(s.latitude(), s.longitude(), 90, 300);
    List<StationInformation> farAway = new ArrayList<>(stations);
    farAway.set(0, new StationInformation("A", "A", far[0], far[1], 10));
    open(farAway);
    broadcastStations(now.minusSeconds(30));
    update(DELAY, now);
    assertThat(ofType(SuggestionType.SHARED_VEHICLE_FOR_DELAY)).isEmpty();
    harness.close();

    open(stations);
    broadcastStations(now.minusSeconds(6 * 60)); // older than the 5 minutes trusted
    update(DELAY, now);
    assertThat(ofType(SuggestionType.SHARED_VEHICLE_FOR_DELAY)).isEmpty();
  }

  @Test
  void aFreeFloatingScooterNearTheStopIsRiddenStraightToTheLaterStop() throws Exception {
    open(List.of()); // no station at all
    TransitStop s = stops.get(waitingAt.stopId());
    double[] near = Wgs84.destination(s.latitude(), s.longitude(), 0, 100);
    double[] far = Wgs84.destination(s.latitude(), s.longitude(), 0, 400);
    Instant seen = now.minusSeconds(30);
    harness.processBroadcastElement(
        SharedVehicleReport.of(
            new FreeVehicles(
                "tier",
                seen,
                List.of(
                    new FreeFloatingVehicle(
                        NEAR_SCOOTER, near[0], near[1], "e-scooter", false, false, seen),
                    new FreeFloatingVehicle(
                        FAR_SCOOTER, far[0], far[1], "e-scooter", false, false, seen)))),
        seen.toEpochMilli());

    update(DELAY, now);

    // by hand: walk 100 m, 60 s to unlock, ride the straight distance x 1.3 at 15 km/h to the stop
    StopTime best = null;
    double bestArrival = 0;
    double bestGain = 0;
    double setOff = now.getEpochSecond() + 100 / (4.8 / 3.6) + 60;
    for (StopTime stop : following) {
      TransitStop t = stops.get(stop.stopId());
      double arrival =
          setOff
              + Wgs84.distanceMeters(near[0], near[1], t.latitude(), t.longitude())
                  * 1.3
                  / (15 / 3.6);
      double gain = dayStart + stop.arrivalSeconds() + DELAY - arrival;
      if (stop.arrivalSeconds() >= 0 && gain > 0 && gain > bestGain) {
        best = stop;
        bestArrival = arrival;
        bestGain = gain;
      }
    }
    assertThat(best).as("the scooter reaches a later stop first").isNotNull();
    Suggestion suggestion = ofType(SuggestionType.SHARED_VEHICLE_FOR_DELAY).get(0);
    assertThat(suggestion.spotId()).isEqualTo(NEAR_SCOOTER);
    assertThat(suggestion.targetStopId()).isEqualTo(best.stopId());
    assertThat(suggestion.alternativeAt())
        .isEqualTo(Instant.ofEpochSecond((long) Math.ceil(bestArrival)));
    // named as a place, not by id nor pseudonym; 100 m (a hair more, on the sphere) is "within
    // 150 m" in steps of 50 m rounded up
    long told =
        50
            * (long)
                Math.ceil(Wgs84.distanceMeters(s.latitude(), s.longitude(), near[0], near[1]) / 50);
    assertThat(suggestion.descriptionEn())
        .contains("a shared bike or scooter within " + told + " m")
        .doesNotContain(NEAR_SCOOTER)
        .doesNotContain("leaving it");
    assertThat(suggestion.descriptionFr())
        .contains("en libre-service à moins de " + told + " m")
        .doesNotContain(NEAR_SCOOTER);
  }

  private record Expected(StopTime stop, double arrival) {}

  /**
   * Walk 100 m at 4.8 km/h, 60 s to undock, ride A → the nearest station with a free dock within
   * 250 m of the later stop (straight distance × 1.3 at 15 km/h), walk to the stop; the best gain
   * over the bus (scheduled arrival + the delay) wins.
   */
  private static Expected byHand() {
    StationInformation a = stations.get(0);
    double setOff = now.getEpochSecond() + 100 / (4.8 / 3.6) + 60;
    Expected best = null;
    double bestGain = 0;
    for (StopTime stop : following) {
      TransitStop t = stops.get(stop.stopId());
      StationInformation dock = null;
      double nearest = Double.MAX_VALUE;
      for (StationInformation b : stations.subList(1, stations.size())) {
        double d = Wgs84.distanceMeters(b.latitude(), b.longitude(), t.latitude(), t.longitude());
        if (d <= 250 && d < nearest) {
          nearest = d;
          dock = b;
        }
      }
      if (dock == null || stop.arrivalSeconds() < 0) {
        continue;
      }
      double ride =
          Wgs84.distanceMeters(a.latitude(), a.longitude(), dock.latitude(), dock.longitude())
              * 1.3
              / (15 / 3.6);
      double arrival = setOff + ride + nearest / (4.8 / 3.6);
      double gain = dayStart + stop.arrivalSeconds() + DELAY - arrival;
      if (gain > 0 && gain > bestGain) {
        bestGain = gain;
        best = new Expected(stop, arrival);
      }
    }
    return best;
  }

  private void broadcastStations(Instant at) throws Exception {
    for (StationInformation station : stations) {
      boolean pickUp = station.stationId().equals("A");
      harness.processBroadcastElement(
          SharedVehicleReport.of(
              new StationStatus(
                  station.stationId(),
                  pickUp ? 3 : 0,
                  0,
                  pickUp ? 0 : 4,
                  true,
                  true,
                  at,
                  at,
                  Map.of())),
          at.toEpochMilli());
    }
  }

  private void update(int delay, Instant observed) throws Exception {
    harness.processElement(
        new MatchedStopTimeUpdate(
            new StopTimeUpdate(
                trip.tripId(),
                trip.routeId(),
                "20260113",
                waitingAt.stopId(),
                waitingAt.stopSequence(),
                StopRelationship.SCHEDULED,
                delay,
                delay,
                null,
                null,
                observed),
            waitingAt.stopId(),
            "Z"),
        observed.toEpochMilli());
    watermark(observed.toEpochMilli()); // updates are applied when the watermark passes them
  }

  /** Both inputs' watermarks: the operator's is the smaller. */
  private void watermark(long time) throws Exception {
    harness.processWatermark(new Watermark(time));
    harness.processBroadcastWatermark(new Watermark(time));
  }

  private List<Suggestion> ofType(SuggestionType type) {
    return harness.extractOutputValues().stream().filter(s -> s.type() == type).toList();
  }
}
