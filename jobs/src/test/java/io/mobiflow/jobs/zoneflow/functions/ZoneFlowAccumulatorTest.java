package io.mobiflow.jobs.zoneflow.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mobiflow.jobs.zoneflow.ZoneSample;
import io.mobiflow.jobs.zoneflow.indicators.RoadIndicators;
import io.mobiflow.jobs.zoneflow.indicators.TransitIndicators;
import io.mobiflow.jobs.zoneflow.indicators.TransitIndicators.Transit;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Headway regularity from departure samples, and merging, against values worked out by hand; sums
 * that do not depend on the order of the samples.
 */
class ZoneFlowAccumulatorTest {

  @Test
  void theSameSamplesInAnotherOrderGiveTheSameMeansToTheLastDigit() {
    // In doubles (0.1 + 0.2) + 0.3 = 0.6000000000000001 but 0.3 + (0.2 + 0.1) = 0.6: a mean of
    // sums taken in arrival order changed with the order the tasks' samples were merged in.
    ZoneFlowAccumulator forward = new ZoneFlowAccumulator();
    for (double occupancy : new double[] {0.1, 0.2, 0.3}) {
      forward.add(reading(occupancy));
    }
    ZoneFlowAccumulator last = new ZoneFlowAccumulator();
    last.add(reading(0.1));
    ZoneFlowAccumulator backward = new ZoneFlowAccumulator();
    backward.add(reading(0.3));
    backward.add(reading(0.2));
    backward.addAll(last);

    assertThat(forward.mean(RoadIndicators.OCCUPANCY_PCT))
        .isEqualTo(backward.mean(RoadIndicators.OCCUPANCY_PCT))
        .isEqualTo(0.6 / 3);
  }

  @Test
  void headwayMeanAndCoefficientOfVariation() {
    ZoneFlowAccumulator a = new ZoneFlowAccumulator();
    a.add(departure(Double.NaN)); // the first departure has no headway
    a.add(departure(300));
    assertThat(Transit.of(a, null).headwayCv()).isNull(); // one headway: no variation to speak of
    ZoneFlowAccumulator b = new ZoneFlowAccumulator();
    b.add(departure(600));
    b.add(departure(900));
    a.addAll(b);
    // mean 600; variance (300² + 600² + 900²)/3 − 600² = 60,000; CV = sqrt(60,000)/600
    assertThat(a.count(TransitIndicators.DEPARTURE)).isEqualTo(4);
    assertThat(a.mean(TransitIndicators.HEADWAY_SECONDS)).isEqualTo(600.0);
    assertThat(Transit.of(a, null).headwayCv()).isCloseTo(Math.sqrt(60_000) / 600, within(1e-12));
  }

  private static ZoneSample reading(double occupancy) {
    return ZoneSample.of("Z", RoadIndicators.COUNTER_READING, Instant.parse("2026-01-13T07:00:00Z"))
        .with(RoadIndicators.OCCUPANCY_PCT, occupancy);
  }

  private static ZoneSample departure(double headway) {
    return ZoneSample.of("Z", TransitIndicators.DEPARTURE, Instant.parse("2026-01-13T07:00:00Z"))
        .with(TransitIndicators.HEADWAY_SECONDS, headway);
  }
}
