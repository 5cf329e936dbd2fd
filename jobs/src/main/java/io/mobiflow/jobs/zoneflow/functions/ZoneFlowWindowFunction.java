package io.mobiflow.jobs.zoneflow.functions;

import io.mobiflow.jobs.zoneflow.Congestion;
import io.mobiflow.jobs.zoneflow.Metric;
import io.mobiflow.jobs.zoneflow.SpatialUnit;
import io.mobiflow.jobs.zoneflow.ZoneFlow;
import java.time.Instant;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Turns the aggregate of one unit and window into its {@link ZoneFlow}. */
public final class ZoneFlowWindowFunction
    extends ProcessWindowFunction<ZoneFlowAccumulator, ZoneFlow, String, TimeWindow> {

  private static final long serialVersionUID = 1L;

  @Override
  public void process(
      String key,
      Context context,
      Iterable<ZoneFlowAccumulator> aggregates,
      Collector<ZoneFlow> out) {
    ZoneFlowAccumulator a = aggregates.iterator().next();
    long stationCounts =
        a.count(Metric.STATION_STATUS)
            + a.count(Metric.STATION_INTERVAL)
            + a.count(Metric.PICK_UP)
            + a.count(Metric.DROP_OFF);
    Double meanOccupancy = a.mean(Metric.OCCUPANCY_PCT);
    Double speedIndex = a.speedIndex();
    out.collect(
        new ZoneFlow(
            SpatialUnit.ofKey(key),
            SpatialUnit.idOfKey(key),
            Instant.ofEpochMilli(context.window().getStart()),
            Instant.ofEpochMilli(context.window().getEnd()),
            a.count(Metric.COUNTER_READING) > 0,
            a.count(Metric.COUNTER_READING),
            a.mean(Metric.FLOW_VEH_H),
            meanOccupancy,
            a.meanSpeed(),
            a.mean(Metric.FREE_FLOW_KMH),
            speedIndex,
            Congestion.level(meanOccupancy, speedIndex),
            a.count(Metric.VEHICLE_POSITION) + a.count(Metric.STOP_TIME_UPDATE) > 0,
            a.count(Metric.VEHICLE_POSITION),
            a.mean(Metric.CROWDED),
            a.count(Metric.STOP_TIME_UPDATE),
            a.mean(Metric.DELAY_SECONDS),
            a.p90Delay(),
            a.onTimeShare(),
            a.count(Metric.STOP_NOT_SERVED),
            stationCounts > 0,
            a.count(Metric.STATION_STATUS),
            a.overStationSpan(Metric.VEHICLE_SECONDS),
            a.minVehicles(),
            a.overStationSpan(Metric.DOCK_SECONDS),
            a.stationMinutes(Metric.EMPTY_SECONDS),
            a.stationMinutes(Metric.FULL_SECONDS),
            a.mean(Metric.VEHICLES_DISABLED),
            a.count(Metric.PICK_UP),
            a.count(Metric.DROP_OFF)));
  }
}
