package io.mobiflow.jobs.zoneflow.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mobiflow.jobs.zoneflow.Metric;
import io.mobiflow.jobs.zoneflow.SpatialUnit;
import io.mobiflow.jobs.zoneflow.ZoneSample;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Headway regularity from departure samples, and merging, against values worked out by hand. */
class ZoneFlowAccumulatorTest {

  @Test
  void headwayMeanAndCoefficientOfVariation() {
    ZoneFlowAccumulator a = new ZoneFlowAccumulator();
    a.add(departure(Double.NaN)); // the first departure has no headway
    a.add(departure(300));
    assertThat(a.headwayCv()).isNull(); // one headway: no variation to speak of
    ZoneFlowAccumulator b = new ZoneFlowAccumulator();
    b.add(departure(600));
    b.add(departure(900));
    a.addAll(b);
    // mean 600; variance (300² + 600² + 900²)/3 − 600² = 60,000; CV = sqrt(60,000)/600
    assertThat(a.count(Metric.DEPARTURE)).isEqualTo(4);
    assertThat(a.mean(Metric.HEADWAY_SECONDS)).isEqualTo(600.0);
    assertThat(a.headwayCv()).isCloseTo(Math.sqrt(60_000) / 600, within(1e-12));
  }

  private static ZoneSample departure(double headway) {
    return new ZoneSample(
        SpatialUnit.ZONE,
        "Z",
        Metric.DEPARTURE,
        Instant.parse("2026-01-13T07:00:00Z"),
        0,
        headway,
        Double.NaN,
        Double.NaN);
  }
}
