package io.mobiflow.jobs.zoneflow.functions;

import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Hands on the sums one source's window took since it last fired, with their unit and window. */
public final class EmitDelta
    extends ProcessWindowFunction<ZoneFlowAccumulator, SourceDelta, String, TimeWindow> {

  private static final long serialVersionUID = 1L;

  @Override
  public void process(
      String key, Context context, Iterable<ZoneFlowAccumulator> sums, Collector<SourceDelta> out) {
    TimeWindow window = context.window();
    out.collect(new SourceDelta(key, window.getStart(), window.getEnd(), sums.iterator().next()));
  }
}
