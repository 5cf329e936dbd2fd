package io.mobiflow.jobs.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.KeyedHash;
import io.mobiflow.connectors.kafka.RawTopics;
import io.mobiflow.connectors.source.http.HttpFeed;
import io.mobiflow.connectors.source.http.HttpFeedsConfig;
import io.mobiflow.jobs.store.FlowTables;
import io.mobiflow.jobs.suggest.SuggestionSettings;
import io.mobiflow.jobs.suggest.TravelModel;
import io.mobiflow.jobs.zoneflow.EventTimeBounds;
import io.mobiflow.jobs.zoneflow.PrivacySettings;
import io.mobiflow.jobs.zoneflow.SpatialUnit;
import io.mobiflow.jobs.zoneflow.ZoneFlowJob;
import java.io.CharConversionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads and validates the YAML configuration of {@code mobiflow run} and {@code ingest}: its keys,
 * types and defaults are declared in {@link ConfigKeys} and listed in {@code
 * docs/configuration.md}. Every problem is one {@link ConfigException} naming the file and the key;
 * unknown keys are errors.
 */
public final class ConfigLoader {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ConfigLoader() {}

  /**
   * Reads and validates {@code file}.
   *
   * @throws ConfigException naming the file and the key of the first problem
   */
  public static MobiflowConfig load(Path file) throws ConfigException {
    if (!Files.exists(file)) {
      throw new ConfigException(file + ": configuration file does not exist");
    }
    if (!Files.isRegularFile(file)) {
      throw new ConfigException(file + ": the configuration is not a file");
    }
    JsonNode root;
    try {
      root = YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new ConfigException(file + ": not valid YAML: " + yamlProblem(e));
    }
    if (root == null || !root.isObject()) {
      throw new ConfigException(file + ": expected a YAML mapping of sections");
    }
    ConfigNode config = ConfigNode.root(file, root);
    ConfigNode kafka = config.section(ConfigKeys.KAFKA);
    ConfigNode topics = config.section(ConfigKeys.TOPICS);
    ConfigNode places = config.section(ConfigKeys.PLACES);
    ConfigNode window = config.section(ConfigKeys.WINDOW);
    ConfigNode checkpoints = config.section(ConfigKeys.CHECKPOINTS);

    ConfigNode sourcesNode = config.section(ConfigKeys.SOURCES);
    MobiflowConfig.Sources sources =
        new MobiflowConfig.Sources(
            sourcesNode.existingPath(ConfigKeys.SOURCES_SNAPSHOTS), files(sourcesNode));
    MobiflowConfig.Outputs outputs = outputs(config.section(ConfigKeys.OUTPUTS));
    boolean usesKafka =
        sources.isEmpty() || (outputs.jsonLines() == null && outputs.flowTables() == null);

    List<HttpFeed> feeds = List.of();
    if (config.raw(ConfigKeys.FEEDS) != null) {
      try {
        feeds = HttpFeedsConfig.fromJson(config.raw(ConfigKeys.FEEDS), file + ": key 'feeds'");
      } catch (IOException e) {
        throw new ConfigException(e.getMessage());
      }
    }
    MobiflowConfig loaded =
        new MobiflowConfig(
            file,
            usesKafka || kafka.isPresent() || !feeds.isEmpty() ? kafka(kafka) : null,
            topics(topics),
            new MobiflowConfig.PlaceFiles(
                places.existingPath(ConfigKeys.PLACES_ZONES),
                places.text(ConfigKeys.PLACES_ZONES_LAYER),
                places.text(ConfigKeys.PLACES_ZONE_ID_PROPERTY),
                places.text(ConfigKeys.PLACES_ZONE_NAME_PROPERTY),
                places.existingPath(ConfigKeys.PLACES_GTFS),
                places.existingPath(ConfigKeys.PLACES_STATIONS),
                places.existingPath(ConfigKeys.PLACES_COUNTER_SITES),
                places.flag(ConfigKeys.PLACES_RESOLVE_TRIP_UPDATES)),
            window(window),
            parallelism(config.section(ConfigKeys.JOB)),
            checkpoints(checkpoints),
            feeds,
            sources,
            outputs,
            suggestions(config.section(ConfigKeys.SUGGESTIONS_SECTION), places),
            limits(config.section(ConfigKeys.LIMITS)),
            retention(config.section(ConfigKeys.RETENTION_SECTION)),
            privacy(config.section(ConfigKeys.PRIVACY)));
    for (int i = 0; i < sources.files().size(); i++) {
      MobiflowConfig.FileSource source = sources.files().get(i);
      String key = loaded.missingPlaces(source.kind());
      if (key != null) {
        throw new ConfigException(
            file
                + ": key '"
                + key
                + "' is missing: it places the "
                + source.kind().name().toLowerCase(Locale.ROOT)
                + " records of sources.files["
                + i
                + "]");
      }
    }
    return loaded;
  }

