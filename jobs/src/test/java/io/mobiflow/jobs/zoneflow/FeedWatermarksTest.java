package io.mobiflow.jobs.zoneflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.jobs.zoneflow.functions.FeedClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.java.tuple.Tuple4;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.clock.ManualClock;
import org.apache.flink.util.clock.RelativeClock;
import org.junit.jupiter.api.Test;

/**
 * The watermarks of one kind's task as the job builds them: bounded out-of-orderness per feed, and
 * a task that falls silent is marked idle after {@link ZoneFlowJob#IDLENESS} so that it does not
 * hold back the windows of the others; it becomes active again with its next event.
 */
class FeedWatermarksTest {

  private static final Instant T0 = Instant.parse("2026-01-13T07:00:00Z");
  private static final FeedClock TWO_MINUTES = new FeedClock(Duration.ofMinutes(2), Duration.ZERO);

  @Test
  void aSilentFeedIsIdleAfterTheIdlenessAndActiveAgainWithItsNextEvent() {
    ManualClock clock = new ManualClock(1_000_000_000L);
    WatermarkGenerator<Tuple4<String, Long, Long, Instant>> generator =
        ZoneFlowJob.<Instant>watermarks(at -> at, TWO_MINUTES, "counter_csv")
            .createWatermarkGenerator(context(clock));
    Recorder out = new Recorder();

    onEvent(generator, 600, out);
    generator.onPeriodicEmit(out);
    // out-of-orderness 2 min: the watermark trails the newest event by 2 min (and 1 ms)
    assertThat(out.watermarks).containsExactly(T0.plusSeconds(480).toEpochMilli() - 1);
    assertThat(out.idle).isFalse();

    // The silence is timed from the first periodic check (every 200 ms in a job) seeing no event.
    generator.onPeriodicEmit(out);
    clock.advanceTime(ZoneFlowJob.IDLENESS.minusSeconds(1));
    generator.onPeriodicEmit(out);
    assertThat(out.idle).as("not yet idle").isFalse();

    clock.advanceTime(Duration.ofSeconds(2));
    generator.onPeriodicEmit(out);
    assertThat(out.idle).as("idle after a minute without events").isTrue();

    onEvent(generator, 900, out);
    generator.onPeriodicEmit(out);
    assertThat(out.idle).as("active again").isFalse();
    assertThat(out.watermarks).last().isEqualTo(T0.plusSeconds(780).toEpochMilli() - 1);
  }

  /**
   * The watermark moves with the events, not with the wall clock's periodic emission: which events
   * come after a watermark (late ones) then depends on the events alone, in every run.
   */
  @Test
  void theWatermarkIsEmittedWithTheEventThatMovesIt() {
    WatermarkGenerator<Tuple4<String, Long, Long, Instant>> generator =
        ZoneFlowJob.<Instant>watermarks(at -> at, TWO_MINUTES, "counter_csv")
            .createWatermarkGenerator(context(new ManualClock()));
    Recorder out = new Recorder();

    onEvent(generator, 600, out);
    onEvent(generator, 300, out); // older
    onEvent(generator, 660, out);

    assertThat(out.watermarks)
        .containsExactly(
            T0.plusSeconds(480).toEpochMilli() - 1, T0.plusSeconds(540).toEpochMilli() - 1);
  }

  /** An event of the feed at {@code seconds} after T0, the source's fetch time far ahead. */
  private static void onEvent(
      WatermarkGenerator<Tuple4<String, Long, Long, Instant>> generator,
      int seconds,
      Recorder out) {
    Instant at = T0.plusSeconds(seconds);
    generator.onEvent(
        Tuple4.of("feed", Long.MAX_VALUE, FeedClock.NONE, at), at.toEpochMilli(), out);
  }

  private static WatermarkGeneratorSupplier.Context context(RelativeClock clock) {
    return new WatermarkGeneratorSupplier.Context() {
      @Override
      public MetricGroup getMetricGroup() {
        return new UnregisteredMetricsGroup();
      }

      @Override
      public RelativeClock getInputActivityClock() {
        return clock;
      }
    };
  }

  private static final class Recorder implements WatermarkOutput {
    final List<Long> watermarks = new ArrayList<>();
    boolean idle;

    @Override
    public void emitWatermark(Watermark watermark) {
      watermarks.add(watermark.getTimestamp());
      idle = false;
    }

    @Override
    public void markIdle() {
      idle = true;
    }

    @Override
    public void markActive() {
      idle = false;
    }
  }
}
