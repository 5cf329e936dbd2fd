package io.mobiflow.jobs.zoneflow.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.mobiflow.connectors.gtfsrt.model.MatchedStopTimeUpdate;
import io.mobiflow.connectors.gtfsrt.model.StopRelationship;
import io.mobiflow.connectors.gtfsrt.model.StopTimeUpdate;
import io.mobiflow.jobs.zoneflow.Departure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple4;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** Realtime departures and their headways in Flink's operator test harness. */
class DeparturesAndHeadwaysTest {

  private static final Instant T0 = Instant.parse("2026-01-13T07:00:00Z");
  private static final long NONE = FeedClock.NONE;

  @Test
  void theLastPredictionBeforeTheWatermarkIsTheDeparture() throws Exception {
    try (var harness = departures()) {
      harness.open();
      harness.processElement(update("T1", "R", StopRelationship.SCHEDULED, 0, 10, NONE));
      harness.processElement(update("T1", "R", StopRelationship.SCHEDULED, 1, 12, NONE));
      harness.processElement(update("T2", "R", StopRelationship.SKIPPED, 1, 11, NONE)); // none
      harness.processWatermark(minutes(11));
      assertThat(harness.extractOutputValues()).isEmpty(); // T1 now due at 12', not 10'
      harness.processWatermark(minutes(12));
      assertThat(harness.extractOutputValues())
          .extracting(d -> d.matched().update().tripId(), d -> minutesOf(d.at()))
          .containsExactly(tuple("T1", 12L));
      // a prediction already behind its feed's watermark is not waited for
      harness.processElement(update("T3", "R", StopRelationship.SCHEDULED, 14, 5, minutes(12)));
      harness.processWatermark(Long.MAX_VALUE);
      assertThat(harness.extractOutputValues()).hasSize(1);
      assertThat(harness.numKeyedStateEntries()).isZero();
    }
  }

  /**
   * The operator's watermark merges the tasks of several feeds and comes between the updates at
   * moments that vary from run to run; the feed's watermark each update carries decides: a
   * prediction the feed's time has passed is the departure, whether or not the operator's watermark
   * got there first.
   */
  @Test
  void theFeedsWatermarkDecidesWhereverTheOperatorsWatermarkArrives() throws Exception {
    List<Departure> watermarkFirst;
    List<Departure> updateFirst;
    try (var harness = departures()) {
      harness.open();
      harness.processElement(update("T1", "R", StopRelationship.SCHEDULED, 0, 10, NONE));
      harness.processWatermark(minutes(10)); // this run: the watermark passes 10' first
      harness.processElement(update("T1", "R", StopRelationship.SCHEDULED, 13, 14, minutes(10)));
      harness.processWatermark(Long.MAX_VALUE);
      watermarkFirst = harness.extractOutputValues();
    }
    try (var harness = departures()) {
      harness.open();
      harness.processElement(update("T1", "R", StopRelationship.SCHEDULED, 0, 10, NONE));
      // that run: the next update first, its feed already at 10'
      harness.processElement(update("T1", "R", StopRelationship.SCHEDULED, 13, 14, minutes(10)));
      harness.processWatermark(Long.MAX_VALUE);
      updateFirst = harness.extractOutputValues();
    }
    assertThat(updateFirst)
        .extracting(d -> minutesOf(d.matched().update().observedAt()), d -> minutesOf(d.at()))
        .containsExactly(tuple(0L, 10L), tuple(13L, 14L));
    assertThat(updateFirst).isEqualTo(watermarkFirst);
  }

  @Test
  void headwaysAreTakenInTimeOrderPerRouteAndStop() throws Exception {
    try (var harness = headways()) {
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

  @Test
  void theLastDepartureExpiresInEventTimeNotInProcessingTime() throws Exception {
    long ttl = HeadwayFunction.STATE_TTL.toMillis();
    try (var harness = headways()) {
      harness.setStateTtlProcessingTime(0);
      harness.setProcessingTime(0);
      harness.processElement(departure("T1", "R", 0));
      harness.processWatermark(minutes(0));
      // a day of processing time later (a slow backfill, a restore): the next departure an hour
      // after it has its headway
      harness.setStateTtlProcessingTime(Duration.ofDays(1).toMillis());
      harness.setProcessingTime(Duration.ofDays(1).toMillis());
      harness.processElement(departure("T2", "R", 60));
      harness.processWatermark(minutes(60));
      assertThat(harness.extractOutputValues())
          .extracting(Departure::headwaySeconds)
          .containsExactly(null, 3600);
      harness.processWatermark(minutes(60) + ttl - 1);
      assertThat(harness.numKeyedStateEntries()).as("the last departure").isEqualTo(1);
      harness.processWatermark(minutes(60) + ttl);
      assertThat(harness.numKeyedStateEntries()).as("expired, cleared").isZero();
    }
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, Departure, Departure> headways()
      throws Exception {
    var harness =
        new KeyedOneInputStreamOperatorTestHarness<String, Departure, Departure>(
            new KeyedProcessOperator<>(new HeadwayFunction()), HeadwayFunction.KEY, Types.STRING);
    harness.open();
    return harness;
  }

  private static KeyedOneInputStreamOperatorTestHarness<
          String, Tuple4<String, Long, Long, MatchedStopTimeUpdate>, Departure>
      departures() throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new DepartureFunction()),
        update -> DepartureFunction.KEY.getKey(update.f3),
        Types.STRING);
  }

  /** An update observed at a minute, predicting a minute, its feed's watermark then. */
  private static StreamRecord<Tuple4<String, Long, Long, MatchedStopTimeUpdate>> update(
      String trip,
      String route,
      StopRelationship relationship,
      int observedMinute,
      int atMinute,
      long feedWatermark) {
    MatchedStopTimeUpdate update = matched(trip, route, relationship, observedMinute, atMinute);
    return new StreamRecord<>(
        Tuple4.of("feed", Long.MIN_VALUE, feedWatermark, update),
        update.update().observedAt().toEpochMilli());
  }

  private static MatchedStopTimeUpdate matched(
      String trip, String route, StopRelationship relationship, int observedMinute, int atMinute) {
    Instant observed = T0.plus(Duration.ofMinutes(observedMinute));
    Instant at = T0.plus(Duration.ofMinutes(atMinute));
    return new MatchedStopTimeUpdate(
        new StopTimeUpdate(
            trip, route, "20260113", "S", 3, relationship, null, null, null, at, observed),
        "S",
        "Z");
  }

  private static StreamRecord<Departure> departure(String trip, String route, int minute) {
    Instant at = T0.plus(Duration.ofMinutes(minute));
    return new StreamRecord<>(
        new Departure(matched(trip, route, StopRelationship.SCHEDULED, 0, minute), at, null),
        at.toEpochMilli());
  }

  private static long minutes(int minutes) {
    return T0.plus(Duration.ofMinutes(minutes)).toEpochMilli();
  }

  private static long minutesOf(Instant instant) {
    return Duration.between(T0, instant).toMinutes();
  }
}
