package io.mobiflow.jobs.zoneflow.functions;

import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.triggers.TriggerResult;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * The trigger of the windows that join the sources' deltas: final when the watermark (the slowest
 * source's) passes the window's end, and again for each delta that comes later (within the allowed
 * lateness); with early results, also on every delta before that, as a provisional record.
 */
public final class JoinTrigger extends Trigger<Object, TimeWindow> {

  private static final long serialVersionUID = 1L;

  private final boolean provisional;

  /**
   * @param provisional whether each delta before the final firing fires a provisional record
   */
  public JoinTrigger(boolean provisional) {
    this.provisional = provisional;
  }

  @Override
  public TriggerResult onElement(
      Object element, long timestamp, TimeWindow window, TriggerContext context) {
    if (window.maxTimestamp() <= context.getCurrentWatermark()) {
      return TriggerResult.FIRE;
    }
    context.registerEventTimeTimer(window.maxTimestamp());
    return provisional ? TriggerResult.FIRE : TriggerResult.CONTINUE;
  }

  @Override
  public TriggerResult onProcessingTime(long time, TimeWindow window, TriggerContext context) {
    return TriggerResult.CONTINUE;
  }

  @Override
  public TriggerResult onEventTime(long time, TimeWindow window, TriggerContext context) {
    return time == window.maxTimestamp() ? TriggerResult.FIRE : TriggerResult.CONTINUE;
  }

  @Override
  public void clear(TimeWindow window, TriggerContext context) {
    context.deleteEventTimeTimer(window.maxTimestamp());
  }

  @Override
  public String toString() {
    return "JoinTrigger(provisional=" + provisional + ")";
  }
}
