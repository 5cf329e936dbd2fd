package io.mobiflow.jobs.zoneflow.functions;

import io.mobiflow.jobs.zoneflow.PrivacySettings;
import io.mobiflow.jobs.zoneflow.SpatialUnit;
import io.mobiflow.jobs.zoneflow.ZoneFlow;
import io.mobiflow.jobs.zoneflow.indicators.RoadIndicators.Road;
import io.mobiflow.jobs.zoneflow.indicators.SharedMobilityIndicators;
import io.mobiflow.jobs.zoneflow.indicators.SharedMobilityIndicators.SharedMobility;
import io.mobiflow.jobs.zoneflow.indicators.TransitIndicators.Transit;
import io.mobiflow.jobs.zoneflow.match.Places;
import io.mobiflow.jobs.zoneflow.match.SharedTimetables;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Turns the aggregate of one unit and window into its {@link ZoneFlow}: the unit and window of the
 * key, provisional while the watermark has not passed the window, each source's indicators from the
 * sums (with the departures the timetable schedules), the counts that can single out a trip
 * (pick-ups, drop-offs) published as {@link PrivacySettings} allow: suppressed ({@code null} and
 * flagged) below k, and in H3 cells finer than the coarsest resolution allowed. A unit and window
 * whose only observations are suppressed trip ends gives no record: that a record exists would say
 * that someone's trip began or ended there then.
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
    ZoneFlowAccumulator sums = aggregates.iterator().next();
    SpatialUnit unit = SpatialUnit.ofKey(key);
    String id = SpatialUnit.idOfKey(key);
    Instant start = Instant.ofEpochMilli(context.window().getStart());
    Instant end = Instant.ofEpochMilli(context.window().getEnd());
    ZoneFlow flow =
        new ZoneFlow(
            unit,
            id,
            start,
            end,
            Road.of(sums),
            Transit.of(sums, scheduled == null ? null : scheduled.count(unit, id, start, end)),
            SharedMobility.of(sums, privacy, unit, h3Resolution),
            context.currentWatermark() < context.window().maxTimestamp());
    if (flow.observations() > 0 || SharedMobilityIndicators.tripEnds(sums) == 0) {
      out.collect(flow);
    } // else its only observations are suppressed trip ends: the record itself would place them
  }
}
