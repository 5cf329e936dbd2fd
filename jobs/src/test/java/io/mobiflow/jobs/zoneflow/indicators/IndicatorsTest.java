package io.mobiflow.jobs.zoneflow.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The declaration: ids distinct, every measure and observation a source declares listed, and every
 * name window state had in 0.1 still declared.
 */
class IndicatorsTest {

  /** The constants of the 0.1 {@code Metric} enum (2bcee01), whose order laid out window state. */
  private static final List<String> METRICS_0_1 =
      List.of(
          "COUNTER_READING",
          "FLOW_VEH_H",
          "OCCUPANCY_PCT",
          "SPEED_KMH",
          "FLOW_TIMES_SPEED",
          "FLOW_WITH_SPEED",
          "FREE_FLOW_KMH",
          "VEHICLE_POSITION",
          "CROWDED",
          "STOP_TIME_UPDATE",
          "DELAY_SECONDS",
          "STOP_NOT_SERVED",
          "DEPARTURE",
          "HEADWAY_SECONDS",
          "HEADWAY_SQUARED",
          "STATION_STATUS",
          "VEHICLES_DISABLED",
          "STATION_INTERVAL",
          "STATION_SECONDS",
          "VEHICLE_SECONDS",
          "DOCK_SECONDS",
          "EMPTY_SECONDS",
          "FULL_SECONDS",
          "PICK_UP",
          "DROP_OFF");

  @Test
  void everySlotHasItsOwnIdAndEveryMetricOf01IsOne() {
    assertThat(Indicators.SLOT_IDS).doesNotHaveDuplicates();
    assertThat(Indicators.SLOT_IDS)
        .containsAll(METRICS_0_1.stream().map(m -> m.toLowerCase(Locale.ROOT)).toList());
  }

  @Test
  void slotsFollowTheDeclaration() {
    for (int i = 0; i < Indicators.OBSERVATIONS.size(); i++) {
      Observation observation = Indicators.OBSERVATIONS.get(i);
      assertThat(Indicators.slot(observation)).isEqualTo(i);
      assertThat(Indicators.SLOT_IDS.get(i)).isEqualTo(observation.id());
      assertThat(Indicators.observation(observation.id())).isSameAs(observation);
      assertThat(Indicators.MEASURES).containsAll(observation.measures());
    }
    for (Measure measure : Indicators.MEASURES) {
      assertThat(Indicators.SLOT_IDS.get(Indicators.slot(measure))).isEqualTo(measure.id());
    }
  }

  @Test
  void everyMeasureAndObservationASourceDeclaresIsListed() throws Exception {
    List<Object> declared = new ArrayList<>();
    for (Class<?> source :
        List.of(RoadIndicators.class, TransitIndicators.class, SharedMobilityIndicators.class)) {
      for (Field field : source.getFields()) {
        if (Modifier.isStatic(field.getModifiers())
            && (field.getType() == Measure.class || field.getType() == Observation.class)) {
          declared.add(field.get(null));
        }
      }
    }
    List<Object> listed = new ArrayList<>(Indicators.OBSERVATIONS);
    listed.addAll(Indicators.MEASURES);
    assertThat(listed).containsExactlyInAnyOrderElementsOf(declared);
  }

  @Test
  void observationsKeepTheNamesDeadLettersGaveThem() {
    assertThat(SharedMobilityIndicators.STATION_INTERVAL).hasToString("STATION_INTERVAL");
    assertThat(RoadIndicators.COUNTER_READING).hasToString("COUNTER_READING");
  }
}
