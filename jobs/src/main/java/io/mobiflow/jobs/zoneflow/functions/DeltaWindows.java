package io.mobiflow.jobs.zoneflow.functions;

import java.util.Collection;
import java.util.List;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/** Assigns each {@link SourceDelta} to the one window it sums, whatever its timestamp. */
public final class DeltaWindows extends WindowAssigner<Object, TimeWindow> {

  private static final long serialVersionUID = 1L;

  @Override
  public Collection<TimeWindow> assignWindows(
      Object delta, long timestamp, WindowAssignerContext context) {
    SourceDelta sums = (SourceDelta) delta;
    return List.of(new TimeWindow(sums.windowStart(), sums.windowEnd()));
  }

  @Override
  public Trigger<Object, TimeWindow> getDefaultTrigger() {
    return new JoinTrigger(false);
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
    return "DeltaWindows";
  }
}
