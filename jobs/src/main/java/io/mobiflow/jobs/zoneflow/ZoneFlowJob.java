package io.mobiflow.jobs.zoneflow;

import io.mobiflow.connectors.common.FeedDecoder;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.Rejection;
import io.mobiflow.connectors.counters.model.CounterReading;
import io.mobiflow.connectors.counters.model.MatchedCounterReading;
import io.mobiflow.connectors.feeds.FeedFormats;
import io.mobiflow.connectors.gbfs.model.FreeFloatingVehicle;
import io.mobiflow.connectors.gbfs.model.MatchedStationStatus;
import io.mobiflow.connectors.gbfs.model.MatchedVehicleChange;
import io.mobiflow.connectors.gbfs.model.StationStatus;
import io.mobiflow.connectors.gtfsrt.model.MatchedStopTimeUpdate;
import io.mobiflow.connectors.gtfsrt.model.MatchedVehiclePosition;
import io.mobiflow.connectors.gtfsrt.model.StopTimeUpdate;
import io.mobiflow.connectors.gtfsrt.model.VehiclePosition;
import io.mobiflow.connectors.source.SnapshotReplaySource;
import io.mobiflow.jobs.common.DeadLetters;
import io.mobiflow.jobs.metrics.JobMetrics;
import io.mobiflow.jobs.zoneflow.functions.DecodeAndMatchFunction;
import io.mobiflow.jobs.zoneflow.functions.DeltaSums;
import io.mobiflow.jobs.zoneflow.functions.DeltaWindows;
import io.mobiflow.jobs.zoneflow.functions.DepartureFunction;
import io.mobiflow.jobs.zoneflow.functions.EmitDelta;
import io.mobiflow.jobs.zoneflow.functions.FeedClock;
import io.mobiflow.jobs.zoneflow.functions.HeadwayFunction;
import io.mobiflow.jobs.zoneflow.functions.JoinTrigger;
import io.mobiflow.jobs.zoneflow.functions.LateRecords;
import io.mobiflow.jobs.zoneflow.functions.ObservationGate;
import io.mobiflow.jobs.zoneflow.functions.ObservedAtWindows;
import io.mobiflow.jobs.zoneflow.functions.PerFeedWatermarks;
import io.mobiflow.jobs.zoneflow.functions.RoadBaselineFunction;
import io.mobiflow.jobs.zoneflow.functions.Sampler;
import io.mobiflow.jobs.zoneflow.functions.SourceDelta;
import io.mobiflow.jobs.zoneflow.functions.SourceTrigger;
import io.mobiflow.jobs.zoneflow.functions.StationAvailabilityFunction;
import io.mobiflow.jobs.zoneflow.functions.UnitFanOut;
import io.mobiflow.jobs.zoneflow.functions.VehicleChangesFunction;
import io.mobiflow.jobs.zoneflow.functions.ZoneFlowAccumulator;
import io.mobiflow.jobs.zoneflow.functions.ZoneFlowAggregator;
import io.mobiflow.jobs.zoneflow.functions.ZoneFlowWindowFunction;
import io.mobiflow.jobs.zoneflow.indicators.RoadIndicators;
import io.mobiflow.jobs.zoneflow.indicators.SharedMobilityIndicators;
import io.mobiflow.jobs.zoneflow.indicators.TransitIndicators;
import io.mobiflow.jobs.zoneflow.match.Matcher;
import io.mobiflow.jobs.zoneflow.match.Places;
import io.mobiflow.jobs.zoneflow.match.ResolvedTripUpdateDecoder;
import io.mobiflow.jobs.zoneflow.match.ZoneMatchers;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple4;
import org.apache.flink.api.java.typeutils.TupleTypeInfo;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.OutputTag;
import org.apache.flink.util.function.SerializableFunction;

/**
 * The zone-flow job: raw snapshots of transit (GTFS-RT), shared mobility (GBFS) and road counters →
 * decoded and matched to zones → keyed by unit in event-time windows → counts and means per unit
 * ({@link ZoneFlow}). Rejected input of every stage, and events too late for their window, are its
 * dead letters; pick-ups and drop-offs are published only where they cannot single out a trip.
 *
 * <p>The job receives its source and returns its streams ({@link Streams}): its caller adds the
 * sinks and further branches (the pipeline of a run, {@code io.mobiflow.jobs.run.ZoneFlowPipeline};
 * tests, their own). Operator uids are stable: savepoints taken with this version restore into the
 * next.
 */
