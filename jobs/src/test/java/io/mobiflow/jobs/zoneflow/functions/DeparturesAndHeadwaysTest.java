package io.mobiflow.jobs.zoneflow.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.mobiflow.connectors.gtfsrt.model.MatchedStopTimeUpdate;
import io.mobiflow.connectors.gtfsrt.model.StopRelationship;
import io.mobiflow.connectors.gtfsrt.model.StopTimeUpdate;
import io.mobiflow.jobs.zoneflow.Departure;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** Realtime departures and their headways in Flink's operator test harness. */
class DeparturesAndHeadwaysTest {

  private static final Instant T0 = Instant.parse("2026-01-13T07:00:00Z");

  @Test
  void theLastPredictionBeforeTheWatermarkIsTheDeparture() throws Exception {
    try (var harness =
        new KeyedOneInputStreamOperatorTestHarness<String, MatchedStopTimeUpdate, Departure>(
            new KeyedProcessOperator<>(new DepartureFunction()),
            DepartureFunction.KEY,
            Types.STRING)) {
      harness.open();
      harness.processElement(update("T1", "R", StopRelationship.SCHEDULED, 0, 10));
      harness.processElement(update("T1", "R", StopRelationship.SCHEDULED, 1, 12)); // re-predicted
      harness.processElement(update("T2", "R", StopRelationship.SKIPPED, 1, 11)); // no departure
      harness.processWatermark(minutes(11));
      assertThat(harness.extractOutputValues()).isEmpty(); // T1 now due at 12', not 10'
      harness.processWatermark(minutes(12));
      assertThat(harness.extractOutputValues())
          .extracting(d -> d.matched().update().tripId(), d -> minutesOf(d.at()))
          .containsExactly(tuple("T1", 12L));
      // a prediction already behind the watermark is not waited for
      harness.processElement(update("T3", "R", StopRelationship.SCHEDULED, 2, 5));
      harness.processWatermark(Long.MAX_VALUE);
      assertThat(harness.extractOutputValues()).hasSize(1);
      assertThat(harness.numKeyedStateEntries()).isZero();
    }
  }

  @Test
  void headwaysAreTakenInTimeOrderPerRouteAndStop() throws Exception {
    try (var harness =
        new KeyedOneInputStreamOperatorTestHarness<String, Departure, Departure>(
            new KeyedProcessOperator<>(new HeadwayFunction()), HeadwayFunction.KEY, Types.STRING)) {
      harness.open();
      harness.processElement(departure("T2", "R", 10)); // out of order
      harness.processElement(departure("T1", "R", 4));
      harness.processElement(departure("X", null, 6)); // no route: no headway
      harness.processWatermark(minutes(10));
      harness.processElement(departure("T3", "R", 25));
      harness.processElement(departure("T4", "R", 25 + 121)); // after more than 2 h: a break
      harness.processWatermark(Long.MAX_VALUE);
      assertThat(harness.extractOutputValues())
          .extracting(d -> d.matched().update().tripId(), Departure::headwaySeconds)
          .containsExactly(
              tuple("T1", null),
              tuple("X", null),
              tuple("T2", 360),
              tuple("T3", 900),
              tuple("T4", null));
    }
  }

  private static StreamRecord<MatchedStopTimeUpdate> update(
      String trip, String route, StopRelationship relationship, int observedMinute, int atMinute) {
    Instant observed = T0.plus(Duration.ofMinutes(observedMinute));
    Instant at = T0.plus(Duration.ofMinutes(atMinute));
    return new StreamRecord<>(
        new MatchedStopTimeUpdate(
            new StopTimeUpdate(
                trip, route, "20260113", "S", 3, relationship, null, null, null, at, observed),
            "S",
            "Z"),
        observed.toEpochMilli());
  }

  private static StreamRecord<Departure> departure(String trip, String route, int minute) {
    Instant at = T0.plus(Duration.ofMinutes(minute));
    return new StreamRecord<>(
        new Departure(
            update(trip, route, StopRelationship.SCHEDULED, 0, minute).getValue(), at, null),
        at.toEpochMilli());
  }

  private static long minutes(int minutes) {
    return T0.plus(Duration.ofMinutes(minutes)).toEpochMilli();
  }

  private static long minutesOf(Instant instant) {
    return Duration.between(T0, instant).toMinutes();
  }
}
