package io.mobiflow.jobs.zoneflow.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.java.tuple.Tuple4;
import org.junit.jupiter.api.Test;

/**
 * A task's watermark from the bounds of its feeds: the lowest bound of the feeds not idle, never
 * above the source's fetch-time bound of the feeds not seen yet, so that no event a feed's clock
 * lets through is behind it.
 */
class PerFeedWatermarksTest {

  private static final Instant T0 = Instant.parse("2026-01-13T07:00:00Z");
  private static final FeedClock CLOCK = new FeedClock(Duration.ofMinutes(2), Duration.ZERO);
  private static final Duration FEED_IDLENESS = Duration.ofMinutes(30);
  private static final long FAR_AHEAD = Long.MAX_VALUE;

  private final PerFeedWatermarks<String> generator = new PerFeedWatermarks<>(CLOCK, FEED_IDLENESS);
  private final Recorder out = new Recorder();

  @Test
  void theFeedFurthestBehindHoldsTheWatermark() {
    event("b", 300, FAR_AHEAD);
    event("a", 600, FAR_AHEAD); // 5 min ahead of b
    event("a", 900, FAR_AHEAD);
    event("b", 700, FAR_AHEAD);
    // out-of-orderness 2 min: the watermark trails b, the feed behind, by 2 min and 1 ms
    assertThat(out.watermarks).containsExactly(ms(180) - 1, ms(580) - 1);
  }

  @Test
  void aFeedMoreThanTheFeedIdlenessBehindNoLongerHoldsItBack() {
    event("a", 0, FAR_AHEAD);
    event("b", 0, FAR_AHEAD);
    event("a", 30 * 60, FAR_AHEAD); // b exactly 30 min behind: still holds
    assertThat(out.watermarks).containsExactly(ms(-120) - 1);
    event("a", 30 * 60 + 1, FAR_AHEAD); // b now idle: a alone
    assertThat(out.watermarks).last().isEqualTo(ms(30 * 60 + 1 - 120) - 1);
    event("b", 60, FAR_AHEAD); // b resumes behind: the watermark never goes back
    assertThat(out.watermarks).hasSize(2);
  }

  @Test
  void theSourcesFetchTimeBoundsTheFeedsNotSeenYet() {
    event("a", 600, ms(300)); // every partition fetched up to 07:05
    assertThat(out.watermarks).containsExactly(ms(180) - 1);
    event("a", 660, ms(420));
    assertThat(out.watermarks).last().isEqualTo(ms(300) - 1);
    event("a", 700, Long.MIN_VALUE); // an older source watermark changes nothing
    assertThat(out.watermarks).last().isEqualTo(ms(300) - 1);
  }

  @Test
  void beforeTheSourceHasAWatermarkNoneIsEmitted() {
    event("a", 600, Long.MIN_VALUE);
    assertThat(out.watermarks).isEmpty();
  }

  /**
   * Four feeds at random, each in its own order (out of order within a feed, one far behind, one
   * stopping midway), the source's watermark rising at random: every watermark emitted is at or
   * below the bound of each feed not idle at that moment and below the source's bound, and rises.
   */
  @Test
  void theWatermarkIsNeverAboveTheBoundOfAFeedThatIsNotIdle() {
    SplittableRandom random = new SplittableRandom(37);
    for (int run = 0; run < 50; run++) {
      PerFeedWatermarks<String> generator = new PerFeedWatermarks<>(CLOCK, FEED_IDLENESS);
      Recorder out = new Recorder();
      Map<String, Long> newest = new HashMap<>();
      long sourceWatermark = Long.MIN_VALUE;
      int[] progress = new int[4];
      int[] starts = {0, 0, -50 * 60, 10 * 60};
      int[] lengths = {200, 200, 200, 60};
      for (int step = 0; step < 500; step++) {
        int feed = random.nextInt(4);
        if (progress[feed] >= lengths[feed]) {
          continue;
        }
        long at = ms(starts[feed] + 30L * progress[feed]++ - random.nextInt(4) * 60L);
        sourceWatermark = Math.max(sourceWatermark, ms(30L * step - 3600));
        newest.merge("f" + feed, at, Math::max);
        int before = out.watermarks.size();
        generator.onEvent(Tuple4.of("f" + feed, sourceWatermark, FeedClock.NONE, "event"), at, out);
        if (out.watermarks.size() > before) {
          long watermark = out.watermarks.get(out.watermarks.size() - 1);
          long newestOfAll =
              newest.values().stream().mapToLong(Long::longValue).max().orElseThrow();
          for (long feedNewest : newest.values()) {
            if (feedNewest >= newestOfAll - FEED_IDLENESS.toMillis()) {
              assertThat(watermark).isLessThanOrEqualTo(feedNewest - 120_001);
            }
          }
          assertThat(watermark).isLessThanOrEqualTo(sourceWatermark - 120_001);
        }
      }
      assertThat(out.watermarks).isSorted().doesNotHaveDuplicates().isNotEmpty();
    }
  }

  private void event(String feed, long seconds, long sourceWatermark) {
    generator.onEvent(Tuple4.of(feed, sourceWatermark, FeedClock.NONE, "event"), ms(seconds), out);
  }

  private static long ms(long seconds) {
    return T0.plusSeconds(seconds).toEpochMilli();
  }

  private static final class Recorder implements WatermarkOutput {
    final List<Long> watermarks = new ArrayList<>();

    @Override
    public void emitWatermark(Watermark watermark) {
      watermarks.add(watermark.getTimestamp());
    }

    @Override
    public void markIdle() {}

    @Override
    public void markActive() {}
  }
}