  /** The declared defaults ({@link MobiflowConfig#defaults()}). */
  static MobiflowConfig defaults() {
    try {
      ConfigNode empty = ConfigNode.root(null, null);
      return new MobiflowConfig(
          null,
          null,
          topics(empty.section(ConfigKeys.TOPICS)),
          null,
          window(empty.section(ConfigKeys.WINDOW)),
          parallelism(empty.section(ConfigKeys.JOB)),
          checkpoints(empty.section(ConfigKeys.CHECKPOINTS)),
          List.of(),
          new MobiflowConfig.Sources(null, List.of()),
          outputs(empty.section(ConfigKeys.OUTPUTS)),
          null,
          limits(empty.section(ConfigKeys.LIMITS)),
          retention(empty.section(ConfigKeys.RETENTION_SECTION)),
          privacy(empty.section(ConfigKeys.PRIVACY)));
    } catch (ConfigException e) {
      throw new IllegalStateException("a declared default is not valid: " + e.getMessage(), e);
    }
  }

  private static MobiflowConfig.Kafka kafka(ConfigNode kafka) throws ConfigException {
    return new MobiflowConfig.Kafka(
        kafka.text(ConfigKeys.KAFKA_BOOTSTRAP_SERVERS),
        kafka.textMap(ConfigKeys.KAFKA_PROPERTIES),
        kafka.text(ConfigKeys.KAFKA_CONSUMER_GROUP),
        kafka.text(ConfigKeys.KAFKA_TRANSACTIONAL_ID_PREFIX),
        Duration.ofSeconds(kafka.number(ConfigKeys.KAFKA_CONNECT_TIMEOUT_SECONDS)),
        (int) kafka.number(ConfigKeys.KAFKA_SOURCE_PARALLELISM.defaultingTo(0L)));
  }

  private static int parallelism(ConfigNode job) throws ConfigException {
    return (int) job.number(ConfigKeys.JOB_PARALLELISM.defaultingTo(0L));
  }

  private static MobiflowConfig.Checkpoints checkpoints(ConfigNode checkpoints)
      throws ConfigException {
    String backend = checkpoints.text(ConfigKeys.CHECKPOINTS_STATE_BACKEND);
    MobiflowConfig.StateBackend stateBackend =
        Arrays.stream(MobiflowConfig.StateBackend.values())
            .filter(known -> known.flinkName().equals(backend))
            .findFirst()
            .orElseThrow(
                () ->
                    checkpoints.error(
                        ConfigKeys.CHECKPOINTS_STATE_BACKEND,
                        "must be "
                            + Arrays.stream(MobiflowConfig.StateBackend.values())
                                .map(MobiflowConfig.StateBackend::flinkName)
                                .collect(Collectors.joining(" or "))
                            + ", not '"
                            + backend
                            + "'"));
    return new MobiflowConfig.Checkpoints(
        Duration.ofSeconds(checkpoints.number(ConfigKeys.CHECKPOINTS_INTERVAL_SECONDS)),
        checkpoints.location(ConfigKeys.CHECKPOINTS_DIR),
        checkpoints.location(ConfigKeys.CHECKPOINTS_SAVEPOINT_DIR),
        stateBackend,
        checkpoints.flag(ConfigKeys.CHECKPOINTS_INCREMENTAL));
  }

