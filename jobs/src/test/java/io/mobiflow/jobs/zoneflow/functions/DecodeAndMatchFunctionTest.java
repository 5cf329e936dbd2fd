package io.mobiflow.jobs.zoneflow.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.common.FeedDecoder;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.common.Rejection;
import io.mobiflow.connectors.common.SourceRef;
import io.mobiflow.connectors.counters.decode.CounterCsvDecoder;
import io.mobiflow.connectors.counters.model.CounterReading;
import io.mobiflow.connectors.counters.model.MatchedCounterReading;
import io.mobiflow.jobs.common.DeadLetters;
import io.mobiflow.jobs.common.OperatorFailures;
import io.mobiflow.jobs.testing.ReplayRun;
import io.mobiflow.jobs.zoneflow.EventTimeBounds;
import io.mobiflow.jobs.zoneflow.match.Matcher;
import io.mobiflow.jobs.zoneflow.match.Places;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.FlinkRuntimeException;
import org.junit.jupiter.api.Test;

/**
 * An exception thrown while decoding a document or matching one of its events costs that document
 * or event, as an OPERATOR_FAILURE dead letter naming the operator and the exception, not the job;
 * events too far from their document's fetch time are INVALID_VALUE.
 */
class DecodeAndMatchFunctionTest {

  private static final Instant FETCHED = Instant.parse("2026-01-13T07:05:00Z");

  /** Places every reading in zone Z, but throws on site BUG (a bug that a feed finds). */
  private static final Matcher<CounterReading, MatchedCounterReading> BUGGY =
      (reading, source, index) -> {
        if (reading.siteId().equals("BUG")) {
          throw new IllegalStateException("no index entry for BUG");
        }
        return Decoded.ok(source, new MatchedCounterReading(reading, "Z", null));
      };

