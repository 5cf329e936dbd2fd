package io.mobiflow.jobs.zoneflow.functions;

import java.time.Duration;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.triggers.TriggerResult;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * The trigger of one source's windows: each firing hands on what came since the previous one (a
 * {@link SourceDelta}) and purges it, when the source's own watermark passes the window's end, and
 * early, on wall-clock timers aligned on multiples of {@code flushEvery}, for windows that took
 * samples since. A sample later than the watermark (within the allowed lateness) is handed on at
 * once.
 *
 * <p>The early timers also bound how long a sample can wait in a source that falls silent: a silent
 * source stops holding back the others' watermark after the job's idleness, later than its last
 * flush.
 */
public final class SourceTrigger extends Trigger<Object, TimeWindow> {

  private static final long serialVersionUID = 1L;

  /** The wall-clock time of the window's next early firing, when one is set. */
  private static final ValueStateDescriptor<Long> EARLY_TIMER =
      new ValueStateDescriptor<>("early-timer", Types.LONG);

  private final long flushEveryMs;

  /**
   * @throws IllegalArgumentException unless {@code flushEvery} is positive
   */
  public SourceTrigger(Duration flushEvery) {
    if (flushEvery.isZero() || flushEvery.isNegative()) {
      throw new IllegalArgumentException("a source's windows flush every " + flushEvery);
    }
    this.flushEveryMs = flushEvery.toMillis();
  }

  @Override
  public TriggerResult onElement(
      Object element, long timestamp, TimeWindow window, TriggerContext context) throws Exception {
    if (window.maxTimestamp() <= context.getCurrentWatermark()) {
      return TriggerResult.FIRE_AND_PURGE;
    }
    context.registerEventTimeTimer(window.maxTimestamp());
    ValueState<Long> early = context.getPartitionedState(EARLY_TIMER);
    if (early.value() == null) {
      long now = context.getCurrentProcessingTime();
      long at = now - Math.floorMod(now, flushEveryMs) + flushEveryMs;
      context.registerProcessingTimeTimer(at);
      early.update(at);
    }
    return TriggerResult.CONTINUE;
  }

  @Override
  public TriggerResult onProcessingTime(long time, TimeWindow window, TriggerContext context) {
    context.getPartitionedState(EARLY_TIMER).clear();
    return TriggerResult.FIRE_AND_PURGE;
  }

  @Override
  public TriggerResult onEventTime(long time, TimeWindow window, TriggerContext context) {
    return time == window.maxTimestamp() ? TriggerResult.FIRE_AND_PURGE : TriggerResult.CONTINUE;
  }

  @Override
  public void clear(TimeWindow window, TriggerContext context) throws Exception {
    context.deleteEventTimeTimer(window.maxTimestamp());
    ValueState<Long> early = context.getPartitionedState(EARLY_TIMER);
    Long at = early.value();
    if (at != null) {
      context.deleteProcessingTimeTimer(at);
      early.clear();
    }
  }

  @Override
  public String toString() {
    return "SourceTrigger(" + flushEveryMs + " ms)";
  }
}
