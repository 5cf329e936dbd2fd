package io.mobiflow.jobs.suggest.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.transit.realtime.GtfsRealtime.Alert;
import com.google.transit.realtime.GtfsRealtime.EntitySelector;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import io.mobiflow.connectors.gtfs.CompactTimetable;
import io.mobiflow.connectors.gtfs.ScheduledTrip;
import io.mobiflow.connectors.gtfs.ScheduledTrip.StopTime;
import io.mobiflow.connectors.gtfs.TransitStop;
import io.mobiflow.connectors.gtfsrt.encode.AlertFeedEncoder;
import io.mobiflow.geodata.geom.Wgs84;
import io.mobiflow.jobs.suggest.PeribusDelayScenario;
import io.mobiflow.jobs.suggest.TravelModel;
import io.mobiflow.jobs.suggest.texts.SuggestionAlerts;
import io.mobiflow.jobs.suggest.texts.SuggestionTexts;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The delay → shared vehicle rule on the real Péribus network: a trip of 13 January 2026, a delay
 * put on its second stop S, vehicles placed near S. The expected suggestion is worked out here in a
 * plain loop over the trip's later stops from their GTFS positions and times.
 */
class DelayToSharedVehicleTest {

  private static final LocalDate DATE = PeribusDelayScenario.DATE;

  private static CompactTimetable timetable;
  private static Map<String, TransitStop> stops;
  private static ScheduledTrip trip;
  private static StopTime waitingAt;
  private static List<StopTime> following;
  private static long serviceStart;
  private static Instant now;

  @BeforeAll
  static void loadPeribus() throws Exception {
    PeribusDelayScenario scenario = PeribusDelayScenario.load();
    timetable = scenario.timetable();
    stops = scenario.stops();
    trip = scenario.trip();
    waitingAt = scenario.waitingAt();
    following = scenario.following();
    serviceStart = scenario.serviceStart();
    // the traveller is at S at the scheduled departure; the bus will come 8 minutes later
    now = scenario.now();
  }

  @Test
  void aScooterNearTheStopBeatsTheDelayedBusToALaterStop() {
    VehicleSpot scooter = spotFrom(waitingAt.stopId(), "scooter-1", 0, 100, 1, null);

    Optional<SharedVehicleSuggestion> suggestion = evaluate(TravelModel.DEFAULT, 480, scooter);

    // by hand: walk 100 m at 4.8 km/h, 60 s to unlock, ride straight distance x 1.3 at 15 km/h
    double[] best = byHand(scooter, 4.8, 15, 60, 480);
    StopTime bestStop = best == null ? null : following.get((int) best[0]);
    double bestArrival = best == null ? 0 : best[1];
    assertThat(bestStop).as("the scenario must have a stop the scooter reaches first").isNotNull();
    SharedVehicleSuggestion s = suggestion.orElseThrow();
    assertThat(s.tripId()).isEqualTo(trip.tripId());
    assertThat(s.fromStopId()).isEqualTo(waitingAt.stopId());
    assertThat(s.pickUpSpotId()).isEqualTo("scooter-1");
    assertThat(s.walkMeters()).isBetween(99.9, 100.1);
    assertThat(s.toStopId()).isEqualTo(bestStop.stopId());
    assertThat(s.dropSpotId()).isNull();
    assertThat(s.arrivalBySharedVehicle())
        .isEqualTo(Instant.ofEpochSecond((long) Math.ceil(bestArrival)));
    assertThat(s.arrivalByTrip())
        .isEqualTo(Instant.ofEpochSecond(serviceStart + bestStop.arrivalSeconds() + 480));
    assertThat(s.validUntil()).isEqualTo(now.plusSeconds(480));
  }

  @Test
  void aStationBikeIsLeftAtTheNearestStationWithAFreeDockThenTheTravellerWalks() {
    SharedVehicleSuggestion withScooter =
        evaluate(TravelModel.DEFAULT, 480, spotFrom(waitingAt.stopId(), "s", 0, 100, 1, null))
            .orElseThrow();
    String target = withScooter.toStopId();
    VehicleSpot pickUp = spotFrom(waitingAt.stopId(), "station-A", 90, 120, 3, 5);
    VehicleSpot full = spotFrom(target, "station-full", 180, 40, 12, 0); // nearer, no dock
    VehicleSpot free = spotFrom(target, "station-B", 180, 80, 2, 4);

    SharedVehicleSuggestion s =
        evaluate(TravelModel.DEFAULT, 480, pickUp, full, free).orElseThrow();

    assertThat(s.pickUpSpotId()).isEqualTo("station-A");
    // the stop the scooter reached first is reached first here too: only B takes the bike there
    assertThat(s.toStopId()).isEqualTo(target);
    // by hand: walk 120 m, unlock, ride A -> B, walk 80 m from B to the stop
    double arrival =
        now.getEpochSecond()
            + 120 / (4.8 / 3.6)
            + 60
            + Wgs84.distanceMeters(
                    pickUp.latitude(), pickUp.longitude(), free.latitude(), free.longitude())
                * 1.3
                / (15 / 3.6)
            + 80 / (4.8 / 3.6);
    assertThat(s.dropSpotId()).isEqualTo("station-B"); // not the nearer full station
    assertThat(s.arrivalBySharedVehicle())
        .isEqualTo(Instant.ofEpochSecond((long) Math.ceil(arrival)));
  }

