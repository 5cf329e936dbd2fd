package io.mobiflow.jobs.zoneflow.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.common.Rejection;
import io.mobiflow.jobs.common.DeadLetters;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** Each observation once and on time: repeats dropped while remembered, late ones dead letters. */
class ObservationGateTest {

  private static final Instant T0 = Instant.parse("2026-01-13T10:00:00Z");

  @Test
  void aRepeatIsDroppedWhileRememberedAndLateOnesAreDeadLetters() throws Exception {
    try (var harness =
        new KeyedOneInputStreamOperatorTestHarness<String, String, String>(
            new KeyedProcessOperator<>(
                ObservationGate.<String>onceAndOnTime("counter", Duration.ofMinutes(5))),
            s -> "site",
            Types.STRING)) {
      harness.open();
      harness.processElement(at("first reading", 0));
      harness.processElement(at("its repeat", 0)); // the next file: dropped
      harness.processWatermark(T0.plusSeconds(180).toEpochMilli());
      harness.processElement(at("a reading behind the watermark", 60)); // late
      harness.processElement(at("a late repeat, still remembered", 0)); // dropped, no dead letter
      harness.processWatermark(T0.plusSeconds(300).toEpochMilli()); // 10:00 forgotten
      harness.processElement(at("a repeat no longer remembered", 0)); // late

      assertThat(harness.extractOutputValues()).containsExactly("first reading");
      List<Rejection> deadLetters =
          harness.getSideOutput(DeadLetters.TAG).stream().map(StreamRecord::getValue).toList();
      assertThat(deadLetters).extracting(Rejection::reason).containsOnly(RejectReason.LATE);
      assertThat(deadLetters)
          .extracting(Rejection::detail)
          .satisfiesExactly(
              d -> assertThat(d).endsWith("a reading behind the watermark"),
              d -> assertThat(d).endsWith("a repeat no longer remembered"));
    }
  }

  /**
   * The gate is the safety net behind the feeds' clocks: anything at or behind the watermark (a
   * feed that started or resumed behind the others) is a LATE dead letter naming the gate.
   */
  @Test
  void withoutRepeatsEveryObservationAfterTheWatermarkPasses() throws Exception {
    try (var harness =
        new KeyedOneInputStreamOperatorTestHarness<String, String, String>(
            new KeyedProcessOperator<>(ObservationGate.<String>onTime("vehicle-change")),
            s -> "zone",
            Types.STRING)) {
      harness.open();
      harness.processElement(at("a pick-up", 0));
      harness.processElement(at("another pick-up at the same time", 0));
      harness.processWatermark(T0.plusSeconds(60).toEpochMilli());
      harness.processElement(at("after the watermark", 61));
      harness.processElement(at("at the watermark", 60));
      harness.processElement(at("behind it", 0));
      assertThat(harness.extractOutputValues())
          .containsExactly("a pick-up", "another pick-up at the same time", "after the watermark");
      assertThat(harness.getSideOutput(DeadLetters.TAG))
          .extracting(StreamRecord::getValue)
          .allSatisfy(r -> assertThat(r.source().feedId()).isEqualTo("vehicle-change-gate"))
          .extracting(Rejection::detail)
          .satisfiesExactly(
              d -> assertThat(d).endsWith("at the watermark"),
              d -> assertThat(d).endsWith("behind it"));
    }
  }

  /**
   * Real feeds repeat past observations (a counter's earlier hours in each file): behind its feed's
   * clock, a repeat of an observation let through is dropped, and one never seen is a LATE dead
   * letter naming its feed, whatever the watermark (here it never moves).
   */
  @Test
  void behindItsFeedARepeatIsDroppedAndANewObservationIsLate() throws Exception {
    FeedClock clock = new FeedClock(Duration.ofMinutes(2), Duration.ZERO);
    Instant nine = T0.minusSeconds(3600);
    try (var harness =
        new KeyedOneInputStreamOperatorTestHarness<
            String, Tuple3<String, Long, String>, Tuple3<String, Long, String>>(
            new KeyedProcessOperator<>(
                ObservationGate.<Tuple3<String, Long, String>>onceAndOnTime(
                        "counter", Duration.ofHours(1))
                    .lateForFeed(clock, o -> o.f0, o -> o.f1)),
            o -> "site",
            Types.STRING)) {
      harness.open();
      long beforeNine = clock.watermark(FeedClock.NONE);
      long afterTen = clock.watermark(T0.toEpochMilli()); // 09:57:59.999
      harness.processElement(feed("hour 9", beforeNine, nine));
      harness.processElement(feed("hour 10", clock.watermark(nine.toEpochMilli()), T0));
      harness.processElement(feed("hour 9 again, in the next file", afterTen, nine));
      harness.processElement(feed("hour 8, never seen", afterTen, nine.minusSeconds(3600)));
      harness.processElement(feed("10:58, on time", afterTen, T0.plusSeconds(58 * 60)));

      assertThat(harness.extractOutputValues())
          .extracting(o -> o.f2)
          .containsExactly("hour 9", "hour 10", "10:58, on time");
      assertThat(harness.getSideOutput(DeadLetters.TAG))
          .extracting(StreamRecord::getValue)
          .satisfiesExactly(
              r -> {
                assertThat(r.reason()).isEqualTo(RejectReason.LATE);
                assertThat(r.source().feedId()).isEqualTo("paris-counters");
                assertThat(r.detail()).contains("hour 8, never seen");
              });
    }
  }

  private static StreamRecord<Tuple3<String, Long, String>> feed(
      String observation, long feedWatermark, Instant at) {
    return new StreamRecord<>(
        Tuple3.of("paris-counters", feedWatermark, observation), at.toEpochMilli());
  }

  private static StreamRecord<String> at(String observation, int seconds) {
    return new StreamRecord<>(observation, T0.plusSeconds(seconds).toEpochMilli());
  }
}
