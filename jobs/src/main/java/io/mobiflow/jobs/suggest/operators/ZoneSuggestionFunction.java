package io.mobiflow.jobs.suggest.operators;

import io.mobiflow.connectors.gtfs.CompactTimetable;
import io.mobiflow.connectors.gtfs.TransitStop;
import io.mobiflow.geodata.locate.Zone;
import io.mobiflow.jobs.common.DeadLetters;
import io.mobiflow.jobs.common.OperatorFailures;
import io.mobiflow.jobs.suggest.Suggestion;
import io.mobiflow.jobs.suggest.SuggestionType;
import io.mobiflow.jobs.suggest.rules.CongestionModeShift;
import io.mobiflow.jobs.suggest.texts.SuggestionTexts;
import io.mobiflow.jobs.zoneflow.SpatialUnit;
import io.mobiflow.jobs.zoneflow.ZoneFlow;
import io.mobiflow.jobs.zoneflow.match.Places;
import io.mobiflow.jobs.zoneflow.match.SharedTimetables;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The congestion → mode shift suggestions of one zone, keyed by zone id: each window's zone flow is
 * held until the watermark passes the window's end, by which time the same window's route flows
 * (broadcast: their on-time shares, kept until the watermark passes their window) have all arrived,
 * then checked by {@link CongestionModeShift} for the coming window. Windows are checked in time
 * order, each one, however far the zone and route flows run ahead of the watermark.
 */
public final class ZoneSuggestionFunction
    extends KeyedBroadcastProcessFunction<String, ZoneFlow, ZoneFlow, Suggestion> {

  private static final long serialVersionUID = 1L;

  /** On-time shares of routes, keyed {@code <route id>@<window start, epoch ms>}. */
  public static final MapStateDescriptor<String, Double> ROUTE_ON_TIME =
      new MapStateDescriptor<>("route-on-time-share", Types.STRING, Types.DOUBLE);

  private final String gtfs;
  private final Places places;

  private transient CompactTimetable timetable;
  private transient CongestionModeShift rule;
  private transient SuggestionTexts texts;
  private transient Map<String, List<String>> stopsByZone;
  private transient Map<String, String> zoneNames;
  private transient ActiveSuggestions active;
  private transient MapState<Long, ZoneFlow> pending;

  /**
   * @param gtfs the static feed of the routes
   * @param places the zones and their stops
   */
  public ZoneSuggestionFunction(Path gtfs, Places places) {
    this.gtfs = gtfs.toAbsolutePath().toString();
    this.places = places;
  }

  @Override
  public void open(OpenContext openContext) {
    timetable = SharedTimetables.of(gtfs);
    rule = new CongestionModeShift(timetable);
    Map<String, TransitStop> stops = new HashMap<>();
    timetable.stops().forEach(stop -> stops.put(stop.stopId(), stop));
    texts = new SuggestionTexts(timetable, stops, Map.of());
    stopsByZone = places.index().stopsByZone();
    zoneNames = new HashMap<>();
    for (Zone zone : places.zones()) {
      zoneNames.put(zone.id(), zone.name() == null ? zone.id() : zone.name());
    }
    active =
        new ActiveSuggestions(
            getRuntimeContext().getMapState(ActiveSuggestions.descriptor()),
            getRuntimeContext().getMetricGroup());
    pending =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "pending-zone-flows", Types.LONG, TypeInformation.of(ZoneFlow.class)));
  }

  @Override
  public void processElement(ZoneFlow flow, ReadOnlyContext ctx, Collector<Suggestion> out)
      throws Exception {
    OperatorFailures.guard(
        "zone-suggestions",
        ctx.getCurrentKey(),
        rejection -> ctx.output(DeadLetters.TAG, rejection),
        () -> {
          long due = flow.windowEnd().toEpochMilli() - 1;
          pending.put(due, flow);
          ctx.timerService().registerEventTimeTimer(due);
        });
  }

  @Override
  public void processBroadcastElement(ZoneFlow route, Context ctx, Collector<Suggestion> out)
      throws Exception {
    if (route.unit() != SpatialUnit.ROUTE || route.transit().onTimeShare() == null) {
      return;
    }
    BroadcastState<String, Double> shares = ctx.getBroadcastState(ROUTE_ON_TIME);
    shares.put(
        route.unitId() + "@" + route.windowStart().toEpochMilli(), route.transit().onTimeShare());
    // a window whose end the watermark passed was checked in every zone: its shares are done
    long window = route.windowEnd().toEpochMilli() - route.windowStart().toEpochMilli();
    long watermark = ctx.currentWatermark();
    List<String> dropped = new ArrayList<>();
    for (Map.Entry<String, Double> entry : shares.entries()) {
      String key = entry.getKey();
      long start = Long.parseLong(key.substring(key.lastIndexOf('@') + 1));
      if (start + window - 1 < watermark) {
        dropped.add(key);
      }
    }
    for (String key : dropped) {
      shares.remove(key);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Suggestion> out)
      throws Exception {
    OperatorFailures.guard(
        "zone-suggestions",
        ctx.getCurrentKey(),
        rejection -> ctx.output(DeadLetters.TAG, rejection),
        () -> {
          ZoneFlow flow = pending.get(timestamp);
          if (flow != null) {
            pending.remove(timestamp);
            check(flow, ctx.getBroadcastState(ROUTE_ON_TIME), ctx, out);
          }
          active.expire(timestamp, out);
        });
  }

  private void check(
      ZoneFlow flow,
      ReadOnlyBroadcastState<String, Double> shares,
      OnTimerContext ctx,
      Collector<Suggestion> out)
      throws Exception {
    Instant end = flow.windowEnd();
    long windowSeconds = end.getEpochSecond() - flow.windowStart().getEpochSecond();
    LocalDate date = LocalDate.ofInstant(end, timetable.timeZone());
    int from = (int) (end.getEpochSecond() - timetable.serviceDayStart(date));
    Map<String, Double> onTime = new HashMap<>();
    List<String> zoneStops = stopsByZone.getOrDefault(flow.unitId(), List.of());
    String suffix = "@" + flow.windowStart().toEpochMilli();
    for (Map.Entry<String, Double> entry : shares.immutableEntries()) {
      if (entry.getKey().endsWith(suffix)) {
        onTime.put(
            entry.getKey().substring(0, entry.getKey().length() - suffix.length()),
            entry.getValue());
      }
    }
    Optional<Suggestion> found =
        rule.evaluate(flow, zoneStops, date, from, from + (int) windowSeconds, onTime)
            .map(s -> texts.modeShift(s, zoneNames.get(flow.unitId()), end));
    active.reconcile(
        SuggestionType.CONGESTION_MODE_SHIFT.id(flow.unitId()),
        found,
        end,
        ctx.timerService(),
        out);
  }
}