public final class ZoneFlowJob {

  /**
   * The feed kinds this job reads (every kind whose format gives one of the event types it
   * observes); snapshots of other kinds pass by.
   */
  public static final List<FeedKind> FEED_KINDS =
      Stream.of(
              CounterReading.class,
              VehiclePosition.class,
              StopTimeUpdate.class,
              StationStatus.class,
              FreeFloatingVehicle.class)
          .flatMap(eventType -> FeedFormats.kindsGiving(eventType).stream())
          .toList();

  /**
   * After this long without input (wall time), a task or a source split no longer holds back the
   * watermark: a task that reads no feed, an empty partition.
   */
  public static final Duration IDLENESS = Duration.ofMinutes(1);

  /**
   * A feed whose newest event is this far behind the newest of the others read by its task (event
   * time) no longer holds back the task's watermark ({@link PerFeedWatermarks}).
   */
  public static final Duration FEED_IDLENESS = Duration.ofMinutes(30);

  private static final OutputTag<ZoneSample> LATE_SAMPLES =
      new OutputTag<>("late-samples", TypeInformation.of(ZoneSample.class));

  private static final OutputTag<SourceDelta> LATE_DELTAS =
      new OutputTag<>("late-deltas", TypeInformation.of(SourceDelta.class));

  /**
   * How the job computes (from a run's configuration, or set by a test).
   *
   * @param window the windows' length
   * @param slide a window starts every {@code slide} (equal to the length: tumbling windows)
   * @param outOfOrderness how far out of order the events of one feed may arrive
   * @param allowedLateness how much later than that a feed's events are still taken: the windows
   *     wait for them (they fire once, that much later); later ones are dead letters
   * @param earlyResults how often the open windows' indicators are published, as provisional
   *     records, before their final one; zero: final records only, one per unit and window
   * @param h3Resolution the resolution of the H3 unit (0–15)
   * @param eventTimes events whose time lies outside these bounds around their document's fetch
   *     time are rejected
   * @param privacy what is published of data about trips: k for pick-up and drop-off counts, the
   *     coarsest H3 resolution for them, the key of vehicles' pseudonyms
   * @param timetable a GTFS feed that TripUpdates are resolved against (delays from predicted
   *     times, propagation to later stops, cancellations) and whose scheduled departures are
   *     counted; {@code null}: delays as the feed gives them, no scheduled departures
   * @param units the units indicators are computed for, zones among them
   */
  public record Settings(
      Duration window,
      Duration slide,
      Duration outOfOrderness,
      Duration allowedLateness,
      Duration earlyResults,
      int h3Resolution,
      EventTimeBounds eventTimes,
      PrivacySettings privacy,
      Path timetable,
      Set<SpatialUnit> units) {

    public Settings {
      Objects.requireNonNull(window, "window");
      Objects.requireNonNull(slide, "slide");
      Objects.requireNonNull(outOfOrderness, "outOfOrderness");
      Objects.requireNonNull(allowedLateness, "allowedLateness");
      if (earlyResults.isNegative()) {
        throw new IllegalArgumentException("early results every " + earlyResults);
      }
      Objects.requireNonNull(eventTimes, "eventTimes");
      Objects.requireNonNull(privacy, "privacy");
      if (h3Resolution < 0 || h3Resolution > 15) {
        throw new IllegalArgumentException("H3 resolution " + h3Resolution + " is not in 0..15");
      }
      units = Collections.unmodifiableSet(EnumSet.copyOf(units));
      if (!units.contains(SpatialUnit.ZONE)) {
        throw new IllegalArgumentException("zones are always computed");
      }
    }
  }

  /**
   * What the job computes, for its caller to write and to derive more from.
   *
   * @param flows the indicators of every unit computed and window
   * @param stopUpdates the stop time updates in event time, each once and on time
   * @param stationReports station reports as the station operator let them through (in station
   *     event time, none late)
   * @param freeVehicleSnapshots the free-floating vehicles' snapshots, each feed's in fetch order,
   *     with the source's watermarks (the fetch time every split has reached)
   * @param deadLetters the rejections of every operator and the late events, not yet redacted
   */
  public record Streams(
      DataStream<ZoneFlow> flows,
      DataStream<MatchedStopTimeUpdate> stopUpdates,
      DataStream<MatchedStationStatus> stationReports,
      DataStream<FeedSnapshot> freeVehicleSnapshots,
      DataStream<Rejection> deadLetters) {}

