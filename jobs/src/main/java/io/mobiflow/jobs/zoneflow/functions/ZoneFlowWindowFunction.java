package io.mobiflow.jobs.zoneflow.functions;

import io.mobiflow.jobs.zoneflow.Congestion;
import io.mobiflow.jobs.zoneflow.Metric;
import io.mobiflow.jobs.zoneflow.PrivacySettings;
import io.mobiflow.jobs.zoneflow.SpatialUnit;
import io.mobiflow.jobs.zoneflow.ZoneFlow;
import io.mobiflow.jobs.zoneflow.match.Places;
import io.mobiflow.jobs.zoneflow.match.SharedTimetables;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Turns the aggregate of one unit and window into its {@link ZoneFlow}, with the counts that can
 * single out a trip (pick-ups, drop-offs) published as {@link PrivacySettings} allow: suppressed
 * ({@code null} and flagged) below k, and in H3 cells finer than the coarsest resolution allowed. A
 * unit and window whose only observations are suppressed trip ends gives no record: that a record
 * exists would say that someone's trip began or ended there then.
 */
public final class ZoneFlowWindowFunction
    extends ProcessWindowFunction<ZoneFlowAccumulator, ZoneFlow, String, TimeWindow> {

  private static final long serialVersionUID = 1L;

  private final String timetable; // a String: Flink's closure cleaner cannot look into a Path
  private final Places places;
  private final PrivacySettings privacy;
  private final int h3Resolution;

  private transient ScheduledDepartures scheduled;

  /**
   * @param timetable the GTFS feed whose scheduled departures are counted, or null
   * @param places the stops' zones
   * @param privacy what may be published of trip counts
   * @param h3Resolution the resolution of the H3 unit's cells
   */
  public ZoneFlowWindowFunction(
      Path timetable, Places places, PrivacySettings privacy, int h3Resolution) {
    this.timetable = timetable == null ? null : timetable.toString();
    this.places = places;
    this.privacy = privacy;
    this.h3Resolution = h3Resolution;
  }

  @Override
  public void open(OpenContext openContext) {
    if (timetable != null) {
      scheduled = new ScheduledDepartures(SharedTimetables.of(timetable), places);
    }
  }

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
    SpatialUnit unit = SpatialUnit.ofKey(key);
    String id = SpatialUnit.idOfKey(key);
    Instant start = Instant.ofEpochMilli(context.window().getStart());
    Instant end = Instant.ofEpochMilli(context.window().getEnd());
    boolean tripCounts = privacy.tripCountsIn(unit, h3Resolution);
    Long pickUps = tripCounts ? privacy.tripCount(a.count(Metric.PICK_UP)) : null;
    Long dropOffs = tripCounts ? privacy.tripCount(a.count(Metric.DROP_OFF)) : null;
    ZoneFlow flow =
        new ZoneFlow(
            unit,
            id,
            start,
            end,
            a.count(Metric.COUNTER_READING) > 0,
            a.count(Metric.COUNTER_READING),
            a.mean(Metric.FLOW_VEH_H),
            meanOccupancy,
            a.meanSpeed(),
            a.mean(Metric.FREE_FLOW_KMH),
            speedIndex,
            Congestion.level(meanOccupancy, speedIndex),
            a.count(Metric.VEHICLE_POSITION)
                    + a.count(Metric.STOP_TIME_UPDATE)
                    + a.count(Metric.DEPARTURE)
                > 0,
            a.count(Metric.VEHICLE_POSITION),
            a.mean(Metric.CROWDED),
            a.count(Metric.STOP_TIME_UPDATE),
            a.mean(Metric.DELAY_SECONDS),
            a.p90Delay(),
            a.onTimeShare(),
            a.count(Metric.STOP_NOT_SERVED),
            scheduled == null ? null : scheduled.count(unit, id, start, end),
            a.count(Metric.DEPARTURE),
            a.mean(Metric.HEADWAY_SECONDS),
            a.headwayCv(),
            stationCounts > 0,
            a.count(Metric.STATION_STATUS),
            a.overStationSpan(Metric.VEHICLE_SECONDS),
            a.minVehicles(),
            a.overStationSpan(Metric.DOCK_SECONDS),
            a.stationMinutes(Metric.EMPTY_SECONDS),
            a.stationMinutes(Metric.FULL_SECONDS),
            a.mean(Metric.VEHICLES_DISABLED),
            pickUps,
            pickUps == null,
            dropOffs,
            dropOffs == null);
    if (flow.observations() > 0 || a.count(Metric.PICK_UP) + a.count(Metric.DROP_OFF) == 0) {
      out.collect(flow);
    } // else its only observations are suppressed trip ends: the record itself would place them
  }
}
