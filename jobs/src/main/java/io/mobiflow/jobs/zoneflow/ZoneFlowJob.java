package io.mobiflow.jobs.zoneflow;

import io.mobiflow.connectors.common.DeadLetterRedaction;
import io.mobiflow.connectors.common.FeedDecoder;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.KeyedHash;
import io.mobiflow.connectors.common.Rejection;
import io.mobiflow.connectors.counters.decode.CounterCsvDecoder;
import io.mobiflow.connectors.counters.decode.Datex2Decoder;
import io.mobiflow.connectors.counters.decode.ParisArchiveDecoder;
import io.mobiflow.connectors.counters.decode.ParisPortalDecoder;
import io.mobiflow.connectors.counters.model.MatchedCounterReading;
import io.mobiflow.connectors.gbfs.decode.StationStatusDecoder;
import io.mobiflow.connectors.gbfs.model.MatchedStationStatus;
import io.mobiflow.connectors.gbfs.model.MatchedVehicleChange;
import io.mobiflow.connectors.gtfsrt.decode.TripUpdateDecoder;
import io.mobiflow.connectors.gtfsrt.decode.VehiclePositionDecoder;
import io.mobiflow.connectors.gtfsrt.model.MatchedStopTimeUpdate;
import io.mobiflow.connectors.gtfsrt.model.MatchedVehiclePosition;
import io.mobiflow.connectors.source.SnapshotReplaySource;
import io.mobiflow.jobs.suggest.FreeVehicles;
import io.mobiflow.jobs.suggest.SharedVehicleReport;
import io.mobiflow.jobs.suggest.StopSuggestionFunction;
import io.mobiflow.jobs.suggest.Suggestion;
import io.mobiflow.jobs.suggest.SuggestionSettings;
import io.mobiflow.jobs.suggest.ZoneSuggestionFunction;
import io.mobiflow.jobs.zoneflow.functions.DeadLetterCounts;
import io.mobiflow.jobs.zoneflow.functions.DecodeAndMatchFunction;
import io.mobiflow.jobs.zoneflow.functions.DepartureFunction;
import io.mobiflow.jobs.zoneflow.functions.EventDrivenWatermarks;
import io.mobiflow.jobs.zoneflow.functions.HeadwayFunction;
import io.mobiflow.jobs.zoneflow.functions.LateSamples;
import io.mobiflow.jobs.zoneflow.functions.ObservationGate;
import io.mobiflow.jobs.zoneflow.functions.ObservedAtWindows;
import io.mobiflow.jobs.zoneflow.functions.RoadBaselineFunction;
import io.mobiflow.jobs.zoneflow.functions.Sampler;
import io.mobiflow.jobs.zoneflow.functions.StationAvailabilityFunction;
import io.mobiflow.jobs.zoneflow.functions.UnitFanOut;
import io.mobiflow.jobs.zoneflow.functions.VehicleChangesFunction;
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
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.apache.flink.util.function.SerializableFunction;

/**
 * The zone-flow job: raw snapshots of transit (GTFS-RT), shared mobility (GBFS) and road counters →
 * decoded and matched to zones → keyed by zone in event-time windows → counts and means per zone
 * ({@link ZoneFlow}) → sinks. Rejected input of every stage, and events too late for their window,
 * go to the dead-letter sink, redacted ({@link PrivacySettings}: no vehicle id, coordinates
 * rounded); pick-ups and drop-offs are published only where they cannot single out a trip.
 *
 * <p>The job receives its source and sinks, so tests hand it their own. Operator uids are stable:
 * savepoints taken with this version restore into the next.
 */
public final class ZoneFlowJob {

  /** The feed kinds this job reads; snapshots of other kinds pass by. */
  public static final List<FeedKind> FEED_KINDS =
      List.of(
          FeedKind.COUNTER_CSV,
          FeedKind.COUNTER_PARIS_ARCHIVE,
          FeedKind.COUNTER_PARIS_PORTAL,
          FeedKind.COUNTER_DATEX2,
          FeedKind.GTFS_RT_VEHICLE_POSITIONS,
          FeedKind.GTFS_RT_TRIP_UPDATES,
          FeedKind.GBFS_STATION_STATUS,
          FeedKind.GBFS_FREE_VEHICLES);

