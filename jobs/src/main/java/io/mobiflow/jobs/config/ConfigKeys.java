package io.mobiflow.jobs.config;

import static io.mobiflow.jobs.config.ConfigKey.Computed.NONE;
import static io.mobiflow.jobs.config.ConfigKey.Computed.REQUIRED;

import io.mobiflow.connectors.kafka.RawTopics;
import io.mobiflow.jobs.suggest.SuggestionSettings;
import io.mobiflow.jobs.suggest.TravelModel;
import io.mobiflow.jobs.zoneflow.EventTimeBounds;
import io.mobiflow.jobs.zoneflow.PrivacySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Every key of the configuration file of {@code mobiflow run} and {@code ingest}, declared once, in
 * the order of {@code docs/configuration.md} (rendered from them by {@link ConfigReference}).
 */
public final class ConfigKeys {

  private static final List<ConfigKey<?>> DECLARED = new ArrayList<>();

  /** Every key, sections before their keys, in declaration order. */
  public static final List<ConfigKey<?>> ALL = Collections.unmodifiableList(DECLARED);

  private static final SuggestionSettings SUGGESTIONS = SuggestionSettings.DEFAULT;
  private static final TravelModel TRAVEL = SUGGESTIONS.travel();
  private static final MobiflowConfig.Retention RETENTION = MobiflowConfig.Retention.DEFAULT;

  /**
   * The greatest parallelism: Flink's default number of key groups (its max parallelism) below 86
   * tasks, which the state of every savepoint so far has.
   */
  private static final long MAX_PARALLELISM = 128;

  public static final ConfigKey<Void> KAFKA =
      declare(
          ConfigKey.section(
              "kafka",
              "The brokers and client settings: required when the run reads or writes Kafka (no"
                  + " sources, or no outputs) and for ingest."));
  public static final ConfigKey<String> KAFKA_BOOTSTRAP_SERVERS =
      declare(ConfigKey.text("kafka.bootstrap_servers", REQUIRED, "`host:port` list of brokers"));
  public static final ConfigKey<Map<String, String>> KAFKA_PROPERTIES =
      declare(
          ConfigKey.textMap(
              "kafka.properties",
              "client properties passed to every consumer, producer and admin client (SASL, TLS)"));
  public static final ConfigKey<String> KAFKA_CONSUMER_GROUP =
      declare(ConfigKey.text("kafka.consumer_group", "mobiflow-zoneflow", "the job's group"));
  public static final ConfigKey<String> KAFKA_TRANSACTIONAL_ID_PREFIX =
      declare(
          ConfigKey.text(
              "kafka.transactional_id_prefix",
              "mobiflow-zoneflow",
              "prefix of the exactly-once sinks' transactional ids"));
  public static final ConfigKey<Long> KAFKA_CONNECT_TIMEOUT_SECONDS =
      declare(
          ConfigKey.wholeNumber(
              "kafka.connect_timeout_seconds",
              15,
              1,
              600,
              "how long to wait for the brokers at start"));
  public static final ConfigKey<Long> KAFKA_SOURCE_PARALLELISM =
      declare(
          ConfigKey.wholeNumber(
              "kafka.source_parallelism",
              new ConfigKey.Computed(
                  "the raw topics' partitions (their sum), at most the job's parallelism; the job's"
                      + " parallelism where the partitions are not asked (`mobiflow run`)"),
              0,
              MAX_PARALLELISM,
              "tasks reading the raw topics; 0: the default. More than the job's parallelism"
                  + " takes more slots"));

  public static final ConfigKey<Void> TOPICS =
      declare(ConfigKey.section("topics", "Topic names (docs/topics.md)."));
  public static final ConfigKey<String> TOPICS_RAW_PREFIX =
      declare(
          ConfigKey.text(
              "topics.raw_prefix",
              RawTopics.DEFAULT_PREFIX,
              "the raw topics: `<prefix><feed kind>`, one per kind"));
  public static final ConfigKey<String> TOPICS_ZONE_FLOWS =
      declare(ConfigKey.text("topics.zone_flows", "mobiflow.zone-flows", "zone indicators"));
  public static final ConfigKey<String> TOPICS_FLOWS_PREFIX =
      declare(
          ConfigKey.text(
              "topics.flows_prefix",
              "mobiflow.",
              "the other units' indicators: `<prefix><unit>-flows`"));
  public static final ConfigKey<String> TOPICS_DEAD_LETTERS =
      declare(
          ConfigKey.text(
              "topics.dead_letters",
              "mobiflow.dead-letters",
              "rejected input with its source and reason"));
  public static final ConfigKey<String> TOPICS_FEED_HEALTH =
      declare(
          ConfigKey.text(
              "topics.feed_health", "mobiflow.feed-health", "one record per poll of a live feed"));
  public static final ConfigKey<String> TOPICS_SUGGESTIONS =
      declare(
          ConfigKey.text(
              "topics.suggestions",
              "mobiflow.suggestions",
              "suggestions, when the suggestions section is present"));

