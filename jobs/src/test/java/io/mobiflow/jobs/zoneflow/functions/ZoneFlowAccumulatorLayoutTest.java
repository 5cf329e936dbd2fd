package io.mobiflow.jobs.zoneflow.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.jobs.zoneflow.ZoneSample;
import io.mobiflow.jobs.zoneflow.indicators.Indicators;
import io.mobiflow.jobs.zoneflow.indicators.RoadIndicators;
import io.mobiflow.jobs.zoneflow.indicators.TransitIndicators;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Window sums keep their meaning whatever layout they were written in: a 0.1 accumulator (no ids,
 * slots of the 0.1 Metric order), one of a build that declared its measures in another order, and
 * merges across layouts; values worked out by hand.
 */
class ZoneFlowAccumulatorLayoutTest {

  private static final Instant AT = Instant.parse("2026-01-13T07:00:00Z");

  /** A window as 0.1 left it: readings of 10 % and 20 % occupancy, one delay of 120 s. */
  private static ZoneFlowAccumulator of01() {
    ZoneFlowAccumulator window = new ZoneFlowAccumulator();
    // the 0.1 slots: COUNTER_READING 0, OCCUPANCY_PCT 2 (a millionth), STOP_TIME_UPDATE 9,
    // DELAY_SECONDS 10, STOP_NOT_SERVED 11
    window.counts[0] = 2;
    window.counts[2] = 2;
    window.exactSums[2] = 30_000_000;
    window.counts[9] = 3;
    window.counts[10] = 1;
    window.exactSums[10] = 120;
    window.counts[11] = 1;
    window.delays[0] = 120;
    window.delayCount = 1;
    return window;
  }

  @Test
  void a01WindowIsReadByTheNamesOf01() {
    ZoneFlowAccumulator window = new ZoneFlowAggregator().getResult(of01());

    assertThat(window.measureIds).containsExactlyElementsOf(Indicators.SLOT_IDS);
    assertThat(window.count(RoadIndicators.COUNTER_READING)).isEqualTo(2);
    assertThat(window.mean(RoadIndicators.OCCUPANCY_PCT)).isEqualTo(15.0); // (10 + 20) / 2
    assertThat(window.count(TransitIndicators.STOP_TIME_UPDATE)).isEqualTo(3);
    assertThat(window.mean(TransitIndicators.DELAY_SECONDS)).isEqualTo(120.0);
    assertThat(window.count(TransitIndicators.STOP_NOT_SERVED)).isEqualTo(1);
    assertThat(window.count(RoadIndicators.SPEED_KMH)).isZero();
  }

  @Test
  void a01WindowGoesOnSummingAfterRestore() {
    ZoneFlowAggregator aggregator = new ZoneFlowAggregator();
    ZoneFlowAccumulator window = aggregator.add(reading(30), of01());

    assertThat(window.count(RoadIndicators.COUNTER_READING)).isEqualTo(3);
    assertThat(window.mean(RoadIndicators.OCCUPANCY_PCT)).isEqualTo(20.0); // (10 + 20 + 30) / 3
  }

  @Test
  void sumsOfAnotherDeclarationOrderAreReadByName() {
    List<String> reversed = new ArrayList<>(Indicators.SLOT_IDS);
    Collections.reverse(reversed);
    ZoneFlowAggregator other = new ZoneFlowAggregator(reversed);
    ZoneFlowAccumulator window = other.createAccumulator();
    other.add(reading(40), window);
    other.add(reading(50), window);

    assertThat(window.measureIds).containsExactlyElementsOf(reversed);
    assertThat(window.count(RoadIndicators.COUNTER_READING)).isEqualTo(2);
    assertThat(window.mean(RoadIndicators.OCCUPANCY_PCT)).isEqualTo(45.0);

    ZoneFlowAccumulator here = new ZoneFlowAggregator().getResult(window);
    assertThat(here.measureIds).containsExactlyElementsOf(Indicators.SLOT_IDS);
    assertThat(here.mean(RoadIndicators.OCCUPANCY_PCT)).isEqualTo(45.0);
  }

  @Test
  void mergeAcrossLayoutsAddsByName() {
    List<String> reversed = new ArrayList<>(Indicators.SLOT_IDS);
    Collections.reverse(reversed);
    ZoneFlowAggregator other = new ZoneFlowAggregator(reversed);
    ZoneFlowAccumulator fromOther = other.add(reading(60), other.createAccumulator());
    ZoneFlowAggregator aggregator = new ZoneFlowAggregator();
    ZoneFlowAccumulator current = aggregator.add(reading(10), aggregator.createAccumulator());

    ZoneFlowAccumulator merged = aggregator.merge(of01(), aggregator.merge(current, fromOther));

    // 0.1: 10 %, 20 %; this build: 10 %; the other order: 60 %
    assertThat(merged.count(RoadIndicators.COUNTER_READING)).isEqualTo(4);
    assertThat(merged.mean(RoadIndicators.OCCUPANCY_PCT)).isEqualTo(25.0); // 100 / 4
    assertThat(merged.mean(TransitIndicators.DELAY_SECONDS)).isEqualTo(120.0);
    assertThat(merged.delays()).containsExactly(120);
  }

  @Test
  void aSlotNoLongerDeclaredIsDroppedAndTheOthersKept() {
    List<String> withRetired = new ArrayList<>(List.of("retired_measure"));
    withRetired.addAll(Indicators.SLOT_IDS);
    ZoneFlowAggregator old = new ZoneFlowAggregator(withRetired);
    ZoneFlowAccumulator window = old.add(reading(70), old.createAccumulator());
    window.counts[0] = 5; // values of the retired measure
    window.exactSums[0] = 5;

    ZoneFlowAccumulator here = new ZoneFlowAggregator().getResult(window);

    assertThat(here.measureIds).containsExactlyElementsOf(Indicators.SLOT_IDS);
    assertThat(here.counts).hasSize(Indicators.SLOT_IDS.size());
    assertThat(here.mean(RoadIndicators.OCCUPANCY_PCT)).isEqualTo(70.0);
    assertThat(here.count(RoadIndicators.COUNTER_READING)).isEqualTo(1);
  }

  private static ZoneSample reading(double occupancy) {
    return ZoneSample.of("Z", RoadIndicators.COUNTER_READING, AT)
        .with(RoadIndicators.OCCUPANCY_PCT, occupancy);
  }
}
