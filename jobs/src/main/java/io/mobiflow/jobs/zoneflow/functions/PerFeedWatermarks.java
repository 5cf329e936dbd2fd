package io.mobiflow.jobs.zoneflow.functions;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.java.tuple.Tuple4;

/**
 * Watermarks of one task from the event time of each feed it reads ({@link FeedClock}): the lowest
 * bound of its feeds, so that no event a feed's clock lets through is ever behind the task's
 * watermark, however the task's feeds interleave. Emitted with the events, not every 200 ms of wall
 * time as Flink's own generators do: they depend on the events, not on the machine's speed.
 *
 * <p>Events come as {@code (feed id, source watermark, feed's watermark, event)} ({@link
 * DecodeAndMatchFunction}):
 *
 * <ul>
 *   <li>a feed whose newest event is more than {@code feedIdleness} behind the newest of the task
 *       no longer holds the watermark back (a feed that stopped, or a stale archive); if it resumes
 *       behind the watermark, the gate downstream makes its events LATE dead letters;
 *   <li>a feed not seen yet cannot hold the watermark back by its clock; the watermark of the
 *       source (the fetch time every partition has reached) bounds it instead: a feed first seen
 *       later gives events after that fetch time less the out-of-orderness, as live feeds do.
 * </ul>
 *
 * <p>A task that reads no feed emits nothing: the strategy's idleness lets the others on.
 *
 * @param <M> the event
 */
public final class PerFeedWatermarks<M>
    implements WatermarkGenerator<Tuple4<String, Long, Long, M>> {

  private final FeedClock clock;
  private final long feedIdleMillis;
  private final Map<String, Long> newest = new HashMap<>();
  private long newestOfAll = FeedClock.NONE;
  private long sourceWatermark = FeedClock.NONE;
  private volatile long emitted = FeedClock.NONE;

  /**
   * @param clock the feeds' lateness rule
   * @param feedIdleness how far behind the task's newest event a feed stops holding its watermark
   */
  public PerFeedWatermarks(FeedClock clock, Duration feedIdleness) {
    this.clock = clock;
    this.feedIdleMillis = feedIdleness.toMillis();
  }

  @Override
  public void onEvent(Tuple4<String, Long, Long, M> event, long timestamp, WatermarkOutput output) {
    newest.merge(event.f0, timestamp, Math::max);
    newestOfAll = Math.max(newestOfAll, timestamp);
    sourceWatermark = Math.max(sourceWatermark, event.f1);
    long watermark = watermark();
    if (watermark > emitted) {
      emitted = watermark;
      output.emitWatermark(new Watermark(watermark));
    }
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {}

  /**
   * Wall-clock seconds from the watermark last emitted to now, {@code NaN} before the first (read
   * by the metric reporter's thread).
   */
  public double lagSeconds() {
    long watermark = emitted;
    return watermark == FeedClock.NONE
        ? Double.NaN
        : (System.currentTimeMillis() - watermark) / 1000.0;
  }

  /** The lowest bound of the feeds not idle, and of the feeds not seen yet. */
  long watermark() {
    long watermark = clock.bound(sourceWatermark);
    for (long feedNewest : newest.values()) {
      if (feedNewest >= newestOfAll - feedIdleMillis) {
        watermark = Math.min(watermark, clock.bound(feedNewest));
      }
    }
    return watermark;
  }
}