  private static MobiflowConfig.Topics topics(ConfigNode topics) throws ConfigException {
    return new MobiflowConfig.Topics(
        new RawTopics(topics.text(ConfigKeys.TOPICS_RAW_PREFIX)),
        topics.text(ConfigKeys.TOPICS_ZONE_FLOWS),
        topics.text(ConfigKeys.TOPICS_FLOWS_PREFIX),
        topics.text(ConfigKeys.TOPICS_DEAD_LETTERS),
        topics.text(ConfigKeys.TOPICS_FEED_HEALTH),
        topics.text(ConfigKeys.TOPICS_SUGGESTIONS));
  }

  private static MobiflowConfig.Limits limits(ConfigNode limits) throws ConfigException {
    return new MobiflowConfig.Limits(
        new EventTimeBounds(
            Duration.ofDays(limits.number(ConfigKeys.LIMITS_MAX_EVENT_AGE_DAYS)),
            Duration.ofMinutes(limits.number(ConfigKeys.LIMITS_MAX_EVENT_AHEAD_MINUTES))),
        limits.decimal(ConfigKeys.LIMITS_MAX_REJECTED_SHARE));
  }

  private static MobiflowConfig.Retention retention(ConfigNode retention) throws ConfigException {
    return new MobiflowConfig.Retention(
        retention.days(ConfigKeys.RETENTION_DEAD_LETTERS_DAYS),
        retention.days(ConfigKeys.RETENTION_SUGGESTIONS_DAYS),
        retention.days(ConfigKeys.RETENTION_FLOW_TABLES_DAYS));
  }

  private static PrivacySettings privacy(ConfigNode privacy) throws ConfigException {
    String keyEnv = privacy.text(ConfigKeys.PRIVACY_KEY_ENV);
    Path keyFile = privacy.existingPath(ConfigKeys.PRIVACY_KEY_FILE);
    KeyedHash hash = KeyedHash.ofThisProcess();
    if (keyEnv != null && keyFile != null) {
      throw privacy.error(
          ConfigKeys.PRIVACY_KEY_FILE, "and key_env exclude each other: choose one key");
    }
    if (keyEnv != null) {
      hash = KeyedHash.fromEnvironment(keyEnv);
    } else if (keyFile != null) {
      hash = KeyedHash.fromFile(keyFile);
    }
    try {
      hash.checkKey();
    } catch (IllegalStateException e) {
      throw keyEnv != null
          ? privacy.error(ConfigKeys.PRIVACY_KEY_ENV, "names " + keyEnv + ", which is not set")
          : privacy.error(
              ConfigKeys.PRIVACY_KEY_FILE, "is not a usable key: " + e.getCause().getMessage());
    } catch (IllegalArgumentException e) {
      throw privacy.error(
          keyEnv != null ? ConfigKeys.PRIVACY_KEY_ENV : ConfigKeys.PRIVACY_KEY_FILE,
          "is not a usable key: " + e.getMessage());
    }
    return new PrivacySettings(
        (int) privacy.number(ConfigKeys.PRIVACY_MIN_COUNT),
        (int) privacy.number(ConfigKeys.PRIVACY_MAX_H3_RESOLUTION_FOR_TRIP_COUNTS),
        hash);
  }

  /** What is wrong with a YAML file, in one line without the parser's class names. */
  private static String yamlProblem(IOException e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    if (cause instanceof CharConversionException) {
      return "not UTF-8 text (" + cause.getMessage().replaceFirst(" \\(at char.*", "") + ")";
    }
    return (e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage())
        .split("\n")[0];
  }

