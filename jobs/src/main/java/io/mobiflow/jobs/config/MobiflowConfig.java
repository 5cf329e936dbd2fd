package io.mobiflow.jobs.config;

import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.counters.model.CounterReading;
import io.mobiflow.connectors.feeds.FeedFormats;
import io.mobiflow.connectors.gbfs.model.StationStatus;
import io.mobiflow.connectors.gtfsrt.model.StopTimeUpdate;
import io.mobiflow.connectors.kafka.RawTopics;
import io.mobiflow.connectors.source.http.HttpFeed;
import io.mobiflow.jobs.store.FlowTables;
import io.mobiflow.jobs.suggest.SuggestionSettings;
import io.mobiflow.jobs.zoneflow.EventTimeBounds;
import io.mobiflow.jobs.zoneflow.PrivacySettings;
import io.mobiflow.jobs.zoneflow.SpatialUnit;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;

/**
 * Everything {@code mobiflow run} and {@code mobiflow ingest} need, from one YAML file read by
 * {@link ConfigLoader}: plain data (stores are opened from it by {@link
 * io.mobiflow.jobs.store.FlowStores}); its keys and defaults are declared in {@link ConfigKeys}.
 *
 * @param file the file it was read from
 * @param kafka the brokers and client settings, or {@code null} when nothing uses Kafka
 * @param topics topic names
 * @param places where the reference data is (zones required)
 * @param window the indicators' event-time windows
 * @param parallelism tasks per operator, or 0 for the environment's (the client's or the cluster's
 *     default)
 * @param checkpoints where and how the job keeps and checkpoints its state
 * @param feeds the live feeds {@code ingest} polls (may be empty for {@code run})
 * @param sources recorded snapshots and feed files to replay instead of the raw topics
 * @param outputs where indicators go when not to Kafka
 * @param suggestions the suggestion rules' settings, or {@code null} when no suggestions are made
 * @param limits what the run accepts of its input
 * @param retention how long the run's outputs are kept
 * @param privacy what the run publishes of data about trips ({@code docs/privacy.md})
 */