  private final Source<FeedSnapshot, ?, ?> source;
  private final Places places;
  private final Settings settings;
  private ZoneFlowAggregator windowSums = new ZoneFlowAggregator();
  private int sourceParallelism = 1;

  public ZoneFlowJob(Source<FeedSnapshot, ?, ?> source, Places places, Settings settings) {
    this.source = Objects.requireNonNull(source, "source");
    this.places = Objects.requireNonNull(places, "places");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * Sums windows with {@code aggregator}: a test's stand-in for a build that declares other
   * measures (SavepointUpgradeITCase).
   */
  ZoneFlowJob windowSums(ZoneFlowAggregator aggregator) {
    this.windowSums = Objects.requireNonNull(aggregator, "aggregator");
    return this;
  }

  /**
   * Reads the source with {@code parallelism} readers (0: the environment's default); 1 unless set.
   * A file replay ({@link SnapshotReplaySource}) always has one reader: its one split keeps the
   * files in fetch order, and its position restores from savepoints taken at parallelism 1.
   *
   * @throws IllegalArgumentException if {@code parallelism} is negative
   */
  public ZoneFlowJob sourceParallelism(int parallelism) {
    if (parallelism < 0) {
      throw new IllegalArgumentException("source parallelism " + parallelism + " is negative");
    }
    this.sourceParallelism = parallelism;
    return this;
  }

  /** Adds the job's operators to {@code env}; returns its streams. */
  public Streams build(StreamExecutionEnvironment env) {
    Duration window = settings.window();
    Duration allowedLateness = settings.allowedLateness();
    Path timetable = settings.timetable();
    Set<SpatialUnit> units = settings.units();
    ObservedAtWindows windows = ObservedAtWindows.of(window, settings.slide());

    // 1. Source: raw snapshots, each feed's in fetch order (a feed is in one split); the fetch
    // time of every split is the bound of the feeds not seen yet (PerFeedWatermarks).
    SingleOutputStreamOperator<FeedSnapshot> snapshots =
        env.fromSource(
                source, SnapshotReplaySource.watermarks().withIdleness(IDLENESS), "feed snapshots")
            .uid("feed-snapshots");
    if (source instanceof DataGeneratorSource<?>) {
      snapshots.setParallelism(1); // the file replay: one split in fetch order
    } else if (sourceParallelism > 0) {
      snapshots.setParallelism(sourceParallelism);
    }
    FeedClock clock = new FeedClock(settings.outOfOrderness(), allowedLateness);
    // the gates remember the times they let through for a window and the allowed lateness: late
    // events that recent go on to them, which tell repeats from late ones
    Duration remembered = window.plus(allowedLateness);
    FeedClock gatedClock = clock.keepingRepeats(remembered);

    // 2. Match: decode each feed kind, place its events in zones, event time per feed.
    SingleOutputStreamOperator<Tuple4<String, Long, Long, MatchedCounterReading>> readings =
        observe(
            snapshots,
            decoders(CounterReading.class),
            ZoneMatchers::counterReading,
            m -> m.reading().observedAt(),
            MatchedCounterReading.class,
            "counters",
            gatedClock);
    SingleOutputStreamOperator<Tuple4<String, Long, Long, MatchedVehiclePosition>> positions =
        observe(
            snapshots,
            decoders(VehiclePosition.class),
            ZoneMatchers::vehiclePosition,
            m -> m.position().observedAt(),
            MatchedVehiclePosition.class,
            "gtfs-rt-vehicle-positions",
            gatedClock);
    SingleOutputStreamOperator<Tuple4<String, Long, Long, MatchedStopTimeUpdate>> stopUpdates =
        observe(
            snapshots,
            timetable == null // resolved against the timetable: the one decoder not the format's
                ? decoders(StopTimeUpdate.class)
                : Map.of(FeedKind.GTFS_RT_TRIP_UPDATES, new ResolvedTripUpdateDecoder(timetable)),
            ZoneMatchers::stopTimeUpdate,
            m -> m.update().observedAt(),
            MatchedStopTimeUpdate.class,
            "gtfs-rt-trip-updates",
            gatedClock);
    SingleOutputStreamOperator<Tuple4<String, Long, Long, MatchedStationStatus>> stations =
        observe(
            snapshots,
            decoders(StationStatus.class),
            ZoneMatchers::stationStatus,
            m -> m.status().observedAt(),
            MatchedStationStatus.class,
            "gbfs-station-status",
            clock);

    DataStream<FeedSnapshot> freeVehicleSnapshots =
        chainedToSource(snapshots, snapshot -> snapshot.kind() == FeedKind.GBFS_FREE_VEHICLES)
            .name("free vehicle snapshots")
            .uid("free-vehicle-snapshots");
    SingleOutputStreamOperator<Tuple4<String, Long, Long, MatchedVehicleChange>> vehicleChanges =
        freeVehicleSnapshots
            .keyBy(FeedSnapshot::feedId)
            .process(
                new VehicleChangesFunction(places, settings.eventTimes()),
                withFeed(MatchedVehicleChange.class))
            .name("pick-ups and drop-offs")
            .uid("vehicle-changes");

    // Event time per feed: watermarks from the feeds' bounds; each observation once (the times
    // seen are remembered for a window and the allowed lateness).
    SingleOutputStreamOperator<Tuple4<String, Long, Long, MatchedCounterReading>> readingGate =
        gate(
            readings,
            m -> m.reading().observedAt(),
            m -> m.reading().siteId(),
            ObservationGate.onceAndOnTime("counter", remembered),
            "counter",
            FeedFormats.kindsGiving(CounterReading.class),
            clock);
    SingleOutputStreamOperator<Tuple4<String, Long, Long, MatchedVehiclePosition>> positionGate =
        gate(
            positions,
            m -> m.position().observedAt(),
            m -> m.position().vehicleId(),
            ObservationGate.<Tuple4<String, Long, Long, MatchedVehiclePosition>>onceAndOnTime(
                    "vehicle-position", remembered)
                .keyedByVehicle(),
            "vehicle-position",
            FeedFormats.kindsGiving(VehiclePosition.class),
            clock);
    SingleOutputStreamOperator<Tuple4<String, Long, Long, MatchedStopTimeUpdate>> stopUpdateGate =
        gate(
            stopUpdates,
            m -> m.update().observedAt(),
            DepartureFunction.KEY,
            ObservationGate.onceAndOnTime("stop-time-update", remembered),
            "stop-time-update",
            FeedFormats.kindsGiving(StopTimeUpdate.class),
            clock);
    SingleOutputStreamOperator<Tuple4<String, Long, Long, MatchedVehicleChange>> vehicleChangeGate =
        gate(
            vehicleChanges,
            m -> m.change().observedAt(),
            m -> m.zoneId(),
            ObservationGate.onTime("vehicle-change"),
            "vehicle-change",
            List.of(FeedKind.GBFS_FREE_VEHICLES),
            clock);
    DataStream<MatchedCounterReading> readingTimes = events(readingGate, "counter");
    DataStream<MatchedVehiclePosition> positionTimes = events(positionGate, "vehicle-position");
    DataStream<MatchedStopTimeUpdate> stopUpdateTimes = events(stopUpdateGate, "stop-time-update");
    DataStream<MatchedVehicleChange> vehicleChangeTimes =
        events(vehicleChangeGate, "vehicle-change");

    // Stateful per place: each site's free-flow speed, each station's state over time, each
    // trip's departure from each stop and the headways of each route at each stop. Counter
    // readings and stop time updates stay with the task that let them through, keyed the same.
    SingleOutputStreamOperator<RoadReading> roadReadings =
        DataStreamUtils.reinterpretAsKeyedStream(readingTimes, m -> m.reading().siteId())
            .process(new RoadBaselineFunction(), TypeInformation.of(RoadReading.class))
            .name("free-flow speed per site")
            .uid("road-baseline");
    SingleOutputStreamOperator<StationInterval> stationIntervals =
        events(
                timed(
                    stations,
                    m -> m.status().observedAt(),
                    "station-status",
                    FeedFormats.kindsGiving(StationStatus.class),
                    clock),
                "station-status")
            .keyBy(m -> m.status().stationId())
            .process(
                new StationAvailabilityFunction(windows.pane()),
                TypeInformation.of(StationInterval.class))
            .name("station state over time")
            .uid("station-availability");
    DataStream<MatchedStationStatus> stationReports =
        stationIntervals.getSideOutput(StationAvailabilityFunction.REPORTS);
    DataStream<MatchedStationStatus> newStationReports =
        stationIntervals.getSideOutput(StationAvailabilityFunction.NEW_REPORTS);

    // with the feed's watermark each update carries: departures are decided by it
    SingleOutputStreamOperator<Departure> realtimeDepartures =
        DataStreamUtils.reinterpretAsKeyedStream(
                stopUpdateGate
                    .filter(update -> DepartureFunction.predictsTime(update.f3)) // only these kept
                    .name("updates with predicted times")
                    .uid("predicted-times"),
                update -> DepartureFunction.KEY.getKey(update.f3))
            .process(new DepartureFunction(), TypeInformation.of(Departure.class))
            .name("realtime departures")
            .uid("departures");
    SingleOutputStreamOperator<Departure> departures =
        realtimeDepartures
            .keyBy(HeadwayFunction.KEY)
            .process(new HeadwayFunction(), TypeInformation.of(Departure.class))
            .name("headways")
            .uid("headways");

    // Samples of each source: road (counters), transit (GTFS-RT), shared mobility (GBFS).
    DataStream<ZoneSample> roadSamples =
        fanOut(roadReadings, RoadIndicators.READINGS, units, "counter");
    DataStream<ZoneSample> transitSamples =
        fanOut(positionTimes, TransitIndicators.VEHICLE_POSITIONS, units, "vehicle-position")
            .union(
                fanOut(
                    stopUpdateTimes,
                    TransitIndicators.STOP_TIME_UPDATES,
                    units,
                    "stop-time-update"),
                fanOut(departures, TransitIndicators.DEPARTURES, units, "departure"));
    DataStream<ZoneSample> sharedSamples =
        fanOut(newStationReports, SharedMobilityIndicators.STATION_REPORTS, units, "station-status")
            .union(
                fanOut(
                    stationIntervals,
                    SharedMobilityIndicators.STATION_INTERVALS,
                    units,
                    "station-interval"),
                fanOut(
                    vehicleChangeTimes,
                    SharedMobilityIndicators.VEHICLE_CHANGES,
                    units,
                    "vehicle-change"));

    // 3. Key by unit, window by each source's own event time: its sums go on as deltas when its
    // watermark passes a window, and early (a silent or slower source holds back none of them).
    Duration earlyResults = settings.earlyResults();
    Duration flushEvery = earlyResults.isZero() ? IDLENESS.dividedBy(2) : earlyResults;
    SingleOutputStreamOperator<SourceDelta> roadSums =
        sourceWindow(roadSamples, windows, flushEvery, "road");
    SingleOutputStreamOperator<SourceDelta> transitSums =
        sourceWindow(transitSamples, windows, flushEvery, "transit");
    SingleOutputStreamOperator<SourceDelta> sharedSums =
        sourceWindow(sharedSamples, windows, flushEvery, "shared");

    // 4. Join the sources' sums per unit and window into indicators: provisional on each delta
    // (with early results), final when the slowest source's watermark passes the window.
    SingleOutputStreamOperator<ZoneFlow> flows =
        roadSums
            .union(transitSums, sharedSums)
            .keyBy(SourceDelta::key)
            .window(new DeltaWindows())
            .trigger(new JoinTrigger(!earlyResults.isZero()))
            .allowedLateness(allowedLateness)
            .sideOutputLateData(LATE_DELTAS)
            .aggregate(
                new DeltaSums(windowSums),
                new ZoneFlowWindowFunction(
                    timetable, places, settings.privacy(), settings.h3Resolution()))
            .name("flow indicators per window")
            .uid("zone-flow-window");

    DataStream<Rejection> deadLetters =
        lateSamples(roadSums, "road")
            .union(
                lateSamples(transitSums, "transit"),
                lateSamples(sharedSums, "shared"),
                flows
                    .getSideOutput(LATE_DELTAS)
                    .map(
                        new LateRecords<SourceDelta>(
                            "zone-flow-window",
                            delta -> "the sums of " + delta.key() + " from " + delta.windowStart()),
                        TypeInformation.of(Rejection.class))
                    .name("late deltas")
                    .uid("late-deltas"));
    for (SingleOutputStreamOperator<?> operator :
        List.of(
            readings,
            positions,
            stopUpdates,
            stations,
            vehicleChanges,
            readingGate,
            positionGate,
            stopUpdateGate,
            vehicleChangeGate,
            stationIntervals,
            roadReadings,
            realtimeDepartures,
            departures)) {
      deadLetters = deadLetters.union(operator.getSideOutput(DeadLetters.TAG));
    }
    return new Streams(flows, stopUpdateTimes, stationReports, freeVehicleSnapshots, deadLetters);
  }

  /** A decoder of every feed kind whose format gives {@code eventType} ({@link FeedFormats}). */
  private static <T> Map<FeedKind, FeedDecoder<T>> decoders(Class<T> eventType) {
    Map<FeedKind, FeedDecoder<T>> decoders = new EnumMap<>(FeedKind.class);
    for (FeedKind kind : FeedFormats.kindsGiving(eventType)) {
      decoders.put(kind, FeedFormats.of(kind, eventType).decoder());
    }
    return decoders;
  }

  /**
   * Decodes and matches the kinds of {@code decoders} (each behind the size limit); rejections are
   * on the {@link DeadLetters#TAG} side output. {@code id} names the operator (its uid is {@code
   * decode-match-<id>}).
   */
  private <T, M> SingleOutputStreamOperator<Tuple4<String, Long, Long, M>> observe(
      SingleOutputStreamOperator<FeedSnapshot> snapshots,
      Map<FeedKind, FeedDecoder<T>> decoders,
      Matcher<T, M> matcher,
      SerializableFunction<M, Instant> eventTime,
      Class<M> matchedType,
      String id,
      FeedClock clock) {
    Map<FeedKind, FeedDecoder<T>> limited = new EnumMap<>(FeedKind.class);
    decoders.forEach(
        (kind, decoder) -> limited.put(kind, decoder.limitedTo(FeedDecoder.DEFAULT_MAX_BYTES)));
    EnumSet<FeedKind> kinds = EnumSet.copyOf(decoders.keySet());
    // chained to the source: only these kinds cross the network; keyed by feed, each feed's
    // snapshots reach one task in fetch order
    return chainedToSource(snapshots, snapshot -> kinds.contains(snapshot.kind()))
        .name("route " + id)
        .uid("route-" + id)
        .keyBy(FeedSnapshot::feedId)
        .process(
            new DecodeAndMatchFunction<>(
                "decode-match-" + id,
                limited,
                matcher,
                eventTime,
                settings.eventTimes(),
                clock,
                places),
            withFeed(matchedType))
        .name("decode and match " + id)
        .uid("decode-match-" + id);
  }

  /** The snapshots that pass {@code filter}, in the source's tasks. */
  private static SingleOutputStreamOperator<FeedSnapshot> chainedToSource(
      SingleOutputStreamOperator<FeedSnapshot> snapshots, FilterFunction<FeedSnapshot> filter) {
    SingleOutputStreamOperator<FeedSnapshot> filtered = snapshots.filter(filter);
    int parallelism = snapshots.getParallelism();
    return parallelism > 0 ? filtered.setParallelism(parallelism) : filtered;
  }

  /**
   * The type of {@code (feed id, source watermark, the feed's watermark before the event, event)}:
   * matched events with their feed's event time, for {@link PerFeedWatermarks} and the gates.
   */
  private static <M> TypeInformation<Tuple4<String, Long, Long, M>> withFeed(Class<M> eventType) {
    return Types.TUPLE(Types.STRING, Types.LONG, Types.LONG, TypeInformation.of(eventType));
  }

  /**
   * Gives matched events of {@code kinds} their event time and their task's watermarks from the
   * bounds of its feeds ({@link #watermarks}): no event let through by its feed's clock is then
   * behind a watermark downstream, whatever the parallelism.
   */
  private <M> SingleOutputStreamOperator<Tuple4<String, Long, Long, M>> timed(
      SingleOutputStreamOperator<Tuple4<String, Long, Long, M>> matched,
      SerializableFunction<M, Instant> eventTime,
      String id,
      Collection<FeedKind> kinds,
      FeedClock clock) {
    return matched
        .assignTimestampsAndWatermarks(watermarks(eventTime, clock, JobMetrics.kindLabel(kinds)))
        .name(id + " event time")
        .uid(id + "-event-time");
  }

  /** The events alone, without their feed. */
  private static <M> SingleOutputStreamOperator<M> events(
      SingleOutputStreamOperator<Tuple4<String, Long, Long, M>> withFeed, String id) {
    @SuppressWarnings("unchecked")
    TypeInformation<M> eventType =
        (TypeInformation<M>) ((TupleTypeInfo<?>) withFeed.getType()).getTypeAt(3);
    return withFeed.map(event -> event.f3, eventType).name(id + " events").uid(id + "-events");
  }

  /**
   * The events of {@code kinds} in event time, keyed by the entity they observe, through {@code
   * gate} (repeats dropped, late ones dead letters on its side output).
   */
  private <M> SingleOutputStreamOperator<Tuple4<String, Long, Long, M>> gate(
      SingleOutputStreamOperator<Tuple4<String, Long, Long, M>> matched,
      SerializableFunction<M, Instant> eventTime,
      KeySelector<M, String> entity,
      ObservationGate<Tuple4<String, Long, Long, M>> gate,
      String id,
      Collection<FeedKind> kinds,
      FeedClock clock) {
    return timed(matched, eventTime, id, kinds, clock)
        .keyBy(event -> entity.getKey(event.f3))
        .process(
            gate.ofKinds(kinds).lateForFeed(clock, event -> event.f0, event -> event.f2),
            matched.getType())
        .name(id + " on time")
        .uid(id + "-gate");
  }

  /**
   * The watermark strategy of the events of one kind in one task: their own event time, watermarks
   * from the bounds of the task's feeds ({@link PerFeedWatermarks}, a feed idle after {@link
   * #FEED_IDLENESS} of event time behind the others), and the task idle after {@link #IDLENESS}
   * without events (a task that reads no feed does not hold back the windows of the others). Each
   * task's generator reports how far its watermark is behind the wall clock ({@link
   * JobMetrics#WATERMARK_LAG_SECONDS}, label {@code kind}).
   */
  public static <M> WatermarkStrategy<Tuple4<String, Long, Long, M>> watermarks(
      SerializableFunction<M, Instant> eventTime, FeedClock clock, String kindLabel) {
    return WatermarkStrategy.<Tuple4<String, Long, Long, M>>forGenerator(
            context -> {
              PerFeedWatermarks<M> generator = new PerFeedWatermarks<>(clock, FEED_IDLENESS);
              JobMetrics.WATERMARK_LAG_SECONDS.gauge(
                  context.getMetricGroup(), generator::lagSeconds, kindLabel);
              return generator;
            })
        .withTimestampAssigner((event, previous) -> eventTime.apply(event.f3).toEpochMilli())
        .withIdleness(IDLENESS);
  }

  /**
   * One source's windows ({@code <id>-window}): the sums of its samples per unit and window, handed
   * on as deltas ({@link SourceTrigger}); late samples on {@link #LATE_SAMPLES}.
   */
  private SingleOutputStreamOperator<SourceDelta> sourceWindow(
      DataStream<ZoneSample> samples, ObservedAtWindows windows, Duration flushEvery, String id) {
    return samples
        .keyBy(ZoneSample::key)
        .window(windows)
        .trigger(new SourceTrigger(flushEvery))
        .allowedLateness(settings.allowedLateness())
        .sideOutputLateData(LATE_SAMPLES)
        .aggregate(
            windowSums,
            new EmitDelta(),
            TypeInformation.of(ZoneFlowAccumulator.class),
            TypeInformation.of(ZoneFlowAccumulator.class),
            TypeInformation.of(SourceDelta.class))
        .name(id + " sums per window")
        .uid(id + "-window");
  }

  /** The late samples of a source's windows, as dead letters. */
  private static DataStream<Rejection> lateSamples(
      SingleOutputStreamOperator<SourceDelta> sourceWindow, String id) {
    return sourceWindow
        .getSideOutput(LATE_SAMPLES)
        .map(LateRecords.samples(id + "-window"), TypeInformation.of(Rejection.class))
        .name(id + " late samples")
        .uid(id + "-late-samples");
  }

  /** Turns events into samples of every unit computed. */
  private <M> DataStream<ZoneSample> fanOut(
      DataStream<M> events, Sampler<M> sampler, Set<SpatialUnit> units, String id) {
    return events
        .flatMap(
            new UnitFanOut<>(sampler, units, places, settings.h3Resolution()),
            TypeInformation.of(ZoneSample.class))
        .name(id + " samples")
        .uid(id + "-samples");
  }
}