  /**
   * The outputs: JSON lines, the flow tables (PostgreSQL if configured, else a GeoPackage: the
   * given one, or {@code flows.gpkg} in the JSON-lines folder, the embedded default), or, when
   * neither JSON lines nor flow tables are configured, Kafka.
   */
  private static MobiflowConfig.Outputs outputs(ConfigNode outputs) throws ConfigException {
    Path jsonLines = outputs.path(ConfigKeys.OUTPUTS_JSON_LINES);
    Path geoPackage = outputs.path(ConfigKeys.OUTPUTS_GEOPACKAGE);
    ConfigNode postgres = outputs.section(ConfigKeys.OUTPUTS_POSTGRES);
    if (geoPackage != null && postgres.isPresent()) {
      throw outputs.error(
          ConfigKeys.OUTPUTS_GEOPACKAGE, "and postgres exclude each other: choose one store");
    }
    FlowTables tables = null;
    Path sideFiles = jsonLines;
    if (postgres.isPresent()) {
      String url = postgres.text(ConfigKeys.OUTPUTS_POSTGRES_URL);
      if (!url.startsWith("jdbc:postgresql://")) {
        throw postgres.error(
            ConfigKeys.OUTPUTS_POSTGRES_URL, "must be a jdbc:postgresql://host:port/database URL");
      }
      String password = postgres.text(ConfigKeys.OUTPUTS_POSTGRES_PASSWORD);
      String passwordEnv = postgres.text(ConfigKeys.OUTPUTS_POSTGRES_PASSWORD_ENV);
      if (password != null && passwordEnv != null) {
        throw postgres.error(
            ConfigKeys.OUTPUTS_POSTGRES_PASSWORD_ENV,
            "and password exclude each other: choose one");
      }
      tables =
          new FlowTables.Postgis(
              url, postgres.text(ConfigKeys.OUTPUTS_POSTGRES_USER), password, passwordEnv);
      Path files = postgres.path(ConfigKeys.OUTPUTS_POSTGRES_FILES);
      if (files == null && jsonLines == null) {
        throw postgres.error(
            ConfigKeys.OUTPUTS_POSTGRES_FILES,
            "is missing (a folder for dead letters and suggestions)");
      }
      sideFiles = files == null ? jsonLines : files;
    } else if (geoPackage != null) {
      tables = new FlowTables.GeoPackageFile(geoPackage);
      if (jsonLines == null) {
        sideFiles =
            geoPackage.resolveSibling(
                geoPackage.getFileName().toString().replaceFirst("\\.gpkg$", ""));
      }
    } else if (jsonLines != null) {
      tables = new FlowTables.GeoPackageFile(jsonLines.resolve("flows.gpkg"));
    }
    Set<SpatialUnit> units = units(outputs, ConfigKeys.OUTPUTS_UNITS);
    Set<SpatialUnit> flowTableUnits =
        units(
            outputs,
            ConfigKeys.OUTPUTS_FLOW_TABLE_UNITS.defaultingTo(
                units.stream().map(SpatialUnit::slug).toList()));
    return new MobiflowConfig.Outputs(jsonLines, tables, sideFiles, units, flowTableUnits);
  }