  public static final ConfigKey<Void> PLACES =
      declare(
          ConfigKey.section(
              "places", "Reference data the events are placed with; paths relative to the file."));
  public static final ConfigKey<Path> PLACES_ZONES =
      declare(
          ConfigKey.existingPath(
              "places.zones", REQUIRED, "GeoJSON zones, or a GeoPackage (.gpkg)"));
  public static final ConfigKey<String> PLACES_ZONES_LAYER =
      declare(ConfigKey.text("places.zones_layer", NONE, "the layer of the zones in a GeoPackage"));
  public static final ConfigKey<String> PLACES_ZONE_ID_PROPERTY =
      declare(ConfigKey.text("places.zone_id_property", "id", "the property holding a zone's id"));
  public static final ConfigKey<String> PLACES_ZONE_NAME_PROPERTY =
      declare(ConfigKey.text("places.zone_name_property", "name", "the property holding its name"));
  public static final ConfigKey<Path> PLACES_GTFS =
      declare(
          ConfigKey.existingPath(
              "places.gtfs", NONE, "a GTFS zip whose stops and trips place TripUpdates"));
  public static final ConfigKey<Boolean> PLACES_RESOLVE_TRIP_UPDATES =
      declare(
          ConfigKey.flag(
              "places.resolve_trip_updates",
              true,
              "TripUpdates resolved against the gtfs timetable, its scheduled departures counted;"
                  + " false: its stops only"));
  public static final ConfigKey<Path> PLACES_STATIONS =
      declare(
          ConfigKey.existingPath(
              "places.stations", NONE, "a GBFS station_information.json placing station status"));
  public static final ConfigKey<Path> PLACES_COUNTER_SITES =
      declare(
          ConfigKey.existingPath(
              "places.counter_sites",
              NONE,
              "a CSV `site_id,name,lat,lon` placing counter readings"));

  public static final ConfigKey<Void> WINDOW =
      declare(ConfigKey.section("window", "The indicators' event-time windows."));
  public static final ConfigKey<Long> WINDOW_MINUTES =
      declare(ConfigKey.wholeNumber("window.minutes", 5, 1, 24 * 60, "window length"));
  public static final ConfigKey<Long> WINDOW_SLIDE_MINUTES =
      declare(
          ConfigKey.wholeNumber(
              "window.slide_minutes",
              new ConfigKey.Computed("`window.minutes`"),
              1,
              24 * 60,
              "how often a window starts: divides window.minutes; less is sliding windows"));
  public static final ConfigKey<Long> WINDOW_OUT_OF_ORDERNESS_SECONDS =
      declare(
          ConfigKey.wholeNumber(
              "window.out_of_orderness_seconds",
              120,
              0,
              24 * 3600,
              "how late within a feed kind events may come"));
  public static final ConfigKey<Long> WINDOW_ALLOWED_LATENESS_SECONDS =
      declare(
          ConfigKey.wholeNumber(
              "window.allowed_lateness_seconds",
              0,
              0,
              24 * 3600,
              "how long after the watermark late events still update their window"));
  public static final ConfigKey<Long> WINDOW_EARLY_RESULTS_SECONDS =
      declare(
          ConfigKey.wholeNumber(
              "window.early_results_seconds",
              5,
              0,
              3600,
              "how often the open windows' indicators are published before they close (provisional"
                  + " records, replaced by the final one); 0: final records only"));
  public static final ConfigKey<Long> WINDOW_H3_RESOLUTION =
      declare(ConfigKey.wholeNumber("window.h3_resolution", 8, 0, 15, "the H3 unit's resolution"));

