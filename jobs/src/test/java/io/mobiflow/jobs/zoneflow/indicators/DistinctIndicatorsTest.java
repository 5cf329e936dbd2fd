package io.mobiflow.jobs.zoneflow.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mobiflow.connectors.counters.model.TrafficState;
import io.mobiflow.jobs.zoneflow.PrivacySettings;
import io.mobiflow.jobs.zoneflow.SpatialUnit;
import io.mobiflow.jobs.zoneflow.ZoneSample;
import io.mobiflow.jobs.zoneflow.functions.ZoneFlowAccumulator;
import io.mobiflow.jobs.zoneflow.functions.ZoneFlowAggregator;
import io.mobiflow.jobs.zoneflow.indicators.RoadIndicators.Road;
import io.mobiflow.jobs.zoneflow.indicators.SharedMobilityIndicators.SharedMobility;
import io.mobiflow.jobs.zoneflow.indicators.TransitIndicators.Transit;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * One window whose every indicator has its own value, worked out by hand and asserted by name: two
 * indicators swapped in a group's construction give each other's value and fail.
 */
class DistinctIndicatorsTest {

  private static final Instant T0 = Instant.parse("2026-01-13T07:00:00Z");

  private final ZoneFlowAggregator aggregator = new ZoneFlowAggregator();
  private final ZoneFlowAccumulator window = aggregator.createAccumulator();

  @Test
  void everyRoadIndicatorHasItsOwnValue() {
    reading(600, 10, 40, 50);
    reading(200, 20, 60, 70);

    Road road = Road.of(window);

    assertThat(road.roadData()).isTrue();
    assertThat(road.counterReadings()).isEqualTo(2);
    assertThat(road.meanFlowVehH()).isEqualTo(400.0); // (600 + 200) / 2
    assertThat(road.meanOccupancyPct()).isEqualTo(15.0); // (10 + 20) / 2
    assertThat(road.meanSpeedKmh()).isEqualTo(45.0); // (600·40 + 200·60) / (600 + 200)
    assertThat(road.freeFlowSpeedKmh()).isEqualTo(60.0); // (50 + 70) / 2
    assertThat(road.speedIndex()).isEqualTo(0.75); // 45 / 60
    assertThat(road.congestion()).isEqualTo(TrafficState.HEAVY); // occupancy 15 %: [15, 30)
  }

  @Test
  void everyTransitIndicatorHasItsOwnValue() {
    position(1);
    position(0);
    position(Double.NaN); // no occupancy status: not among the shares
    for (int delay : new int[] {-90, 30, 120, 250, 1000}) {
      update(delay, 0);
    }
    update(Double.NaN, 1); // a skipped stop: no delay
    for (double headway : new double[] {Double.NaN, 300, 600, 900}) {
      departure(headway);
    }

    Transit transit = Transit.of(window, 7);

    assertThat(transit.transitData()).isTrue();
    assertThat(transit.vehiclePositions()).isEqualTo(3);
    assertThat(transit.crowdedShare()).isEqualTo(0.5); // 1 of the 2 that say
    assertThat(transit.stopTimeUpdates()).isEqualTo(6);
    assertThat(transit.meanDelaySeconds()).isEqualTo(262.0); // (−90 + 30 + 120 + 250 + 1000) / 5
    assertThat(transit.p90DelaySeconds()).isEqualTo(1000); // rank ⌈0.9 · 5⌉ = 5
    assertThat(transit.onTimeShare()).isEqualTo(0.6); // 30, 120, 250 within [−60, 300]
    assertThat(transit.stopsNotServed()).isEqualTo(1);
    assertThat(transit.scheduledDepartures()).isEqualTo(7);
    assertThat(transit.realtimeDepartures()).isEqualTo(4);
    assertThat(transit.meanHeadwaySeconds()).isEqualTo(600.0); // (300 + 600 + 900) / 3
    // variance (300² + 600² + 900²) / 3 − 600² = 60,000
    assertThat(transit.headwayCv()).isCloseTo(Math.sqrt(60_000) / 600, within(1e-12));
  }

