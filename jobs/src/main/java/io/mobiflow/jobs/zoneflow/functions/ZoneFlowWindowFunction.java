package io.mobiflow.jobs.zoneflow.functions;

import io.mobiflow.jobs.zoneflow.Congestion;
import io.mobiflow.jobs.zoneflow.PrivacySettings;
import io.mobiflow.jobs.zoneflow.SpatialUnit;
import io.mobiflow.jobs.zoneflow.ZoneFlow;
import io.mobiflow.jobs.zoneflow.indicators.RoadIndicators;
import io.mobiflow.jobs.zoneflow.indicators.SharedMobilityIndicators;
import io.mobiflow.jobs.zoneflow.indicators.TransitIndicators;
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
        a.count(SharedMobilityIndicators.STATION_STATUS)
            + a.count(SharedMobilityIndicators.STATION_INTERVAL)
            + a.count(SharedMobilityIndicators.PICK_UP)
            + a.count(SharedMobilityIndicators.DROP_OFF);
    Double meanOccupancy = a.mean(RoadIndicators.OCCUPANCY_PCT);
    Double speedIndex = RoadIndicators.speedIndex(a);
    SpatialUnit unit = SpatialUnit.ofKey(key);
    String id = SpatialUnit.idOfKey(key);
    Instant start = Instant.ofEpochMilli(context.window().getStart());
    Instant end = Instant.ofEpochMilli(context.window().getEnd());
    boolean tripCounts = privacy.tripCountsIn(unit, h3Resolution);
    Long pickUps = tripCounts ? privacy.tripCount(a.count(SharedMobilityIndicators.PICK_UP)) : null;
    Long dropOffs =
        tripCounts ? privacy.tripCount(a.count(SharedMobilityIndicators.DROP_OFF)) : null;
    ZoneFlow flow =
        new ZoneFlow(
            unit,
            id,
            start,
            end,
            a.count(RoadIndicators.COUNTER_READING) > 0,
            a.count(RoadIndicators.COUNTER_READING),
            a.mean(RoadIndicators.FLOW_VEH_H),
            meanOccupancy,
            RoadIndicators.meanSpeed(a),
            a.mean(RoadIndicators.FREE_FLOW_KMH),
            speedIndex,
            Congestion.level(meanOccupancy, speedIndex),
            a.count(TransitIndicators.VEHICLE_POSITION)
                    + a.count(TransitIndicators.STOP_TIME_UPDATE)
                    + a.count(TransitIndicators.DEPARTURE)
                > 0,
            a.count(TransitIndicators.VEHICLE_POSITION),
            a.mean(TransitIndicators.CROWDED),
            a.count(TransitIndicators.STOP_TIME_UPDATE),
            a.mean(TransitIndicators.DELAY_SECONDS),
            TransitIndicators.p90Delay(a),
            TransitIndicators.onTimeShare(a),
            a.count(TransitIndicators.STOP_NOT_SERVED),
            scheduled == null ? null : scheduled.count(unit, id, start, end),
            a.count(TransitIndicators.DEPARTURE),
            a.mean(TransitIndicators.HEADWAY_SECONDS),
            TransitIndicators.headwayCv(a),
            stationCounts > 0,
            a.count(SharedMobilityIndicators.STATION_STATUS),
            SharedMobilityIndicators.overStationSpan(a, SharedMobilityIndicators.VEHICLE_SECONDS),
            SharedMobilityIndicators.minVehicles(a),
            SharedMobilityIndicators.overStationSpan(a, SharedMobilityIndicators.DOCK_SECONDS),
            SharedMobilityIndicators.stationMinutes(a, SharedMobilityIndicators.EMPTY_SECONDS),
            SharedMobilityIndicators.stationMinutes(a, SharedMobilityIndicators.FULL_SECONDS),
            a.mean(SharedMobilityIndicators.VEHICLES_DISABLED),
            pickUps,
            pickUps == null,
            dropOffs,
            dropOffs == null);
    if (flow.observations() > 0
        || a.count(SharedMobilityIndicators.PICK_UP) + a.count(SharedMobilityIndicators.DROP_OFF)
            == 0) {
      out.collect(flow);
    } // else its only observations are suppressed trip ends: the record itself would place them
  }
}