  public static final ConfigKey<Void> SUGGESTIONS_SECTION =
      declare(
          ConfigKey.section(
              "suggestions",
              "Present (even empty): the run derives suggestions (needs places.gtfs;"
                  + " docs/suggestions.md)."));
  public static final ConfigKey<Long> SUGGESTIONS_RADIUS_METERS =
      declare(
          ConfigKey.wholeNumber(
              "suggestions.radius_meters",
              (long) TRAVEL.radiusMeters(),
              10,
              2000,
              "walk to a shared vehicle, or from a dock"));
  public static final ConfigKey<Long> SUGGESTIONS_MIN_DELAY_MINUTES =
      declare(
          ConfigKey.wholeNumber(
              "suggestions.min_delay_minutes",
              TRAVEL.minDelay().toMinutes(),
              1,
              120,
              "the smallest delay worth a shared-vehicle suggestion"));
  public static final ConfigKey<Double> SUGGESTIONS_WALK_KMH =
      declare(ConfigKey.decimal("suggestions.walk_kmh", TRAVEL.walkKmh(), 1, 10, "walking speed"));
  public static final ConfigKey<Double> SUGGESTIONS_RIDE_KMH =
      declare(
          ConfigKey.decimal(
              "suggestions.ride_kmh", TRAVEL.rideKmh(), 5, 45, "shared bike or scooter speed"));
  public static final ConfigKey<Double> SUGGESTIONS_DETOUR_FACTOR =
      declare(
          ConfigKey.decimal(
              "suggestions.detour_factor",
              TRAVEL.detourFactor(),
              1,
              3,
              "road distance over straight distance"));
  public static final ConfigKey<Long> SUGGESTIONS_PICK_UP_SECONDS =
      declare(
          ConfigKey.wholeNumber(
              "suggestions.pick_up_seconds",
              TRAVEL.pickUp().toSeconds(),
              0,
              900,
              "time to unlock or undock"));
  public static final ConfigKey<Long> SUGGESTIONS_CONNECTION_WINDOW_MINUTES =
      declare(
          ConfigKey.wholeNumber(
              "suggestions.connection_window_minutes",
              SUGGESTIONS.connectionWindow().toMinutes(),
              1,
              120,
              "planned connections: departures within this of an arrival"));
  public static final ConfigKey<Long> SUGGESTIONS_GAP_WINDOW_MINUTES =
      declare(
          ConfigKey.wholeNumber(
              "suggestions.gap_window_minutes",
              SUGGESTIONS.gapWindow().toMinutes(),
              1,
              240,
              "first/last-mile gaps: the window departures are counted in"));
  public static final ConfigKey<Long> SUGGESTIONS_GAP_MIN_DEPARTURES =
      declare(
          ConfigKey.wholeNumber(
              "suggestions.gap_min_departures",
              SUGGESTIONS.gapMinDepartures(),
              1,
              1000,
              "departures in that window that make a stop busy"));
  public static final ConfigKey<Long> SUGGESTIONS_STATION_MAX_AGE_MINUTES =
      declare(
          ConfigKey.wholeNumber(
              "suggestions.station_max_age_minutes",
              SUGGESTIONS.stationMaxAge().toMinutes(),
              1,
              120,
              "older station reports are not trusted"));

  public static final ConfigKey<Void> LIMITS =
      declare(ConfigKey.section("limits", "What the run accepts of its input."));
  public static final ConfigKey<Long> LIMITS_MAX_EVENT_AGE_DAYS =
      declare(
          ConfigKey.wholeNumber(
              "limits.max_event_age_days",
              EventTimeBounds.DEFAULT.maxAge().toDays(),
              1,
              36600,
              "events older than their document's fetch time by more are dead letters"));
  public static final ConfigKey<Long> LIMITS_MAX_EVENT_AHEAD_MINUTES =
      declare(
          ConfigKey.wholeNumber(
              "limits.max_event_ahead_minutes",
              EventTimeBounds.DEFAULT.maxAhead().toMinutes(),
              0,
              7 * 24 * 60,
              "... or ahead of it by more"));
  public static final ConfigKey<Double> LIMITS_MAX_REJECTED_SHARE =
      declare(
          ConfigKey.decimal(
              "limits.max_rejected_share",
              0.5,
              0,
              1,
              "a bounded run with more dead letters than this share of its records exits 3"));

