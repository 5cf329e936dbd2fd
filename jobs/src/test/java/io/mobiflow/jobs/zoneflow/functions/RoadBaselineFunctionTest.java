package io.mobiflow.jobs.zoneflow.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.connectors.counters.model.CounterReading;
import io.mobiflow.connectors.counters.model.MatchedCounterReading;
import io.mobiflow.jobs.zoneflow.RoadReading;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The per-site free-flow speed: values by hand, bounded state, expiry. */
class RoadBaselineFunctionTest {

  private static final Instant T0 = Instant.parse("2026-01-13T00:00:00Z");

  @Test
  void freeFlowIsThe85thPercentileOnceTwelveSpeedsWereSeen() throws Exception {
    try (var harness = harness()) {
      // 20 readings of 41..60 km/h: the 12th gets rank ceil(0.85*12) = 11 of 41..52 -> 51;
      // the 20th rank 17 of 41..60 -> 57. Readings without speed get the value so far.
      for (int i = 0; i < 20; i++) {
        harness.processElement(reading("S", i, 41.0 + i));
      }
      harness.processElement(reading("S", 20, null));
      harness.processWatermark(T0.plus(Duration.ofMinutes(20)).toEpochMilli());
      List<Double> freeFlow =
          harness.extractOutputValues().stream().map(RoadReading::freeFlowSpeedKmh).toList();
      assertThat(freeFlow.subList(0, 11)).containsOnlyNulls();
      assertThat(freeFlow.get(11)).isEqualTo(51.0);
      assertThat(freeFlow.get(19)).isEqualTo(57.0);
      assertThat(freeFlow.get(20)).isEqualTo(57.0);
    }
  }

  @Test
  void readingsAreAppliedInEventTimeOrderWhateverTheirOrderOfArrival() throws Exception {
    try (var harness = harness()) {
      // 12 readings of 50 km/h at minutes 0..11, then one of 10 km/h at minute 12 that arrives
      // before them. In time order it is the 13th speed: rank ceil(0.85*13) = 12 of {10, 50 x 12}
      // -> 50, and the first 11 readings still have no free-flow speed (fewer than 12 speeds).
      harness.processElement(reading("S", 12, 10.0));
      for (int i = 11; i >= 0; i--) {
        harness.processElement(reading("S", i, 50.0));
      }
      assertThat(harness.extractOutputValues()).as("all wait for the watermark").isEmpty();
      harness.processWatermark(T0.plus(Duration.ofMinutes(12)).toEpochMilli());
      List<RoadReading> out = harness.extractOutputValues();
      assertThat(out)
          .extracting(r -> r.matched().reading().observedAt())
          .isSortedAccordingTo(Instant::compareTo)
          .hasSize(13);
      assertThat(out.subList(0, 11)).extracting(RoadReading::freeFlowSpeedKmh).containsOnlyNulls();
      assertThat(out.get(11).freeFlowSpeedKmh()).isEqualTo(50.0);
      assertThat(out.get(12).freeFlowSpeedKmh()).isEqualTo(50.0);
    }
  }

  @Test
  void theHistogramStaysTheSameSizeAndForgetsOldSpeeds() {
    int[] bins = new int[RoadBaselineFunction.MAX_KMH + 2];
    // 9,999 readings at 100 km/h, then 30 km/h ones: halving makes the new speed count.
    for (int i = 0; i < 9_999; i++) {
      RoadBaselineFunction.add(bins, 100);
    }
    assertThat(RoadBaselineFunction.freeFlowSpeed(bins)).isEqualTo(100.0);
    int size = bins.length;
    for (int i = 0; i < 40_000; i++) {
      RoadBaselineFunction.add(bins, 30);
    }
    assertThat(bins).hasSize(size);
    assertThat(Arrays.stream(bins, 0, size - 1).sum()).isEqualTo(bins[size - 1]);
    assertThat(bins[size - 1]).isLessThan(RoadBaselineFunction.DECAY_AT);
    // After 40,000 new readings the old ones are halved at least 4 times: under 7 % of the rest.
    assertThat(RoadBaselineFunction.freeFlowSpeed(bins)).isEqualTo(30.0);
  }

  @Test
  void theHistogramExpiresInEventTimeNotInProcessingTime() throws Exception {
    int ttl = (int) RoadBaselineFunction.STATE_TTL.toMinutes();
    try (var harness = harness()) {
      harness.setStateTtlProcessingTime(0);
      harness.setProcessingTime(0);
      for (int i = 0; i < 12; i++) {
        harness.processElement(reading("S", i, 50.0));
      }
      harness.processWatermark(minutes(11));
      assertThat(harness.extractOutputValues().get(11).freeFlowSpeedKmh()).isEqualTo(50.0);
      // 60 days of processing time later, a speed exactly STATE_TTL after the last one in event
      // time: the site is learnt still (13 speeds of 50)
      harness.setStateTtlProcessingTime(Duration.ofDays(60).toMillis());
      harness.setProcessingTime(Duration.ofDays(60).toMillis());
      harness.processElement(reading("S", 11 + ttl, 50.0));
      harness.processWatermark(minutes(11 + ttl));
      assertThat(harness.extractOutputValues().get(12).freeFlowSpeedKmh()).isEqualTo(50.0);
      // a minute more than STATE_TTL after that one: learning afresh (one speed, none yet)
      harness.processElement(reading("S", 12 + 2 * ttl, 50.0));
      harness.processWatermark(minutes(12 + 2 * ttl));
      assertThat(harness.extractOutputValues().get(13).freeFlowSpeedKmh()).isNull();
    }
  }

  @Test
  void aSilentSitesStateIsClearedWhenTheWatermarkPassesItsTtl() throws Exception {
    int ttl = (int) RoadBaselineFunction.STATE_TTL.toMinutes();
    try (var harness = harness()) {
      harness.processElement(reading("S", 0, 50.0));
      harness.processElement(reading("S", 1, null)); // no speed: does not keep it
      harness.processWatermark(minutes(ttl));
      assertThat(harness.numKeyedStateEntries()).as("histogram and its time").isEqualTo(2);
      harness.processWatermark(minutes(ttl) + 1);
      assertThat(harness.numKeyedStateEntries()).isZero();
    }
  }

  private static long minutes(int minutes) {
    return T0.plus(Duration.ofMinutes(minutes)).toEpochMilli();
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, MatchedCounterReading, RoadReading>
      harness() throws Exception {
    var harness =
        new KeyedOneInputStreamOperatorTestHarness<String, MatchedCounterReading, RoadReading>(
            new KeyedProcessOperator<>(new RoadBaselineFunction()),
            m -> m.reading().siteId(),
            Types.STRING);
    harness.open();
    return harness;
  }

  private static StreamRecord<MatchedCounterReading> reading(
      String site, int minute, Double speed) {
    Instant at = T0.plus(Duration.ofMinutes(minute));
    return new StreamRecord<>(
        new MatchedCounterReading(
            new CounterReading(site, at, 600.0, null, speed, null), "Z", null),
        at.toEpochMilli());
  }
}
