package io.mobiflow.jobs.zoneflow.functions;

import io.mobiflow.jobs.zoneflow.Metric;
import io.mobiflow.jobs.zoneflow.ZoneFlow;
import java.time.Instant;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Turns the aggregate of one zone and window into its {@link ZoneFlow}. */
public final class ZoneFlowWindowFunction
    extends ProcessWindowFunction<ZoneFlowAccumulator, ZoneFlow, String, TimeWindow> {

  private static final long serialVersionUID = 1L;

  @Override
  public void process(
      String zoneId,
      Context context,
      Iterable<ZoneFlowAccumulator> aggregates,
      Collector<ZoneFlow> out) {
    ZoneFlowAccumulator a = aggregates.iterator().next();
    out.collect(
        new ZoneFlow(
            zoneId,
            Instant.ofEpochMilli(context.window().getStart()),
            Instant.ofEpochMilli(context.window().getEnd()),
            a.count(Metric.COUNTER_READING),
            a.mean(Metric.FLOW_VEH_H),
            a.mean(Metric.OCCUPANCY_PCT),
            a.mean(Metric.SPEED_KMH),
            a.count(Metric.VEHICLE_POSITION),
            a.count(Metric.STOP_TIME_UPDATE),
            a.mean(Metric.DELAY_SECONDS),
            a.p90Delay(),
            a.onTimeShare(),
            a.count(Metric.STOP_NOT_SERVED),
            a.count(Metric.STATION_STATUS),
            a.mean(Metric.VEHICLES_AVAILABLE),
            a.mean(Metric.DOCKS_AVAILABLE),
            a.count(Metric.PICK_UP),
            a.count(Metric.DROP_OFF)));
  }
}