  @Test
  void aMatcherThatThrowsCostsOneEventAndTheOthersGoOn() throws Exception {
    List<Rejection> deadLetters = new ArrayList<>();
    List<MatchedCounterReading> events =
        run(
            new CounterCsvDecoder(),
            """
            sensor_id,timestamp,flow_veh_h,occupancy_pct,speed_kmh
            A,2026-01-13T07:00:00Z,800,10,40
            BUG,2026-01-13T07:00:00Z,800,10,40
            B,2026-01-13T07:01:00Z,700,9,41
            """,
            deadLetters);
    assertThat(events).extracting(m -> m.reading().siteId()).containsExactly("A", "B");
    assertThat(deadLetters)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.reason()).isEqualTo(RejectReason.OPERATOR_FAILURE);
              assertThat(r.source().line()).isEqualTo(3);
              assertThat(r.detail())
                  .isEqualTo(
                      "decode-match-counters threw java.lang.IllegalStateException:"
                          + " no index entry for BUG");
            });
  }

  @Test
  void aDecoderThatThrowsCostsItsDocument() throws Exception {
    List<Rejection> deadLetters = new ArrayList<>();
    FeedDecoder<CounterReading> throwing =
        snapshot -> {
          throw new ArithmeticException("long overflow");
        };
    assertThat(run(throwing, "anything", deadLetters)).isEmpty();
    assertThat(deadLetters)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.reason()).isEqualTo(RejectReason.OPERATOR_FAILURE);
              assertThat(r.source().line()).isEqualTo(-1);
              assertThat(r.detail()).contains("java.lang.ArithmeticException: long overflow");
            });
  }

  @Test
  void eventTimesFarFromTheFetchTimeAreInvalidValues() throws Exception {
    List<Rejection> deadLetters = new ArrayList<>();
    List<MatchedCounterReading> events =
        run(
            new CounterCsvDecoder(),
            """
            sensor_id,timestamp,flow_veh_h,occupancy_pct,speed_kmh
            A,1970-01-01T00:00:00Z,800,10,40
            A,2026-01-13T07:00:00Z,800,10,40
            A,2026-01-13T08:05:01Z,800,10,40
            A,2026-01-13T08:05:00Z,800,10,40
            """,
            deadLetters);
    // one hour ahead of the fetch time is the default bound: 08:05:00 in, 08:05:01 out
    assertThat(events)
        .extracting(m -> m.reading().observedAt().toString())
        .containsExactly("2026-01-13T07:00:00Z", "2026-01-13T08:05:00Z");
    assertThat(deadLetters)
        .extracting(Rejection::reason, r -> r.source().line())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(RejectReason.INVALID_VALUE, 2L),
            org.assertj.core.groups.Tuple.tuple(RejectReason.INVALID_VALUE, 4L));
  }

  @Test
  void flinksOwnFailuresStillFailTheTask() {
    List<Rejection> deadLetters = new ArrayList<>();
    assertThatThrownBy(
            () ->
                OperatorFailures.guard(
                    "road-baseline",
                    "CNT-A",
                    deadLetters::add,
                    () -> {
                      throw new FlinkRuntimeException("state backend failed");
                    }))
        .isInstanceOf(FlinkRuntimeException.class);
    assertThat(deadLetters).isEmpty();
  }

  @Test
  void aGuardedWorkThatThrowsIsADeadLetterNamingOperatorAndKey() throws Exception {
    List<Rejection> deadLetters = new ArrayList<>();
    OperatorFailures.guard(
        "road-baseline",
        "CNT-A",
        deadLetters::add,
        () -> {
          throw new IllegalArgumentException("x".repeat(1000));
        });
    assertThat(deadLetters)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.reason()).isEqualTo(RejectReason.OPERATOR_FAILURE);
              assertThat(r.source().toString()).isEqualTo("road-baseline CNT-A");
              assertThat(r.detail())
                  .startsWith("road-baseline threw java.lang.IllegalArgumentException: xxx")
                  .hasSizeLessThan(400);
            });
  }

  @Test
  void aGuardedSnapshotNamesItsOwnSourceAndFlinksFailuresStillFailTheTask() throws Exception {
    List<Rejection> deadLetters = new ArrayList<>();
    SourceRef snapshot = SourceRef.file("free_bike_status.json", null);
    OperatorFailures.guard(
        "vehicle-changes",
        snapshot,
        deadLetters::add,
        () -> {
          throw new IllegalStateException("no vehicles");
        });
    assertThatThrownBy(
            () ->
                OperatorFailures.guard(
                    "vehicle-changes",
                    snapshot,
                    deadLetters::add,
                    () -> {
                      throw new FlinkRuntimeException("state backend failed");
                    }))
        .isInstanceOf(FlinkRuntimeException.class);
    assertThat(deadLetters)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.reason()).isEqualTo(RejectReason.OPERATOR_FAILURE);
              assertThat(r.source()).isEqualTo(snapshot);
              assertThat(r.detail())
                  .isEqualTo("vehicle-changes threw java.lang.IllegalStateException: no vehicles");
            });
  }

  private static List<MatchedCounterReading> run(
      FeedDecoder<CounterReading> decoder, String document, List<Rejection> deadLetters)
      throws Exception {
    DecodeAndMatchFunction<CounterReading, MatchedCounterReading> function =
        new DecodeAndMatchFunction<>(
            "decode-match-counters",
            Map.of(FeedKind.COUNTER_CSV, decoder),
            BUGGY,
            m -> m.reading().observedAt(),
            new EventTimeBounds(Duration.ofDays(3660), Duration.ofHours(1)),
            new FeedClock(Duration.ofMinutes(2), Duration.ZERO),
            new Places(
                List.of(ReplayRun.box("Z", 45.1, 0.6, 45.3, 0.8)),
                List.of(),
                List.of(),
                List.of()));
    try (var harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(function), FeedSnapshot::feedId, Types.STRING)) {
      harness.open();
      harness.processElement(
          new FeedSnapshot(
              "counters",
              FeedKind.COUNTER_CSV,
              FETCHED,
              SourceRef.file("counters", "c.csv"),
              document.getBytes(StandardCharsets.UTF_8)),
          FETCHED.toEpochMilli());
      var side = harness.getSideOutput(DeadLetters.TAG);
      if (side != null) {
        side.stream().map(StreamRecord::getValue).forEach(deadLetters::add);
      }
      return harness.extractOutputValues().stream().map(event -> event.f3).toList();
    }
  }
}
