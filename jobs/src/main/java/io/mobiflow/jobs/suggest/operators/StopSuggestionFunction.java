package io.mobiflow.jobs.suggest.operators;

import io.mobiflow.connectors.gbfs.model.StationStatus;
import io.mobiflow.connectors.gtfs.CompactTimetable;
import io.mobiflow.connectors.gtfs.ScheduledTrip.StopTime;
import io.mobiflow.connectors.gtfs.TransitStop;
import io.mobiflow.connectors.gtfsrt.model.MatchedStopTimeUpdate;
import io.mobiflow.connectors.gtfsrt.model.StopRelationship;
import io.mobiflow.connectors.gtfsrt.model.StopTimeUpdate;
import io.mobiflow.jobs.common.DeadLetters;
import io.mobiflow.jobs.common.OperatorFailures;
import io.mobiflow.jobs.suggest.FreeVehicles;
import io.mobiflow.jobs.suggest.Suggestion;
import io.mobiflow.jobs.suggest.SuggestionSettings;
import io.mobiflow.jobs.suggest.SuggestionType;
import io.mobiflow.jobs.suggest.rules.ConnectionAtRisk;
import io.mobiflow.jobs.suggest.rules.DelayToSharedVehicle;
import io.mobiflow.jobs.suggest.rules.FirstLastMileGap;
import io.mobiflow.jobs.suggest.rules.StopSurroundings;
import io.mobiflow.jobs.suggest.rules.VehicleSpot;
import io.mobiflow.jobs.suggest.texts.SuggestionTexts;
import io.mobiflow.jobs.zoneflow.match.Places;
import io.mobiflow.jobs.zoneflow.match.SharedTimetables;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The suggestions of one stop, keyed by stop id: each stop time update of a trip at the stop is
 * checked against the delay → shared vehicle and connection-at-risk rules, and at every {@link
 * SuggestionSettings#gapWindow()} boundary the stop is checked for a first/last-mile gap.
 *
 * <p>Updates are applied in event-time order, when the watermark passes them. Shared mobility
 * arrives broadcast: per station its reports, per free-floating feed its snapshots, from the one in
 * force at the watermark on (older ones can no longer be in force at an update's time, which is
 * never behind the watermark: how far the broadcast runs ahead of the updates does not change what
 * an update sees); an update sees each as of its own time. What lies around a stop (its zone,
 * transfers, the stations and vehicles within walking distance) is answered by {@link
 * StopSurroundings}, built once per task; per update only the spots near the stop and near the
 * trip's later stops are looked at. Keyed state: the updates waiting for the watermark, the stop's
 * published suggestions ({@link ActiveSuggestions}) and its gap-check timer, which stops an hour
 * after the stop's last update.
 */
public final class StopSuggestionFunction
    extends KeyedBroadcastProcessFunction<
        String, MatchedStopTimeUpdate, SharedVehicleReport, Suggestion> {

  private static final long serialVersionUID = 1L;

  /**
   * The recent reports of every station, in event-time order, broadcast to every task: an update is
   * matched with each station's report as of the update's time, whatever order the two streams
   * arrive in.
   */
  public static final MapStateDescriptor<String, List<StationStatus>> STATIONS =
      new MapStateDescriptor<>(
          "station-reports", Types.STRING, Types.LIST(TypeInformation.of(StationStatus.class)));

  /** The recent free-floating snapshots of every feed, broadcast likewise. */
  public static final MapStateDescriptor<String, List<FreeVehicles>> FREE_VEHICLES =
      new MapStateDescriptor<>(
          "free-vehicle-snapshots",
          Types.STRING,
          Types.LIST(TypeInformation.of(FreeVehicles.class)));

  /** A stop without updates for this long gets no more gap checks. */
  static final Duration GAP_CHECKS_AFTER_LAST_UPDATE = Duration.ofHours(1);

  private final String gtfs; // a String: Flink's closure cleaner cannot look into a Path
  private final Places places;
  private final SuggestionSettings settings;

  private transient CompactTimetable timetable;
  private transient StopSurroundings surroundings;
  private transient DelayToSharedVehicle sharedVehicle;
  private transient ConnectionAtRisk connection;
  private transient FirstLastMileGap gap;
  private transient SuggestionTexts texts;
  private transient ActiveSuggestions active;
  private transient MapState<Long, List<MatchedStopTimeUpdate>> pending;
  private transient ValueState<Long> lastUpdate;
  private transient ValueState<Long> nextGapCheck;

  /**
   * @param gtfs the static feed the updates name
   * @param places the stops' zones and the stations' positions
   * @param settings the rules' parameters
   */
  public StopSuggestionFunction(Path gtfs, Places places, SuggestionSettings settings) {
    this.gtfs = gtfs.toAbsolutePath().toString();
    this.places = places;
    this.settings = settings;
  }

  @Override
  public void open(OpenContext openContext) {
    timetable = SharedTimetables.of(gtfs);
    surroundings =
        new StopSurroundings(timetable, places.index().stopsByZone(), places.stations(), settings);
    sharedVehicle = new DelayToSharedVehicle(settings.travel(), timetable.stops());
    connection = new ConnectionAtRisk(timetable, settings.travel());
    gap = new FirstLastMileGap(timetable, settings.travel(), settings.gapMinDepartures());
    texts = new SuggestionTexts(timetable, surroundings.stops(), surroundings.stationNames());
    active =
        new ActiveSuggestions(
            getRuntimeContext().getMapState(ActiveSuggestions.descriptor()),
            getRuntimeContext().getMetricGroup());
    pending =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "pending-updates",
                    Types.LONG,
                    Types.LIST(TypeInformation.of(MatchedStopTimeUpdate.class))));
    lastUpdate =
        getRuntimeContext().getState(new ValueStateDescriptor<>("last-update", Types.LONG));
    nextGapCheck =
        getRuntimeContext().getState(new ValueStateDescriptor<>("next-gap-check", Types.LONG));
  }

  /**
   * Holds the update until the watermark passes its time: updates of a stop are applied in
   * event-time order (documents are decoded in parallel and may arrive out of order), so a replay
   * gives the same suggestions every time.
   */
  @Override
  public void processElement(
      MatchedStopTimeUpdate matched, ReadOnlyContext ctx, Collector<Suggestion> out)
      throws Exception {
    OperatorFailures.guard(
        "stop-suggestions",
        ctx.getCurrentKey(),
        rejection -> ctx.output(DeadLetters.TAG, rejection),
        () -> {
          long time = matched.update().observedAt().toEpochMilli();
          List<MatchedStopTimeUpdate> at = pending.get(time);
          List<MatchedStopTimeUpdate> updated =
              at == null ? new ArrayList<>() : new ArrayList<>(at);
          updated.add(matched);
          pending.put(time, updated);
          ctx.timerService().registerEventTimeTimer(time);
        });
  }

  private void apply(MatchedStopTimeUpdate matched, ReadOnlyContext ctx, Collector<Suggestion> out)
      throws Exception {
    TimerService timers = ctx.timerService();
    StopTimeUpdate update = matched.update();
    Instant now = update.observedAt();
    String stopId = matched.stopId();
    lastUpdate.update(now.toEpochMilli());
    if (nextGapCheck.value() == null) {
      long window = settings.gapWindow().toMillis();
      long next = Math.floorDiv(now.toEpochMilli(), window) * window + window;
      nextGapCheck.update(next);
      timers.registerEventTimeTimer(next);
    }
    TransitStop stop = surroundings.stop(stopId);
    LocalDate date =
        update.serviceDate() != null
            ? update.serviceDate()
            : LocalDate.ofInstant(now, timetable.timeZone());
    StopTime at = surroundings.stopOfTrip(update, stopId);
    String sharedVehicleId = SuggestionType.SHARED_VEHICLE_FOR_DELAY.id(update.tripId(), stopId);
    String connectionId = SuggestionType.CONNECTION_AT_RISK.id(update.tripId(), stopId);
    if (stop == null || at == null || update.relationship() != StopRelationship.SCHEDULED) {
      active.reconcile(sharedVehicleId, Optional.empty(), now, timers, out);
      active.reconcile(connectionId, Optional.empty(), now, timers, out);
      return;
    }
    String routeId =
        update.routeId() != null ? update.routeId() : timetable.routeOf(update.tripId());
    String zone = surroundings.zoneOf(stopId);
    long dayStart = timetable.serviceDayStart(date);
    Integer departureDelay =
        update.departureDelaySeconds() != null
            ? update.departureDelaySeconds()
            : update.arrivalDelaySeconds();
    Optional<Suggestion> byVehicle = Optional.empty();
    // only a delay worth a suggestion looks for vehicles (most updates are not)
    if (departureDelay != null
        && departureDelay >= settings.travel().minDelay().toSeconds()
        && at.departureSeconds() >= 0) {
      List<StopTime> following = timetable.followingStops(update.tripId(), at.stopSequence());
      // the traveller is at the stop from the scheduled departure on
      Instant setOff =
          Instant.ofEpochSecond(Math.max(now.getEpochSecond(), dayStart + at.departureSeconds()));
      byVehicle =
          sharedVehicle
              .evaluate(
                  update.tripId(),
                  routeId,
                  at,
                  following,
                  dayStart,
                  departureDelay,
                  setOff,
                  spotsNear(stop, following, now, ctx))
              .map(s -> texts.sharedVehicle(s, zone, now));
    }
    active.reconcile(sharedVehicleId, byVehicle, now, timers, out);

    Integer arrivalDelay =
        update.arrivalDelaySeconds() != null ? update.arrivalDelaySeconds() : departureDelay;
    Optional<Suggestion> missed = Optional.empty();
    if (arrivalDelay != null && arrivalDelay > 0 && at.arrivalSeconds() >= 0) {
      for (TransitStop transfer : surroundings.transfersAt(stop)) {
        missed =
            connection
                .evaluate(
                    update.tripId(),
                    routeId,
                    stop,
                    at.arrivalSeconds(),
                    date,
                    arrivalDelay,
                    transfer,
                    (int) settings.connectionWindow().toSeconds())
                .map(s -> texts.connection(s, routeId, zone, now));
        if (missed.isPresent()) {
          break;
        }
      }
    }
    active.reconcile(connectionId, missed, now, timers, out);
  }

  @Override
  public void processBroadcastElement(
      SharedVehicleReport report, Context ctx, Collector<Suggestion> out) throws Exception {
    Instant watermark = Instant.ofEpochMilli(Math.max(0, ctx.currentWatermark()));
    if (report.station() != null) {
      StationStatus status = report.station();
      BroadcastState<String, List<StationStatus>> stations = ctx.getBroadcastState(STATIONS);
      stations.put(
          status.stationId(),
          appended(stations.get(status.stationId()), status, StationStatus::observedAt, watermark));
    } else {
      FreeVehicles snapshot = report.freeVehicles();
      BroadcastState<String, List<FreeVehicles>> feeds = ctx.getBroadcastState(FREE_VEHICLES);
      feeds.put(
          snapshot.feedId(),
          appended(feeds.get(snapshot.feedId()), snapshot, FreeVehicles::observedAt, watermark));
    }
  }

  /**
   * {@code history} with {@code report}, in event-time order, from the last one at or before the
   * {@code watermark} on.
   */
  private static <T> List<T> appended(
      List<T> history, T report, Function<T, Instant> timeOf, Instant watermark) {
    List<T> reports = history == null ? new ArrayList<>() : new ArrayList<>(history);
    reports.add(report);
    reports.sort(Comparator.comparing(timeOf));
    int inForce = 0;
    while (inForce + 1 < reports.size()
        && !timeOf.apply(reports.get(inForce + 1)).isAfter(watermark)) {
      inForce++;
    }
    return new ArrayList<>(reports.subList(inForce, reports.size()));
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Suggestion> out)
      throws Exception {
    OperatorFailures.guard(
        "stop-suggestions",
        ctx.getCurrentKey(),
        rejection -> ctx.output(DeadLetters.TAG, rejection),
        () -> {
          List<MatchedStopTimeUpdate> updates = pending.get(timestamp);
          if (updates != null) {
            pending.remove(timestamp);
            List<MatchedStopTimeUpdate> inOrder = new ArrayList<>(updates);
            inOrder.sort(UPDATE_ORDER);
            for (MatchedStopTimeUpdate update : inOrder) {
              apply(update, ctx, out);
            }
          }
          Long gapCheck = nextGapCheck.value();
          if (gapCheck != null && gapCheck == timestamp) {
            checkGap(timestamp, ctx, out);
            if (timestamp - lastUpdate.value() > GAP_CHECKS_AFTER_LAST_UPDATE.toMillis()) {
              nextGapCheck.clear();
              lastUpdate.clear();
            } else {
              long next = timestamp + settings.gapWindow().toMillis();
              nextGapCheck.update(next);
              ctx.timerService().registerEventTimeTimer(next);
            }
          }
          active.expire(timestamp, out);
        });
  }

  /**
   * Updates of one stop with the same time: by trip, then stop sequence, then content (a fixed
   * order, whatever the order of arrival).
   */
  private static final Comparator<MatchedStopTimeUpdate> UPDATE_ORDER =
      Comparator.comparing((MatchedStopTimeUpdate m) -> m.update().tripId())
          .thenComparing(m -> m.update().stopSequence() == null ? -1 : m.update().stopSequence())
          .thenComparing(MatchedStopTimeUpdate::toString);

  private void checkGap(long timestamp, OnTimerContext ctx, Collector<Suggestion> out)
      throws Exception {
    String stopId = ctx.getCurrentKey();
    TransitStop stop = surroundings.stop(stopId);
    Instant now = Instant.ofEpochMilli(timestamp);
    Optional<Suggestion> found = Optional.empty();
    if (stop != null) {
      LocalDate date = LocalDate.ofInstant(now, timetable.timeZone());
      int from = (int) (now.getEpochSecond() - timetable.serviceDayStart(date));
      int to = from + (int) settings.gapWindow().toSeconds();
      found =
          gap.evaluate(stop, date, from, to, spotsNear(stop, List.of(), now, ctx))
              .map(g -> texts.gap(g, surroundings.zoneOf(stopId), now));
    }
    active.reconcile(
        SuggestionType.FIRST_LAST_MILE_GAP.id(stopId), found, now, ctx.timerService(), out);
  }

  /**
   * The stations and free-floating vehicles within walking distance of {@code stop} and of each of
   * {@code following} at {@code now} ({@link StopSurroundings#spotsNear}), from the broadcast
   * reports.
   */
  private List<VehicleSpot> spotsNear(
      TransitStop stop, List<StopTime> following, Instant now, ReadOnlyContext ctx)
      throws Exception {
    List<List<FreeVehicles>> fleets = new ArrayList<>();
    for (Map.Entry<String, List<FreeVehicles>> feed :
        ctx.getBroadcastState(FREE_VEHICLES).immutableEntries()) {
      fleets.add(feed.getValue());
    }
    return surroundings.spotsNear(
        stop, following, now, ctx.getBroadcastState(STATIONS)::get, fleets);
  }
}
