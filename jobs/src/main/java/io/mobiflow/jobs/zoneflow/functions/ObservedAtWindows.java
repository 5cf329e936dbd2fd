package io.mobiflow.jobs.zoneflow.functions;

import io.mobiflow.jobs.zoneflow.ZoneSample;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.triggers.EventTimeTrigger;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * Event-time windows, tumbling ({@code slide == length}) or sliding, assigned by the sample's own
 * {@link ZoneSample#observedAt()} rather than the record's timestamp. The two are the same for
 * observations; a station interval, emitted when the station's next report (or the end of a pane)
 * arrives, is a record of that later time about an earlier one, and belongs to the window of its
 * start. Windows fire, and are late, by the watermark as usual.
 */
public final class ObservedAtWindows extends WindowAssigner<Object, TimeWindow> {

  private static final long serialVersionUID = 1L;

  private final long length;
  private final long slide;

  private ObservedAtWindows(long length, long slide) {
    this.length = length;
    this.slide = slide;
  }

  /**
   * Windows of {@code length} starting every {@code slide}, aligned on the epoch.
   *
   * @throws IllegalArgumentException unless 0 < slide ≤ length and slide divides length
   */
  public static ObservedAtWindows of(Duration length, Duration slide) {
    long lengthMs = length.toMillis();
    long slideMs = slide.toMillis();
    if (slideMs <= 0 || slideMs > lengthMs || lengthMs % slideMs != 0) {
      throw new IllegalArgumentException(
          "a window of " + length + " cannot slide by " + slide + " (a divisor of it is needed)");
    }
    return new ObservedAtWindows(lengthMs, slideMs);
  }

  /** The step at which windows start: every window is a whole number of panes of this length. */
  public Duration pane() {
    return Duration.ofMillis(slide);
  }

  @Override
  public Collection<TimeWindow> assignWindows(
      Object sample, long timestamp, WindowAssignerContext context) {
    long time = ((ZoneSample) sample).observedAt().toEpochMilli();
    long lastStart = TimeWindow.getWindowStartWithOffset(time, 0, slide);
    if (slide == length) {
      return List.of(new TimeWindow(lastStart, lastStart + length));
    }
    List<TimeWindow> windows = new ArrayList<>((int) (length / slide));
    for (long start = lastStart; start > time - length; start -= slide) {
      windows.add(new TimeWindow(start, start + length));
    }
    return windows;
  }

  @Override
  public Trigger<Object, TimeWindow> getDefaultTrigger() {
    return EventTimeTrigger.create();
  }

  @Override
  public TypeSerializer<TimeWindow> getWindowSerializer(ExecutionConfig config) {
    return new TimeWindow.Serializer();
  }

  @Override
  public boolean isEventTime() {
    return true;
  }

  @Override
  public String toString() {
    return "ObservedAtWindows(" + length + ", " + slide + ")";
  }
}
