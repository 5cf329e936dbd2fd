package io.mobiflow.jobs.zoneflow.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.common.Rejection;
import io.mobiflow.connectors.gbfs.model.MatchedStationStatus;
import io.mobiflow.connectors.gbfs.model.StationStatus;
import io.mobiflow.jobs.common.DeadLetters;
import io.mobiflow.jobs.zoneflow.StationInterval;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The per-station state-over-time operator in Flink's operator test harness; panes of 5 min. */
class StationAvailabilityFunctionTest {

  private static final Instant T0 = Instant.parse("2026-01-13T07:00:00Z");

  private KeyedOneInputStreamOperatorTestHarness<String, MatchedStationStatus, StationInterval>
      harness;

  @BeforeEach
  void open() throws Exception {
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new StationAvailabilityFunction(Duration.ofMinutes(5))),
            m -> m.status().stationId(),
            Types.STRING);
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  @Test
  void reportsOutOfOrderAreAppliedInEventTimeOrderAndCutAtPaneEnds() throws Exception {
    report("S", 8, 0); // arrives first, is the later one
    report("S", 3, 4);
    assertThat(harness.extractOutputValues()).isEmpty(); // nothing before the watermark
    harness.processWatermark(minutes(10) - 1);
    // 4 bikes over [3', 5') and [5', 8'), 0 bikes over [8', 10')
    assertThat(harness.extractOutputValues())
        .extracting(i -> minutesOf(i.from()), i -> minutesOf(i.to()), this::bikes)
        .containsExactly(tuple(3L, 5L, 4), tuple(5L, 8L, 4), tuple(8L, 10L, 0));
  }

  @Test
  void aReportOlderThanThePublishedStateIsALateDeadLetter() throws Exception {
    report("S", 3, 4);
    harness.processWatermark(minutes(10) - 1);
    int emitted = harness.extractOutputValues().size();
    report("S", 9, 7); // the state up to 10' is out already
    assertThat(harness.getSideOutput(DeadLetters.TAG))
        .extracting(StreamRecord::getValue)
        .extracting(Rejection::reason)
        .containsExactly(RejectReason.LATE);
    harness.processWatermark(minutes(15) - 1);
    // the late report changed nothing: 4 bikes still, over [10', 15')
    assertThat(harness.extractOutputValues().subList(emitted, harness.extractOutputValues().size()))
        .extracting(i -> minutesOf(i.from()), i -> minutesOf(i.to()), this::bikes)
        .containsExactly(tuple(10L, 15L, 4));
  }

  @Test
  void aSilentStationHoldsFifteenMinutesThenItsStateIsCleared() throws Exception {
    report("S", 1, 6);
    report("T", 1, 2);
    harness.processWatermark(minutes(60));
    // [1', 5'), [5', 10'), [10', 15'), [15', 16'): 15 minutes, then nothing
    assertThat(harness.extractOutputValues())
        .filteredOn(i -> i.matched().status().stationId().equals("S"))
        .extracting(i -> minutesOf(i.from()), i -> minutesOf(i.to()))
        .containsExactly(tuple(1L, 5L), tuple(5L, 10L), tuple(10L, 15L), tuple(15L, 16L));
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void atTheEndOfTheInputTheLastReportHoldsToTheEndOfItsPane() throws Exception {
    report("S", 7, 3);
    harness.processWatermark(Long.MAX_VALUE);
    assertThat(harness.extractOutputValues())
        .extracting(i -> minutesOf(i.from()), i -> minutesOf(i.to()), this::bikes)
        .containsExactly(tuple(7L, 10L, 3));
    assertThat(harness.numKeyedStateEntries()).isZero();
  }

  private void report(String station, int minute, int bikes) throws Exception {
    Instant at = T0.plus(Duration.ofMinutes(minute));
    harness.processElement(
        new StreamRecord<>(
            new MatchedStationStatus(
                new StationStatus(station, bikes, 0, 10 - bikes, true, true, at, at, Map.of()),
                "Z"),
            at.toEpochMilli()));
  }

  private int bikes(StationInterval interval) {
    return interval.matched().status().vehiclesAvailable();
  }

  private static long minutes(int minutes) {
    return T0.plus(Duration.ofMinutes(minutes)).toEpochMilli();
  }

  private static long minutesOf(Instant instant) {
    return Duration.between(T0, instant).toMinutes();
  }
}
