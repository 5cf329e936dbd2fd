package io.mobiflow.jobs.zoneflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mobiflow.jobs.zoneflow.indicators.RoadIndicators;
import io.mobiflow.jobs.zoneflow.indicators.TransitIndicators;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Measures are read by name; a sample has only the measures its observation carries. */
class ZoneSampleTest {

  private static final Instant AT = Instant.parse("2026-01-13T07:00:00Z");

  @Test
  void measuresAreReadByNameAndUnsetOnesAreNotKnown() {
    ZoneSample reading =
        ZoneSample.of("Z", RoadIndicators.COUNTER_READING, AT)
            .with(RoadIndicators.SPEED_KMH, 42.5)
            .with(RoadIndicators.FLOW_VEH_H, (Number) 900);

    assertThat(reading.value(RoadIndicators.SPEED_KMH)).isEqualTo(42.5);
    assertThat(reading.value(RoadIndicators.FLOW_VEH_H)).isEqualTo(900);
    assertThat(reading.value(RoadIndicators.OCCUPANCY_PCT)).isNaN();
    assertThat(
            reading
                .with(RoadIndicators.FREE_FLOW_KMH, (Number) null)
                .value(RoadIndicators.FREE_FLOW_KMH))
        .isNaN();
  }

  @Test
  void aMeasureTheObservationDoesNotCarryIsRefused() {
    ZoneSample position = ZoneSample.of("Z", TransitIndicators.VEHICLE_POSITION, AT);

    assertThatThrownBy(() -> position.with(TransitIndicators.DELAY_SECONDS, 60))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("vehicle_position carries no delay_seconds");
    assertThatThrownBy(() -> position.value(RoadIndicators.SPEED_KMH))
        .isInstanceOf(IllegalArgumentException.class);
    // a derived measure is the window's, not a sample's
    assertThatThrownBy(
            () ->
                ZoneSample.of("Z", RoadIndicators.COUNTER_READING, AT)
                    .with(RoadIndicators.FLOW_TIMES_SPEED, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anInfiniteValueIsRefused() {
    assertThatThrownBy(
            () ->
                ZoneSample.of("Z", TransitIndicators.DEPARTURE, AT)
                    .with(TransitIndicators.HEADWAY_SECONDS, Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("departure headway_seconds is infinite");
  }

  @Test
  void anotherUnitKeepsTheMeasures() {
    ZoneSample inZone =
        ZoneSample.of("Z", TransitIndicators.DEPARTURE, AT)
            .with(TransitIndicators.HEADWAY_SECONDS, 300);
    ZoneSample atStop = inZone.in(SpatialUnit.STOP, "S1");

    assertThat(atStop.unit()).isEqualTo(SpatialUnit.STOP);
    assertThat(atStop.unitId()).isEqualTo("S1");
    assertThat(atStop.value(TransitIndicators.HEADWAY_SECONDS)).isEqualTo(300);
    assertThat(atStop).isNotEqualTo(inZone).isEqualTo(inZone.in(SpatialUnit.STOP, "S1"));
  }
}