  @Test
  void theAlertParsesBackAndNamesEntitiesOfTheStaticFeed() throws Exception {
    SharedVehicleSuggestion suggestion =
        evaluate(TravelModel.DEFAULT, 480, spotFrom(waitingAt.stopId(), "s", 0, 100, 1, null))
            .orElseThrow();
    byte[] feed =
        AlertFeedEncoder.encode(
            List.of(
                SuggestionAlerts.of(
                    new SuggestionTexts(timetable, stops, Map.of())
                        .sharedVehicle(suggestion, null, now))),
            now);

    Alert alert = FeedMessage.parseFrom(feed).getEntity(0).getAlert();
    assertThat(alert.getActivePeriod(0).getEnd()).isEqualTo(now.getEpochSecond() + 480);
    assertThat(alert.getHeaderText().getTranslationList())
        .extracting(t -> t.getLanguage())
        .containsExactly("fr", "en");
    EntitySelector entity = alert.getInformedEntity(0);
    assertThat(stops).containsKey(entity.getStopId());
    assertThat(timetable.runsOn(entity.getTrip().getTripId(), DATE)).isTrue();
    assertThat(entity.getRouteId()).isEqualTo(trip.routeId());
    assertThat(alert.getDescriptionText().getTranslation(0).getText())
        .contains(stops.get(suggestion.toStopId()).name());
  }

  @Test
  void noSuggestionWithoutAVehicleInReachASmallDelayOrASlowerRide() {
    VehicleSpot far = spotFrom(waitingAt.stopId(), "far", 0, 300, 1, null);
    assertThat(evaluate(TravelModel.DEFAULT, 480, far)).isEmpty(); // 300 m > 250 m
    VehicleSpot near = spotFrom(waitingAt.stopId(), "near", 0, 100, 1, null);
    assertThat(evaluate(TravelModel.DEFAULT, 240, near)).isEmpty(); // under 5 minutes late
    VehicleSpot empty = spotFrom(waitingAt.stopId(), "empty", 0, 50, 0, 10);
    assertThat(evaluate(TravelModel.DEFAULT, 480, empty)).isEmpty(); // a station with no bike
    // riding slowly after a 10-minute unlock, the traveller gets nowhere before the bus (walking
    // alone can beat a late bus to a near stop, so the vehicle has to be a poor choice)
    assertThat(byHand(near, 4.8, 8, 600, 480)).as("precondition, worked out by hand").isNull();
    TravelModel slow =
        new TravelModel(4.8, 8, 1.3, Duration.ofMinutes(10), 250, Duration.ofMinutes(5));
    assertThat(evaluate(slow, 480, near)).isEmpty();
  }

  /**
   * The rule worked out in a plain loop for a free-floating vehicle: {index of the best later stop,
   * arrival there (epoch seconds), gain}, or null when the vehicle reaches no stop first.
   */
  private static double[] byHand(
      VehicleSpot vehicle, double walkKmh, double rideKmh, int unlockSeconds, int delay) {
    TransitStop from = stops.get(waitingAt.stopId());
    double walk =
        Wgs84.distanceMeters(
            from.latitude(), from.longitude(), vehicle.latitude(), vehicle.longitude());
    double setOff = now.getEpochSecond() + walk / (walkKmh / 3.6) + unlockSeconds;
    double[] best = null;
    for (int i = 0; i < following.size(); i++) {
      TransitStop t = stops.get(following.get(i).stopId());
      double arrival =
          setOff
              + Wgs84.distanceMeters(
                      vehicle.latitude(), vehicle.longitude(), t.latitude(), t.longitude())
                  * 1.3
                  / (rideKmh / 3.6);
      double gain = serviceStart + following.get(i).arrivalSeconds() + delay - arrival;
      if (gain > 0 && (best == null || gain > best[2])) {
        best = new double[] {i, arrival, gain};
      }
    }
    return best;
  }

  private Optional<SharedVehicleSuggestion> evaluate(
      TravelModel model, int delay, VehicleSpot... spots) {
    return new DelayToSharedVehicle(model, List.copyOf(stops.values()))
        .evaluate(
            trip.tripId(),
            trip.routeId(),
            waitingAt,
            following,
            serviceStart,
            delay,
            now,
            List.of(spots));
  }

  /** A spot at a bearing and distance from a stop. */
  private static VehicleSpot spotFrom(
      String stopId, String id, double bearing, double meters, int vehicles, Integer docks) {
    TransitStop stop = stops.get(stopId);
    double[] at = Wgs84.destination(stop.latitude(), stop.longitude(), bearing, meters);
    return new VehicleSpot(id, at[0], at[1], vehicles, docks);
  }
}