  public static final ConfigKey<Void> PRIVACY =
      declare(
          ConfigKey.section("privacy", "What is published of data about trips (docs/privacy.md)."));
  public static final ConfigKey<Long> PRIVACY_MIN_COUNT =
      declare(
          ConfigKey.wholeNumber(
              "privacy.min_count",
              PrivacySettings.DEFAULT_MIN_COUNT,
              2,
              1000,
              "k: pick-up and drop-off counts of 1..k-1 are suppressed"));
  public static final ConfigKey<Long> PRIVACY_MAX_H3_RESOLUTION_FOR_TRIP_COUNTS =
      declare(
          ConfigKey.wholeNumber(
              "privacy.max_h3_resolution_for_trip_counts",
              PrivacySettings.DEFAULT_MAX_H3_RESOLUTION,
              0,
              15,
              "trip counts of finer H3 cells are suppressed"));
  public static final ConfigKey<String> PRIVACY_KEY_ENV =
      declare(
          ConfigKey.text(
              "privacy.key_env",
              NONE,
              "the pseudonym key is this environment variable's value; neither key: one per"
                  + " process"));
  public static final ConfigKey<Path> PRIVACY_KEY_FILE =
      declare(
          ConfigKey.existingPath(
              "privacy.key_file", NONE, "or this file's bytes (16 at least); not with key_env"));

  public static final ConfigKey<Void> JOB =
      declare(ConfigKey.section("job", "How the job runs on a cluster (docs/operations.md)."));
  public static final ConfigKey<Long> JOB_PARALLELISM =
      declare(
          ConfigKey.wholeNumber(
              "job.parallelism",
              new ConfigKey.Computed(
                  "the environment's: the client's `--parallelism`, else the cluster's"
                      + " `parallelism.default`"),
              0,
              MAX_PARALLELISM,
              "tasks per operator; 0: the default. At most 128, the state's key groups"));

  public static final ConfigKey<Void> CHECKPOINTS =
      declare(ConfigKey.section("checkpoints", "How the job keeps and checkpoints its state."));
  public static final ConfigKey<Long> CHECKPOINTS_INTERVAL_SECONDS =
      declare(
          ConfigKey.wholeNumber(
              "checkpoints.interval_seconds",
              10,
              1,
              3600,
              "how often (Kafka output and flow tables commit then)"));
  public static final ConfigKey<String> CHECKPOINTS_DIR =
      declare(
          ConfigKey.location(
              "checkpoints.dir",
              "checkpoints",
              "where checkpoints are written: a folder, or `file:///…`, `s3://bucket/…` (every"
                  + " TaskManager writes there)"));
  public static final ConfigKey<String> CHECKPOINTS_SAVEPOINT_DIR =
      declare(
          ConfigKey.location(
              "checkpoints.savepoint_dir",
              NONE,
              "where a savepoint goes when its command names no folder; a folder or a URL"));
  public static final ConfigKey<String> CHECKPOINTS_STATE_BACKEND =
      declare(
          ConfigKey.text(
              "checkpoints.state_backend",
              MobiflowConfig.StateBackend.HASHMAP.flinkName(),
              "`hashmap`: state on the heap (small runs); `rocksdb`: on local disk, for state"
                  + " larger than memory and long runs"));
  public static final ConfigKey<Boolean> CHECKPOINTS_INCREMENTAL =
      declare(
          ConfigKey.flag(
              "checkpoints.incremental",
              true,
              "rocksdb only: a checkpoint uploads only the files new since the last (hashmap"
                  + " writes all its state each time)"));

  public static final ConfigKey<Void> FEEDS =
      declare(
          ConfigKey.entries(
              "feeds",
              "The live feeds ingest polls, entries as in mobiflow record's feed file:"
                  + " {id, kind, url, interval_seconds, ...} (HttpFeedsConfig)."));

  public static final ConfigKey<Void> SOURCES =
      declare(
          ConfigKey.section(
              "sources", "Recorded or downloaded input to replay instead of the raw topics."));
  public static final ConfigKey<Path> SOURCES_SNAPSHOTS =
      declare(
          ConfigKey.existingPath(
              "sources.snapshots",
              NONE,
              "a snapshot folder `<feed-id>/<kind>/<epoch-seconds>.<ext>` (mobiflow record)"));
  public static final ConfigKey<Void> SOURCES_FILES =
      declare(ConfigKey.entries("sources.files", "single feed files, each one snapshot"));
  public static final ConfigKey<Path> SOURCES_FILES_PATH =
      declare(ConfigKey.existingPath("sources.files[].path", REQUIRED, "the file"));
  public static final ConfigKey<String> SOURCES_FILES_KIND =
      declare(ConfigKey.text("sources.files[].kind", REQUIRED, "a feed kind the job reads"));
  public static final ConfigKey<String> SOURCES_FILES_FEED_ID =
      declare(
          ConfigKey.text(
              "sources.files[].feed_id",
              new ConfigKey.Computed("`file-<n>`, n from 1"),
              "the feed it belongs to"));