  private static SuggestionSettings suggestions(ConfigNode node, ConfigNode places)
      throws ConfigException {
    if (!node.isPresent()) {
      return null;
    }
    if (places.existingPath(ConfigKeys.PLACES_GTFS) == null) {
      throw places.error(
          ConfigKeys.PLACES_GTFS, "is needed for suggestions (the trips and stops they name)");
    }
    return new SuggestionSettings(
        new TravelModel(
            node.decimal(ConfigKeys.SUGGESTIONS_WALK_KMH),
            node.decimal(ConfigKeys.SUGGESTIONS_RIDE_KMH),
            node.decimal(ConfigKeys.SUGGESTIONS_DETOUR_FACTOR),
            Duration.ofSeconds(node.number(ConfigKeys.SUGGESTIONS_PICK_UP_SECONDS)),
            node.number(ConfigKeys.SUGGESTIONS_RADIUS_METERS),
            Duration.ofMinutes(node.number(ConfigKeys.SUGGESTIONS_MIN_DELAY_MINUTES))),
        Duration.ofMinutes(node.number(ConfigKeys.SUGGESTIONS_CONNECTION_WINDOW_MINUTES)),
        Duration.ofMinutes(node.number(ConfigKeys.SUGGESTIONS_GAP_WINDOW_MINUTES)),
        (int) node.number(ConfigKeys.SUGGESTIONS_GAP_MIN_DEPARTURES),
        Duration.ofMinutes(node.number(ConfigKeys.SUGGESTIONS_STATION_MAX_AGE_MINUTES)));
  }

  private static MobiflowConfig.Window window(ConfigNode window) throws ConfigException {
    long minutes = window.number(ConfigKeys.WINDOW_MINUTES);
    long slide =
        window.number(ConfigKeys.WINDOW_SLIDE_MINUTES.defaultingTo(minutes).atMost(minutes));
    if (minutes % slide != 0) {
      throw window.error(ConfigKeys.WINDOW_SLIDE_MINUTES, "must divide minutes (" + minutes + ")");
    }
    return new MobiflowConfig.Window(
        Duration.ofMinutes(minutes),
        Duration.ofMinutes(slide),
        Duration.ofSeconds(window.number(ConfigKeys.WINDOW_OUT_OF_ORDERNESS_SECONDS)),
        Duration.ofSeconds(window.number(ConfigKeys.WINDOW_ALLOWED_LATENESS_SECONDS)),
        Duration.ofSeconds(window.number(ConfigKeys.WINDOW_EARLY_RESULTS_SECONDS)),
        (int) window.number(ConfigKeys.WINDOW_H3_RESOLUTION));
  }

  /** The units named under {@code key}, and zones. */
  private static Set<SpatialUnit> units(ConfigNode outputs, ConfigKey<List<String>> key)
      throws ConfigException {
    Set<SpatialUnit> units = EnumSet.of(SpatialUnit.ZONE);
    for (String name : outputs.textList(key)) {
      try {
        units.add(SpatialUnit.ofSlug(name));
      } catch (IllegalArgumentException e) {
        throw outputs.error(key, e.getMessage());
      }
    }
    return units;
  }

  private static List<MobiflowConfig.FileSource> files(ConfigNode sources) throws ConfigException {
    List<ConfigNode> entries = sources.entries(ConfigKeys.SOURCES_FILES, "{path, kind, feed_id}");
    List<MobiflowConfig.FileSource> files = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      ConfigNode entry = entries.get(i);
      String kind = entry.text(ConfigKeys.SOURCES_FILES_KIND);
      FeedKind feedKind;
      try {
        feedKind = FeedKind.valueOf(kind.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw entry.error(ConfigKeys.SOURCES_FILES_KIND, "'" + kind + "' is not a feed kind");
      }
      if (!ZoneFlowJob.FEED_KINDS.contains(feedKind)) {
        throw entry.error(
            ConfigKeys.SOURCES_FILES_KIND,
            "'"
                + kind
                + "' is not read by the job (reference data goes under places:); it reads "
                + ZoneFlowJob.FEED_KINDS.stream()
                    .map(k -> k.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", ")));
      }
      files.add(
          new MobiflowConfig.FileSource(
              entry.existingPath(ConfigKeys.SOURCES_FILES_PATH),
              feedKind,
              entry.text(ConfigKeys.SOURCES_FILES_FEED_ID.defaultingTo("file-" + (i + 1)))));
    }
    return files;
  }
}