public record MobiflowConfig(
    Path file,
    Kafka kafka,
    Topics topics,
    PlaceFiles places,
    Window window,
    int parallelism,
    Checkpoints checkpoints,
    List<HttpFeed> feeds,
    Sources sources,
    Outputs outputs,
    SuggestionSettings suggestions,
    Limits limits,
    Retention retention,
    PrivacySettings privacy) {

  /**
   * The declared defaults of every key ({@link ConfigKeys}), as a program's starting point: no
   * file, no places, no Kafka settings, no feeds, sources, outputs or suggestions (so the run would
   * read and write Kafka: give {@code kafka}, or sources and outputs), state on the heap and
   * checkpoints in {@code checkpoints/} of the working directory, a pseudonym key of this process.
   */
  public static MobiflowConfig defaults() {
    return ConfigLoader.defaults();
  }

  /** Whether the run reads the raw topics (no file sources configured). */
  public boolean readsKafka() {
    return sources.isEmpty();
  }

  /**
   * The {@code places} key whose reference data events of {@code kind} are matched with, when it is
   * not configured (every such event would be an unknown reference), else {@code null}.
   */
  public String missingPlaces(FeedKind kind) {
    Placing placing = PLACED_WITH.get(FeedFormats.of(kind).eventType());
    return placing == null || placing.file().apply(places) != null ? null : placing.key().path();
  }

  /**
   * The reference data that places one type of event.
   *
   * @param key its key
   * @param file its file in a configuration
   */
  private record Placing(ConfigKey<Path> key, Function<PlaceFiles, Path> file) {}

  /** The events the job matches with reference data, and the places key of that data. */
  private static final Map<Class<?>, Placing> PLACED_WITH =
      Map.of(
          CounterReading.class,
          new Placing(ConfigKeys.PLACES_COUNTER_SITES, PlaceFiles::counterSites),
          StopTimeUpdate.class,
          new Placing(ConfigKeys.PLACES_GTFS, PlaceFiles::gtfs),
          StationStatus.class,
          new Placing(ConfigKeys.PLACES_STATIONS, PlaceFiles::stations));

  /** Whether the run writes to Kafka (no JSON-lines output or flow-table store configured). */
  public boolean writesKafka() {
    return outputs.jsonLines() == null && outputs.flowTables() == null;
  }

  /**
   * What the run accepts of its input.
   *
   * @param eventTimes how far from its document's fetch time an event's time may be
   * @param maxRejectedShare above this share of dead letters among the records read, a bounded run
   *     ends with a warning and a non-zero exit
   */
  public record Limits(EventTimeBounds eventTimes, double maxRejectedShare) {}

  /**
   * How long the run keeps what it wrote, each {@code null} for ever ({@code docs/flow-tables.md}).
   *
   * @param deadLetters the dead-letter JSON-lines files: a part file is deleted once its newest
   *     line is older
   * @param suggestions the suggestion JSON-lines files, likewise
   * @param flowTables the flow-table rows: a row goes once its window ended this long before the
   *     newest window the run wrote (or the wall clock, if earlier)
   */
  public record Retention(Duration deadLetters, Duration suggestions, Duration flowTables) {

    /**
     * 30 days of dead letters and suggestions (operators' evidence, with raw references); two years
     * of indicators (planners compare a season with the same season a year before).
     */
    public static final Retention DEFAULT =
        new Retention(Duration.ofDays(30), Duration.ofDays(30), Duration.ofDays(730));
  }

  /**
   * Recorded or downloaded input for backfills and ad-hoc runs.
   *
   * @param snapshots a snapshot directory ({@code <feed-id>/<kind>/<epoch-seconds>.<ext>}), or
   *     {@code null}
   * @param files single feed files, each with its kind
   */
  public record Sources(Path snapshots, List<FileSource> files) {
    public boolean isEmpty() {
      return snapshots == null && files.isEmpty();
    }
  }

  /**
   * One feed file to replay as one snapshot, fetched at the file's modification time.
   *
   * @param path the file
   * @param kind what it holds
   * @param feedId the feed it belongs to
   */
  public record FileSource(Path path, FeedKind kind, String feedId) {}

  /**
   * Outputs besides Kafka.
   *
   * @param jsonLines a folder for {@code <unit>-flows/}, {@code dead-letters/} and {@code
   *     suggestions/} JSON lines, or {@code null}
   * @param flowTables where the flow tables are (a GeoPackage or PostgreSQL/PostGIS), or {@code
   *     null}; opened by {@link io.mobiflow.jobs.store.FlowStores#open}
   * @param sideFiles the folder of the dead letters and suggestions as JSON lines ({@code
   *     dead-letters/}, {@code suggestions/}): the JSON-lines folder, or beside the flow tables;
   *     {@code null} when everything goes to Kafka
   * @param units the units indicators are computed for and written as JSON lines or to Kafka, zones
   *     first
   * @param flowTableUnits the units whose indicators the flow tables hold, zones first
   */
  public record Outputs(
      Path jsonLines,
      FlowTables flowTables,
      Path sideFiles,
      Set<SpatialUnit> units,
      Set<SpatialUnit> flowTableUnits) {

    public Outputs {
      units = Collections.unmodifiableSet(EnumSet.copyOf(units));
      flowTableUnits = Collections.unmodifiableSet(EnumSet.copyOf(flowTableUnits));
      if (!units.contains(SpatialUnit.ZONE) || !flowTableUnits.contains(SpatialUnit.ZONE)) {
        throw new IllegalArgumentException("zones are always computed");
      }
    }
  }

  /**
   * Where and how the job keeps and checkpoints its state ({@code checkpoints.*}).
   *
   * @param interval how often the job checkpoints (and so commits its Kafka output)
   * @param dir where checkpoints are written: a {@code file:} URL, or another file system's ({@code
   *     s3://bucket/…}) that every TaskManager reaches
   * @param savepointDir where a savepoint goes when its command names no folder, or {@code null}
   * @param stateBackend where the running job's state is
   * @param incremental whether a RocksDB checkpoint uploads only its new files (the heap backend
   *     always writes all its state)
   */
  public record Checkpoints(
      Duration interval,
      URI dir,
      URI savepointDir,
      StateBackend stateBackend,
      boolean incremental) {}

  /** Where the running job's state is: Flink's two state backends. */
  public enum StateBackend {
    /** Objects on the heap: fastest, bounded by memory, every checkpoint a full copy. */
    HASHMAP,
    /** Serialized in an embedded RocksDB on local disk: larger than memory, incremental. */
    ROCKSDB;

    /** Its name in the configuration and in Flink's {@code state.backend.type}. */
    public String flinkName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Kafka connection settings.
   *
   * @param bootstrapServers host:port list
   * @param properties client properties passed through to every consumer, producer and admin client
   *     (SASL, TLS, …)
   * @param consumerGroup the job's consumer group
   * @param transactionalIdPrefix prefix of the exactly-once sink's transactional ids
   * @param connectTimeout how long to wait for the brokers at start before giving up
   * @param sourceParallelism tasks reading the raw topics, or 0 for their partitions (at most the
   *     job's parallelism)
   */
  public record Kafka(
      String bootstrapServers,
      Map<String, String> properties,
      String consumerGroup,
      String transactionalIdPrefix,
      Duration connectTimeout,
      int sourceParallelism) {

    /** bootstrap.servers and the pass-through properties, for a Kafka client. */
    public Properties clientProperties() {
      Properties out = new Properties();
      out.putAll(properties);
      out.put("bootstrap.servers", bootstrapServers);
      return out;
    }
  }

  /**
   * Topic names; see {@code docs/topics.md}.
   *
   * @param raw the raw topics (one per feed kind)
   * @param zoneFlows zone indicators
   * @param flowsPrefix the prefix of the other units' topics: {@code <prefix><unit>-flows}
   * @param deadLetters rejected input with its source and reason
   * @param feedHealth one record per poll of a live feed
   */
  public record Topics(
      RawTopics raw,
      String zoneFlows,
      String flowsPrefix,
      String deadLetters,
      String feedHealth,
      String suggestions) {

    /** The topic of one unit's indicators. */
    public String flows(SpatialUnit unit) {
      return unit == SpatialUnit.ZONE ? zoneFlows : flowsPrefix + unit.slug() + "-flows";
    }
  }

  /**
   * Reference data files.
   *
   * @param zones GeoJSON zones, or a GeoPackage ({@code .gpkg})
   * @param zonesLayer the GeoPackage layer of the zones, or {@code null} for GeoJSON
   * @param zoneIdProperty the property holding a zone's id
   * @param zoneNameProperty the property holding its name
   * @param gtfs a GTFS feed whose stops place TripUpdates, or {@code null}
   * @param stations a GBFS station_information file, or {@code null}
   * @param counterSites a CSV {@code site_id,name,lat,lon}, or {@code null}
   * @param resolveTripUpdates whether TripUpdates are resolved against the GTFS feed's timetable
   *     (delays from predicted times, propagation, cancellations) and its scheduled departures
   *     counted; otherwise the feed gives only its stops
   */
  public record PlaceFiles(
      Path zones,
      String zonesLayer,
      String zoneIdProperty,
      String zoneNameProperty,
      Path gtfs,
      Path stations,
      Path counterSites,
      boolean resolveTripUpdates) {

    /** The timetable TripUpdates are resolved against, or {@code null}. */
    public Path timetable() {
      return resolveTripUpdates ? gtfs : null;
    }
  }

  /**
   * Event-time windows.
   *
   * @param length window length
   * @param slide how often a window starts (the length: tumbling windows)
   * @param outOfOrderness how late within a feed kind events may come
   * @param allowedLateness how long after the watermark a window still takes late events
   * @param earlyResults how often the open windows' indicators are published before they close
   *     (zero: final records only)
   * @param h3Resolution the resolution of the H3 unit
   */
  public record Window(
      Duration length,
      Duration slide,
      Duration outOfOrderness,
      Duration allowedLateness,
      Duration earlyResults,
      int h3Resolution) {}
}