  public static final ConfigKey<Void> OUTPUTS =
      declare(
          ConfigKey.section(
              "outputs",
              "Where indicators, dead letters and suggestions go instead of the Kafka topics."));
  public static final ConfigKey<String> OUTPUTS_JSON_LINES =
      declare(
          ConfigKey.path(
              "outputs.json_lines",
              NONE,
              "a folder of `<unit>-flows/`, `dead-letters/`, `suggestions/` and `flows.gpkg`"));
  public static final ConfigKey<String> OUTPUTS_GEOPACKAGE =
      declare(
          ConfigKey.path(
              "outputs.geopackage",
              NONE,
              "the flow tables in this GeoPackage; without json_lines, dead letters etc. beside it"));
  public static final ConfigKey<Void> OUTPUTS_POSTGRES =
      declare(
          ConfigKey.section(
              "outputs.postgres",
              "or the flow tables in PostgreSQL/PostGIS (not with geopackage)"));
  public static final ConfigKey<String> OUTPUTS_POSTGRES_URL =
      declare(
          ConfigKey.text(
              "outputs.postgres.url", REQUIRED, "`jdbc:postgresql://host:port/database`"));
  public static final ConfigKey<String> OUTPUTS_POSTGRES_USER =
      declare(ConfigKey.text("outputs.postgres.user", REQUIRED, "the role"));
  public static final ConfigKey<String> OUTPUTS_POSTGRES_PASSWORD =
      declare(ConfigKey.text("outputs.postgres.password", NONE, "its password"));
  public static final ConfigKey<String> OUTPUTS_POSTGRES_PASSWORD_ENV =
      declare(
          ConfigKey.text(
              "outputs.postgres.password_env",
              NONE,
              "or the environment variable holding it, read where each connection opens; not with"
                  + " password"));
  public static final ConfigKey<String> OUTPUTS_POSTGRES_FILES =
      declare(
          ConfigKey.path(
              "outputs.postgres.files",
              new ConfigKey.Computed("`outputs.json_lines`; required without it"),
              "the folder of `dead-letters/` and `suggestions/`"));
  public static final ConfigKey<List<String>> OUTPUTS_UNITS =
      declare(
          ConfigKey.textList(
              "outputs.units",
              List.of("zone"),
              "units computed: zone (always), h3, counter-site, stop, route, station"));
  public static final ConfigKey<List<String>> OUTPUTS_FLOW_TABLE_UNITS =
      declare(
          ConfigKey.textList(
              "outputs.flow_table_units",
              new ConfigKey.Computed("`outputs.units`"),
              "the units the flow tables hold (zone always)"));

  public static final ConfigKey<Void> RETENTION_SECTION =
      declare(
          ConfigKey.section(
              "retention", "How long the run keeps what it wrote (docs/flow-tables.md)."));
  public static final ConfigKey<Duration> RETENTION_DEAD_LETTERS_DAYS =
      declare(
          ConfigKey.daysOrForever(
              "retention.dead_letters_days",
              RETENTION.deadLetters(),
              "`dead-letters/` part files, by their last line"));
  public static final ConfigKey<Duration> RETENTION_SUGGESTIONS_DAYS =
      declare(
          ConfigKey.daysOrForever(
              "retention.suggestions_days",
              RETENTION.suggestions(),
              "`suggestions/` part files, likewise"));
  public static final ConfigKey<Duration> RETENTION_FLOW_TABLES_DAYS =
      declare(
          ConfigKey.daysOrForever(
              "retention.flow_tables_days",
              RETENTION.flowTables(),
              "flow-table rows, by window end"));

  private ConfigKeys() {}

  /** The keys declared in {@code section} ({@code ""}: the top-level ones), in order. */
  public static List<ConfigKey<?>> in(String section) {
    return ALL.stream().filter(key -> key.section().equals(section)).toList();
  }

  private static <T> ConfigKey<T> declare(ConfigKey<T> key) {
    DECLARED.add(key);
    return key;
  }
}