  @Test
  void everySharedMobilityIndicatorHasItsOwnValue() {
    for (double disabled : new double[] {1, 2, 3, 4, Double.NaN}) {
      report(disabled);
    }
    interval(0, 0, 10, 60); // empty for a minute
    interval(60, 4, 0, 120); // full for two
    interval(180, 6, 3, 120);
    for (int i = 0; i < 10; i++) {
      tripEnd(SharedMobilityIndicators.PICK_UP);
    }
    for (int i = 0; i < 11; i++) {
      tripEnd(SharedMobilityIndicators.DROP_OFF);
    }

    SharedMobility shared = SharedMobility.of(window, PrivacySettings.DEFAULT, SpatialUnit.ZONE, 8);

    assertThat(shared.sharedMobilityData()).isTrue();
    assertThat(shared.stationReports()).isEqualTo(5);
    // over the 300 s from the first interval's start to the last one's end
    assertThat(shared.vehiclesAvailable()).isEqualTo(4.0); // (0·60 + 4·120 + 6·120) / 300
    assertThat(shared.minVehiclesAvailable()).isEqualTo(0);
    assertThat(shared.docksAvailable()).isEqualTo(3.2); // (10·60 + 0·120 + 3·120) / 300
    assertThat(shared.emptyStationMinutes()).isEqualTo(1.0);
    assertThat(shared.fullStationMinutes()).isEqualTo(2.0);
    assertThat(shared.meanVehiclesDisabled()).isEqualTo(2.5); // (1 + 2 + 3 + 4) / 4
    assertThat(shared.pickUps()).isEqualTo(10L);
    assertThat(shared.pickUpsSuppressed()).isFalse();
    assertThat(shared.dropOffs()).isEqualTo(11L);
    assertThat(shared.dropOffsSuppressed()).isFalse();
  }

  @Test
  void eachSourceSaysWhetherItReportedOnItsOwn() {
    report(1);

    assertThat(Road.of(window).roadData()).isFalse();
    assertThat(Transit.of(window, null).transitData()).isFalse();
    assertThat(SharedMobility.of(window, PrivacySettings.DEFAULT, SpatialUnit.ZONE, 8))
        .satisfies(
            s -> {
              assertThat(s.sharedMobilityData()).isTrue();
              assertThat(s.vehiclesAvailable()).isNull(); // no interval: not known, not 0
              assertThat(s.pickUps()).isZero(); // 0 singles out no one: published
            });

    departure(Double.NaN);
    assertThat(Transit.of(window, null).transitData()).isTrue();
  }

  private void add(ZoneSample sample) {
    aggregator.add(sample, window);
  }

  private void reading(double flow, double occupancy, double speed, double freeFlow) {
    add(
        ZoneSample.of("Z", RoadIndicators.COUNTER_READING, T0)
            .with(RoadIndicators.FLOW_VEH_H, flow)
            .with(RoadIndicators.OCCUPANCY_PCT, occupancy)
            .with(RoadIndicators.SPEED_KMH, speed)
            .with(RoadIndicators.FREE_FLOW_KMH, freeFlow));
  }

  private void position(double crowded) {
    add(
        ZoneSample.of("Z", TransitIndicators.VEHICLE_POSITION, T0)
            .with(TransitIndicators.CROWDED, crowded));
  }

  private void update(double delay, double notServed) {
    add(
        ZoneSample.of("Z", TransitIndicators.STOP_TIME_UPDATE, T0)
            .with(TransitIndicators.DELAY_SECONDS, delay)
            .with(TransitIndicators.STOP_NOT_SERVED, notServed));
  }

  private void departure(double headway) {
    add(
        ZoneSample.of("Z", TransitIndicators.DEPARTURE, T0)
            .with(TransitIndicators.HEADWAY_SECONDS, headway));
  }

  private void report(double disabled) {
    add(
        ZoneSample.of("Z", SharedMobilityIndicators.STATION_STATUS, T0)
            .with(SharedMobilityIndicators.VEHICLES_DISABLED, disabled));
  }

  private void interval(int fromSecond, int vehicles, int docks, double seconds) {
    add(
        ZoneSample.of("Z", SharedMobilityIndicators.STATION_INTERVAL, T0.plusSeconds(fromSecond))
            .with(SharedMobilityIndicators.VEHICLES_AVAILABLE, vehicles)
            .with(SharedMobilityIndicators.DOCKS_AVAILABLE, docks)
            .with(SharedMobilityIndicators.STATION_SECONDS, seconds));
  }

  private void tripEnd(Observation pickUpOrDropOff) {
    add(ZoneSample.of("Z", pickUpOrDropOff, T0));
  }
}