  /** The default window length. */
  public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);

  /** How far out of order events of one feed kind may arrive. */
  public static final Duration DEFAULT_OUT_OF_ORDERNESS = Duration.ofMinutes(2);

  /** After this long without input, a feed's partition no longer holds back the watermark. */
  public static final Duration IDLENESS = Duration.ofMinutes(1);

  /**
   * Accumulators named with this prefix count the snapshots the job has decoded (one per decoding
   * operator: sum them); a replay's progress.
   */
  public static final String SNAPSHOTS_READ = "mobiflow-snapshots-";

  /** Accumulators named with this prefix count the events matched to places. */
  public static final String EVENTS_MATCHED = "mobiflow-events-";

  /** Accumulators named with this prefix and a {@code RejectReason} count the dead letters. */
  public static final String DEAD_LETTERS = "mobiflow-dead-letters-";

  /** The default H3 resolution: cells of about 0.74 km² (edge about 460 m). */
  public static final int DEFAULT_H3_RESOLUTION = 8;

  private static final OutputTag<ZoneSample> LATE_SAMPLES =
      new OutputTag<>("late-samples", TypeInformation.of(ZoneSample.class));

  private final Source<FeedSnapshot, ?, ?> source;
  private final Places places;
  private final Sink<ZoneFlow> flowSink;
  private final Sink<Rejection> deadLetterSink;
  private final Duration window;
  private final Duration outOfOrderness;
  private Path timetable;
  private Duration slide;
  private Duration allowedLateness = Duration.ZERO;
  private int h3Resolution = DEFAULT_H3_RESOLUTION;
  private EventTimeBounds eventTimeBounds = EventTimeBounds.DEFAULT;
  private PrivacySettings privacy = PrivacySettings.DEFAULT;
  private final Map<SpatialUnit, Sink<ZoneFlow>> unitSinks = new EnumMap<>(SpatialUnit.class);
  private Sink<Suggestion> suggestionSink;
  private Sink<ZoneFlow> flowTableSink;
  private final Set<SpatialUnit> flowTableUnits = EnumSet.noneOf(SpatialUnit.class);
  private SuggestionSettings suggestionSettings;
  private ZoneFlowAggregator windowSums = new ZoneFlowAggregator();
  private Path suggestionTimetable;

  public ZoneFlowJob(
      Source<FeedSnapshot, ?, ?> source,
      Places places,
      Sink<ZoneFlow> flowSink,
      Sink<Rejection> deadLetterSink,
      Duration window,
      Duration outOfOrderness) {
    this.source = Objects.requireNonNull(source, "source");
    this.places = Objects.requireNonNull(places, "places");
    this.flowSink = Objects.requireNonNull(flowSink, "flowSink");
    this.deadLetterSink = Objects.requireNonNull(deadLetterSink, "deadLetterSink");
    this.window = Objects.requireNonNull(window, "window");
    this.outOfOrderness = Objects.requireNonNull(outOfOrderness, "outOfOrderness");
  }

  /**
   * Resolves TripUpdates against this GTFS feed (delays from predicted times, propagation to later
   * stops, cancellations); without it, delays are taken as the feed gives them.
   */
  public ZoneFlowJob withTimetable(Path gtfs) {
    this.timetable = Objects.requireNonNull(gtfs, "gtfs");
    return this;
  }

  /** Windows of the job's length starting every {@code slide} (sliding; default: tumbling). */
  public ZoneFlowJob slidingEvery(Duration slide) {
    this.slide = Objects.requireNonNull(slide, "slide");
    return this;
  }

  /**
   * Keeps windows open this long after the watermark passed their end: a late observation updates
   * its window, which is emitted again (consumers upsert on unit, id and window start). Later ones
   * are dead letters. Default: none.
   */
  public ZoneFlowJob allowedLateness(Duration lateness) {
    this.allowedLateness = Objects.requireNonNull(lateness, "lateness");
    return this;
  }

  /**
   * Also computes the indicators per {@code unit} (not ZONE, whose sink is the job's), into sink.
   */
  public ZoneFlowJob withUnitSink(SpatialUnit unit, Sink<ZoneFlow> sink) {
    if (unit == SpatialUnit.ZONE) {
      throw new IllegalArgumentException("the zone sink is the job's own");
    }
    unitSinks.put(unit, Objects.requireNonNull(sink, "sink"));
    return this;
  }

  /**
   * Also derives intermodality suggestions (delay → shared vehicle, connection at risk, congestion
   * → mode shift, first/last-mile gap) into {@code sink}, with the trips and stops of {@code gtfs};
   * computes the route indicators (their on-time shares) whether or not they have a sink.
   */
  public ZoneFlowJob withSuggestions(
      Sink<Suggestion> sink, Path gtfs, SuggestionSettings settings) {
    this.suggestionSink = Objects.requireNonNull(sink, "sink");
    this.suggestionTimetable = Objects.requireNonNull(gtfs, "gtfs");
    this.suggestionSettings = Objects.requireNonNull(settings, "settings");
    return this;
  }

  /**
   * Also writes the indicators of {@code units} (computed for it where no other sink asks for them)
   * to {@code sink}: the flow tables, which hold every unit in one table.
   */
  public ZoneFlowJob withFlowTable(Sink<ZoneFlow> sink, Set<SpatialUnit> units) {
    this.flowTableSink = Objects.requireNonNull(sink, "sink");
    this.flowTableUnits.addAll(units);
    return this;
  }

  /** The H3 resolution of the H3 unit (0–15); default {@link #DEFAULT_H3_RESOLUTION}. */
  public ZoneFlowJob h3Resolution(int resolution) {
    if (resolution < 0 || resolution > 15) {
      throw new IllegalArgumentException("H3 resolution " + resolution + " is not in 0..15");
    }
    this.h3Resolution = resolution;
    return this;
  }

  /**
   * Rejects events whose time lies outside these bounds around their document's fetch time; default
   * {@link EventTimeBounds#DEFAULT}.
   */
  public ZoneFlowJob eventTimeBounds(EventTimeBounds bounds) {
    this.eventTimeBounds = Objects.requireNonNull(bounds, "bounds");
    return this;
  }

  /**
   * What is published of data about trips: k for pick-up and drop-off counts, the coarsest H3
   * resolution for them, the key of vehicles' pseudonyms; default {@link PrivacySettings#DEFAULT}.
   */
  public ZoneFlowJob privacy(PrivacySettings settings) {
    this.privacy = Objects.requireNonNull(settings, "settings");
    return this;
  }

  /**
   * Sums windows with {@code aggregator}: a test's stand-in for a build that declares other
   * measures (SavepointUpgradeITCase).
   */
  ZoneFlowJob windowSums(ZoneFlowAggregator aggregator) {
    this.windowSums = Objects.requireNonNull(aggregator, "aggregator");
    return this;
  }

  /** Adds the job's operators to {@code env}. */
  public void build(StreamExecutionEnvironment env) {
    ObservedAtWindows windows = ObservedAtWindows.of(window, slide == null ? window : slide);
    Set<SpatialUnit> units = EnumSet.of(SpatialUnit.ZONE);
    units.addAll(unitSinks.keySet());
    if (suggestionSink != null) {
      units.add(SpatialUnit.ROUTE);
    }
    units.addAll(flowTableUnits);

    // 1. Source: raw snapshots in fetch order (one reader keeps the order).
    DataStream<FeedSnapshot> snapshots =
        env.fromSource(source, SnapshotReplaySource.watermarks(), "feed snapshots")
            .uid("feed-snapshots")
            .setParallelism(1);

    // 2. Match: decode each feed kind, place its events in zones, event time per kind.
    SingleOutputStreamOperator<MatchedCounterReading> readings =
        observe(
            snapshots,
            Map.of(
                FeedKind.COUNTER_CSV, new CounterCsvDecoder(),
                FeedKind.COUNTER_PARIS_ARCHIVE, new ParisArchiveDecoder(),
                FeedKind.COUNTER_PARIS_PORTAL, new ParisPortalDecoder(),
                FeedKind.COUNTER_DATEX2, new Datex2Decoder()),
            ZoneMatchers::counterReading,
            m -> m.reading().observedAt(),
            MatchedCounterReading.class,
            "counters");
    SingleOutputStreamOperator<MatchedVehiclePosition> positions =
        observe(
            snapshots,
            Map.of(FeedKind.GTFS_RT_VEHICLE_POSITIONS, new VehiclePositionDecoder()),
            ZoneMatchers::vehiclePosition,
            m -> m.position().observedAt(),
            MatchedVehiclePosition.class,
            "gtfs-rt-vehicle-positions");
    SingleOutputStreamOperator<MatchedStopTimeUpdate> stopUpdates =
        observe(
            snapshots,
            Map.of(
                FeedKind.GTFS_RT_TRIP_UPDATES,
                timetable == null
                    ? new TripUpdateDecoder()
                    : new ResolvedTripUpdateDecoder(timetable)),
            ZoneMatchers::stopTimeUpdate,
            m -> m.update().observedAt(),
            MatchedStopTimeUpdate.class,
            "gtfs-rt-trip-updates");
    SingleOutputStreamOperator<MatchedStationStatus> stations =
        observe(
            snapshots,
            Map.of(FeedKind.GBFS_STATION_STATUS, new StationStatusDecoder()),
            ZoneMatchers::stationStatus,
            m -> m.status().observedAt(),
            MatchedStationStatus.class,
            "gbfs-station-status");

    DataStream<FeedSnapshot> freeVehicleSnapshots =
        snapshots
            .filter(snapshot -> snapshot.kind() == FeedKind.GBFS_FREE_VEHICLES)
            .setParallelism(1) // chained to the source: a feed's snapshots stay in fetch order
            .name("free vehicle snapshots")
            .uid("free-vehicle-snapshots");
    SingleOutputStreamOperator<MatchedVehicleChange> vehicleChanges =
        freeVehicleSnapshots
            .keyBy(FeedSnapshot::feedId)
            .process(
                new VehicleChangesFunction(places, eventTimeBounds),
                TypeInformation.of(MatchedVehicleChange.class))
            .setParallelism(1) // one task: its changes get their watermarks in one order
            .name("pick-ups and drop-offs")
            .uid("vehicle-changes");

    // Event time, once per kind: watermarks from one task; each observation once (the times seen
    // are remembered for a window and the allowed lateness), late ones dead letters.
    Duration remembered = window.plus(allowedLateness);
    SingleOutputStreamOperator<MatchedCounterReading> readingTimes =
        gate(
            readings,
            m -> m.reading().observedAt(),
            m -> m.reading().siteId(),
            ObservationGate.onceAndOnTime("counter", allowedLateness, remembered),
            "counter");
    SingleOutputStreamOperator<MatchedVehiclePosition> positionTimes =
        gate(
            positions,
            m -> m.position().observedAt(),
            m -> m.position().vehicleId(),
            ObservationGate.<MatchedVehiclePosition>onceAndOnTime(
                    "vehicle-position", allowedLateness, remembered)
                .keyedByVehicle(),
            "vehicle-position");
    SingleOutputStreamOperator<MatchedStopTimeUpdate> stopUpdateTimes =
        gate(
            stopUpdates,
            m -> m.update().observedAt(),
            DepartureFunction.KEY,
            ObservationGate.onceAndOnTime("stop-time-update", allowedLateness, remembered),
            "stop-time-update");
    SingleOutputStreamOperator<MatchedVehicleChange> vehicleChangeTimes =
        gate(
            vehicleChanges,
            m -> m.change().observedAt(),
            m -> m.zoneId(),
            ObservationGate.onTime("vehicle-change", allowedLateness),
            "vehicle-change");

    // Stateful per place: each site's free-flow speed, each station's state over time, each
    // trip's departure from each stop and the headways of each route at each stop. Counter
    // readings and stop time updates stay with the task that let them through, keyed the same.
    SingleOutputStreamOperator<RoadReading> roadReadings =
        DataStreamUtils.reinterpretAsKeyedStream(readingTimes, m -> m.reading().siteId())
            .process(new RoadBaselineFunction(), TypeInformation.of(RoadReading.class))
            .name("free-flow speed per site")
            .uid("road-baseline");
    SingleOutputStreamOperator<StationInterval> stationIntervals =
        eventTime(stations, m -> m.status().observedAt(), "station-status")
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

    SingleOutputStreamOperator<Departure> realtimeDepartures =
        DataStreamUtils.reinterpretAsKeyedStream(
                stopUpdateTimes
                    .filter(DepartureFunction::predictsTime) // only these are kept
                    .name("updates with predicted times")
                    .uid("predicted-times"),
                DepartureFunction.KEY)
            .process(new DepartureFunction(), TypeInformation.of(Departure.class))
            .name("realtime departures")
            .uid("departures");
    SingleOutputStreamOperator<Departure> departures =
        realtimeDepartures
            .keyBy(HeadwayFunction.KEY)
            .process(new HeadwayFunction(), TypeInformation.of(Departure.class))
            .name("headways")
            .uid("headways");

    DataStream<ZoneSample> samples =
        fanOut(roadReadings, RoadIndicators.READINGS, units, "counter")
            .union(
                fanOut(
                    positionTimes, TransitIndicators.VEHICLE_POSITIONS, units, "vehicle-position"),
                fanOut(
                    stopUpdateTimes,
                    TransitIndicators.STOP_TIME_UPDATES,
                    units,
                    "stop-time-update"),
                fanOut(departures, TransitIndicators.DEPARTURES, units, "departure"),
                fanOut(
                    newStationReports,
                    SharedMobilityIndicators.STATION_REPORTS,
                    units,
                    "station-status"),
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

    // 3. Key by unit, window by event time; 4. aggregate into indicators.
    SingleOutputStreamOperator<ZoneFlow> flows =
        samples
            .keyBy(ZoneSample::key)
            .window(windows)
            .allowedLateness(allowedLateness)
            .sideOutputLateData(LATE_SAMPLES)
            .aggregate(
                windowSums, new ZoneFlowWindowFunction(timetable, places, privacy, h3Resolution))
            .name("flow indicators per window")
            .uid("zone-flow-window");

    DataStream<Rejection> suggestionDeadLetters = null;
    // 5. Suggestions from the stops' updates, the stations near them and the zones' indicators.
    if (suggestionSink != null) {
      suggestionDeadLetters = suggest(stopUpdateTimes, stationReports, freeVehicleSnapshots, flows);
    }

    // 6. Sinks: indicators per unit, and every rejection and late event.
    if (units.size() == 1) {
      flows.sinkTo(flowSink).name("zone flows").uid("zone-flow-sink");
    } else {
      sinkUnit(flows, SpatialUnit.ZONE, flowSink);
      unitSinks.forEach((unit, sink) -> sinkUnit(flows, unit, sink));
    }
    if (flowTableSink != null) {
      Set<SpatialUnit> tabled = EnumSet.copyOf(flowTableUnits);
      flows
          .filter(flow -> tabled.contains(flow.unit()))
          .name("flows for the flow tables")
          .uid("flow-table-flows")
          .sinkTo(flowTableSink)
          .name("flow tables")
          .uid("flow-table-sink");
    }
    DataStream<Rejection> late =
        flows
            .getSideOutput(LATE_SAMPLES)
            .map(new LateSamples(), TypeInformation.of(Rejection.class))
            .name("late samples")
            .uid("late-samples");
    DataStream<Rejection> deadLetters = late;
    for (SingleOutputStreamOperator<?> operator :
        List.of(
            readings,
            positions,
            stopUpdates,
            stations,
            vehicleChanges,
            readingTimes,
            positionTimes,
            stopUpdateTimes,
            vehicleChangeTimes,
            stationIntervals,
            roadReadings,
            realtimeDepartures,
            departures)) {
      deadLetters = deadLetters.union(operator.getSideOutput(DecodeAndMatchFunction.DEAD_LETTERS));
    }
    if (suggestionDeadLetters != null) {
      deadLetters = deadLetters.union(suggestionDeadLetters);
    }
    DeadLetterRedaction redaction = privacy.deadLetters();
    deadLetters
        .map(redaction::redact, TypeInformation.of(Rejection.class))
        .name("dead letters redacted")
        .uid("dead-letter-redaction")
        .map(new DeadLetterCounts(), TypeInformation.of(Rejection.class))
        .name("dead letters per reason")
        .uid("dead-letter-counts")
        .sinkTo(deadLetterSink)
        .name("dead letters")
        .uid("dead-letter-sink");
  }

  /**
   * The suggestion branch. Station reports are broadcast as the station operator let them through
   * (in station event time, none late); free-floating snapshots with the source's watermarks (fetch
   * time), not a per-kind event time: a kind without any snapshot (no free-floating feed, say)
   * would otherwise hold the operator's watermark, and with it every waiting update, until the feed
   * is declared idle. Returns the dead letters of its operators (inputs they threw on).
   */
  private DataStream<Rejection> suggest(
      DataStream<MatchedStopTimeUpdate> stopUpdates,
      DataStream<MatchedStationStatus> stationReports,
      DataStream<FeedSnapshot> freeVehicleSnapshots,
      DataStream<ZoneFlow> flows) {
    TypeInformation<SharedVehicleReport> reportType = TypeInformation.of(SharedVehicleReport.class);
    KeyedHash pseudonyms = privacy.hash();
    DataStream<SharedVehicleReport> freeVehicles =
        freeVehicleSnapshots
            .flatMap(
                (FeedSnapshot snapshot, Collector<SharedVehicleReport> out) ->
                    FreeVehicles.of(snapshot, pseudonyms)
                        .map(SharedVehicleReport::of)
                        .ifPresent(out::collect),
                reportType)
            .name("free vehicles available")
            .uid("free-vehicles-available");
    SingleOutputStreamOperator<Suggestion> atStops =
        stopUpdates
            .keyBy(MatchedStopTimeUpdate::stopId)
            .connect(
                stationReports
                    .map(m -> SharedVehicleReport.of(m.status()), reportType)
                    .name("station availability")
                    .uid("station-availability-broadcast")
                    .union(freeVehicles)
                    .broadcast(
                        StopSuggestionFunction.STATIONS, StopSuggestionFunction.FREE_VEHICLES))
            .process(
                new StopSuggestionFunction(suggestionTimetable, places, suggestionSettings),
                TypeInformation.of(Suggestion.class))
            .name("suggestions at stops")
            .uid("stop-suggestions");
    SingleOutputStreamOperator<Suggestion> inZones =
        flows
            .filter(flow -> flow.unit() == SpatialUnit.ZONE)
            .name("zone flows for suggestions")
            .uid("zone-flows-for-suggestions")
            .keyBy(ZoneFlow::unitId)
            .connect(
                flows
                    .filter(flow -> flow.unit() == SpatialUnit.ROUTE)
                    .name("route flows for suggestions")
                    .uid("route-flows-for-suggestions")
                    .broadcast(ZoneSuggestionFunction.ROUTE_ON_TIME))
            .process(
                new ZoneSuggestionFunction(suggestionTimetable, places),
                TypeInformation.of(Suggestion.class))
            .name("suggestions in zones")
            .uid("zone-suggestions");
    atStops.union(inZones).sinkTo(suggestionSink).name("suggestions").uid("suggestion-sink");
    return atStops
        .getSideOutput(DecodeAndMatchFunction.DEAD_LETTERS)
        .union(inZones.getSideOutput(DecodeAndMatchFunction.DEAD_LETTERS));
  }

  private static void sinkUnit(DataStream<ZoneFlow> flows, SpatialUnit unit, Sink<ZoneFlow> sink) {
    flows
        .filter(flow -> flow.unit() == unit)
        .name(unit.slug() + " flows")
        .uid(unit.slug() + "-flows")
        .sinkTo(sink)
        .name(unit.slug() + " flow sink")
        .uid(unit == SpatialUnit.ZONE ? "zone-flow-sink" : unit.slug() + "-flow-sink");
  }

  /**
   * Decodes and matches the kinds of {@code decoders} (each behind the size limit); rejections are
   * on the DEAD_LETTERS side output. {@code id} names the operator (its uid is {@code
   * decode-match-<id>}).
   */
  private <T, M> SingleOutputStreamOperator<M> observe(
      DataStream<FeedSnapshot> snapshots,
      Map<FeedKind, FeedDecoder<T>> decoders,
      Matcher<T, M> matcher,
      SerializableFunction<M, Instant> eventTime,
      Class<M> matchedType,
      String id) {
    Map<FeedKind, FeedDecoder<T>> limited = new EnumMap<>(FeedKind.class);
    decoders.forEach(
        (kind, decoder) -> limited.put(kind, decoder.limitedTo(FeedDecoder.DEFAULT_MAX_BYTES)));
    EnumSet<FeedKind> kinds = EnumSet.copyOf(decoders.keySet());
    return snapshots
        .filter(snapshot -> kinds.contains(snapshot.kind()))
        .setParallelism(1) // chained to the source: only these kinds cross the network
        .name("route " + id)
        .uid("route-" + id)
        .process(
            new DecodeAndMatchFunction<>(
                "decode-match-" + id, limited, matcher, eventTime, eventTimeBounds, places),
            TypeInformation.of(matchedType))
        .name("decode and match " + id)
        .uid("decode-match-" + id)
        .setParallelism(1); // in fetch order: the kind's event time is assigned in one order
  }

  /**
   * Gives matched events their event time and watermarks (per feed kind, with idleness), in one
   * task: the kind's events then meet its watermarks in the same order in every run.
   */
  private <M> DataStream<M> eventTime(
      DataStream<M> matched, SerializableFunction<M, Instant> eventTime, String id) {
    return matched
        .assignTimestampsAndWatermarks(watermarks(eventTime, outOfOrderness))
        .setParallelism(1)
        .name(id + " event time")
        .uid(id + "-event-time");
  }

  /**
   * The events of one kind in event time, keyed by the entity they observe, through {@code gate}
   * (repeats dropped, late ones dead letters on its side output).
   */
  private <M> SingleOutputStreamOperator<M> gate(
      SingleOutputStreamOperator<M> matched,
      SerializableFunction<M, Instant> eventTime,
      KeySelector<M, String> entity,
      ObservationGate<M> gate,
      String id) {
    return eventTime(matched, eventTime, id)
        .keyBy(entity)
        .process(gate, matched.getType())
        .name(id + " on time")
        .uid(id + "-gate");
  }

  /**
   * The watermark strategy of one feed kind: its own event time, bounded out-of-orderness (emitted
   * with the events, {@link EventDrivenWatermarks}), and idleness after {@link #IDLENESS} without
   * events (so a silent feed does not hold back the windows of the others).
   */
  public static <M> WatermarkStrategy<M> watermarks(
      SerializableFunction<M, Instant> eventTime, Duration outOfOrderness) {
    return WatermarkStrategy.<M>forGenerator(context -> new EventDrivenWatermarks<>(outOfOrderness))
        .withTimestampAssigner((event, previous) -> eventTime.apply(event).toEpochMilli())
        .withIdleness(IDLENESS);
  }

  /** Turns events into samples of every unit computed. */
  private <M> DataStream<ZoneSample> fanOut(
      DataStream<M> events, Sampler<M> sampler, Set<SpatialUnit> units, String id) {
    return events
        .flatMap(
            new UnitFanOut<>(sampler, units, places, h3Resolution),
            TypeInformation.of(ZoneSample.class))
        .name(id + " samples")
        .uid(id + "-samples");
  }
}
