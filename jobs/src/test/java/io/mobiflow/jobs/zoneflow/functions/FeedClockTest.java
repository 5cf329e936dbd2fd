package io.mobiflow.jobs.zoneflow.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.common.Rejection;
import io.mobiflow.connectors.common.SourceRef;
import io.mobiflow.connectors.counters.decode.CounterCsvDecoder;
import io.mobiflow.connectors.counters.model.MatchedCounterReading;
import io.mobiflow.jobs.common.DeadLetters;
import io.mobiflow.jobs.testing.ReplayRun;
import io.mobiflow.jobs.zoneflow.EventTimeBounds;
import io.mobiflow.jobs.zoneflow.match.Places;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * Event time per feed: an event is late only for its own feed (more than the out-of-orderness and
 * the allowed lateness behind the feed's newest), so which events are late does not depend on how
 * the feeds interleave, nor on which task reads which feed.
 */
class FeedClockTest {

  private static final Instant T0 = Instant.parse("2026-01-13T07:00:00Z");
  private static final FeedClock CLOCK =
      new FeedClock(Duration.ofMinutes(2), Duration.ofMinutes(1));

  @Test
  void anEventIsLateAtThreeMinutesBehindItsFeedsNewestAndNotAMillisecondLater() {
    long newest = T0.toEpochMilli();
    long bound = T0.minusSeconds(180).toEpochMilli() - 1; // 2 min + 1 min, and 1 ms
    assertThat(CLOCK.bound(newest)).isEqualTo(bound);
    assertThat(CLOCK.isLate(bound, newest)).isTrue();
    assertThat(CLOCK.isLate(bound + 1, newest)).isFalse();
    assertThat(CLOCK.isLate(newest + 60_000, newest)).isFalse();
  }

  @Test
  void beforeItsFirstEventNothingIsLateForAFeed() {
    assertThat(CLOCK.bound(FeedClock.NONE)).isEqualTo(FeedClock.NONE);
    assertThat(CLOCK.isLate(T0.minus(Duration.ofDays(3000)).toEpochMilli(), FeedClock.NONE))
        .isFalse();
  }

  /**
   * Three feeds, each with events out of order (some more than 3 minutes), one feed 40 minutes
   * behind the others; fed to the keyed operator one reading per document in 30 random
   * interleavings (the feeds' own orders kept): the LATE set is always the one a plain loop over
   * each feed alone finds, and a feed far behind the others loses nothing for it.
   */
  @Test
  void anyInterleavingOfTheFeedsGivesTheSameLateEvents() throws Exception {
    SplittableRandom random = new SplittableRandom(16);
    Map<String, List<Long>> feeds =
        Map.of(
            "north", times(random, 0, 60),
            "south", times(random, 0, 60),
            "behind", times(random, -40 * 60, 60));
    Set<String> expected = new HashSet<>();
    feeds.forEach(
        (feed, times) -> {
          for (int i = 0; i < times.size(); i++) {
            for (int j = 0; j < i; j++) {
              if (times.get(j) - times.get(i) >= 180_001) {
                expected.add(feed + "/" + i);
                break;
              }
            }
          }
        });
    assertThat(expected).as("the feeds have late events").hasSizeGreaterThan(5);

    for (int run = 0; run < 30; run++) {
      assertThat(lateEvents(interleave(feeds, random)))
          .as("interleaving %d", run)
          .isEqualTo(expected);
    }
  }

  /**
   * Times (epoch ms) of {@code n} readings a minute apart from T0 + {@code startSeconds}, some
   * moved back.
   */
  private static List<Long> times(SplittableRandom random, int startSeconds, int n) {
    List<Long> times = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long at = T0.plusSeconds(startSeconds + 60L * i).toEpochMilli();
      if (random.nextInt(6) == 0) {
        at -= random.nextLong(6 * 60_000); // up to 6 minutes back
      }
      times.add(at);
    }
    return times;
  }

  /** The documents of all feeds, each feed's in its order, the feeds merged at random. */
  private static List<FeedSnapshot> interleave(
      Map<String, List<Long>> feeds, SplittableRandom random) {
    List<String> pending = new ArrayList<>();
    feeds.forEach((feed, times) -> times.forEach(t -> pending.add(feed)));
    List<FeedSnapshot> merged = new ArrayList<>();
    Map<String, Integer> next = new HashMap<>();
    while (!pending.isEmpty()) {
      String feed = pending.remove(random.nextInt(pending.size()));
      int i = next.merge(feed, 1, Integer::sum) - 1;
      long at = feeds.get(feed).get(i);
      String csv =
          "sensor_id,timestamp,flow_veh_h,occupancy_pct,speed_kmh\n"
              + feed
              + ","
              + Instant.ofEpochMilli(at)
              + ",800,10,40\n";
      merged.add(
          new FeedSnapshot(
              feed,
              FeedKind.COUNTER_CSV,
              T0.plusSeconds(3600),
              SourceRef.file(feed, feed + "/" + i),
              csv.getBytes(StandardCharsets.UTF_8)));
    }
    return merged;
  }

  /** The documents (feed/index) whose reading the operator made a LATE dead letter. */
  private static Set<String> lateEvents(List<FeedSnapshot> snapshots) throws Exception {
    DecodeAndMatchFunction<?, MatchedCounterReading> function =
        new DecodeAndMatchFunction<>(
            "decode-match-counters",
            Map.of(FeedKind.COUNTER_CSV, new CounterCsvDecoder()),
            (reading, source, index) ->
                Decoded.ok(source, new MatchedCounterReading(reading, "Z", null)),
            m -> m.reading().observedAt(),
            EventTimeBounds.DEFAULT,
            CLOCK,
            new Places(
                List.of(ReplayRun.box("Z", 45.1, 0.6, 45.3, 0.8)),
                List.of(),
                List.of(),
                List.of()));
    try (var harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(function), FeedSnapshot::feedId, Types.STRING)) {
      harness.open();
      for (FeedSnapshot snapshot : snapshots) {
        harness.processElement(snapshot, snapshot.fetchedAt().toEpochMilli());
      }
      var side = harness.getSideOutput(DeadLetters.TAG);
      List<Rejection> deadLetters =
          side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
      assertThat(deadLetters).extracting(Rejection::reason).containsOnly(RejectReason.LATE);
      assertThat(harness.extractOutputValues().size() + deadLetters.size())
          .isEqualTo(snapshots.size());
      Set<String> late = new HashSet<>();
      deadLetters.forEach(r -> late.add(r.source().file()));
      return late;
    }
  }

  /**
   * A clock keeping repeats passes late events on while their gate still remembers the times it let
   * through, and rejects them itself beyond; the gate's rule, from the feed's watermark, agrees
   * with the clock's.
   */
  @Test
  void keepingRepeatsTheClockRejectsOnlyWhatTheGateNoLongerRemembers() {
    FeedClock plain = new FeedClock(Duration.ofMinutes(2), Duration.ofMinutes(1));
    FeedClock keeping = plain.keepingRepeats(Duration.ofHours(1));
    long ten = Instant.parse("2026-01-13T10:00:00Z").toEpochMilli();
    long minute = 60_000;
    for (long at = ten - 3 * 60 * minute; at <= ten + minute; at += 500) {
      assertThat(plain.rejectsHere(at, ten)).isEqualTo(plain.isLate(at, ten));
      // 10:00 less 2 min, 1 ms and the hour the gate remembers
      assertThat(keeping.rejectsHere(at, ten)).isEqualTo(at <= ten - 62 * minute - 1);
      assertThat(keeping.isLateFor(at, keeping.watermark(ten))).isEqualTo(plain.isLate(at, ten));
    }
    assertThat(keeping.rejectsHere(ten - 5 * 60 * minute, FeedClock.NONE)).isFalse();
    assertThat(keeping.isLateFor(ten - 5 * 60 * minute, FeedClock.NONE)).isFalse();
  }
}
