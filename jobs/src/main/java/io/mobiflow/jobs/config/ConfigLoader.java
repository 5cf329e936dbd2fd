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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads and validates the YAML configuration of {@code mobiflow run} and {@code ingest}. Every
 * problem is one {@link ConfigException} naming the file and the key; unknown keys are errors.
 *
 * <pre>
 * kafka:
 *   bootstrap_servers: broker-1:9092,broker-2:9092   # required
 *   properties: {security.protocol: SASL_SSL, sasl.mechanism: PLAIN, ...}  # passed through
 *   consumer_group: mobiflow-zoneflow               # default
 *   transactional_id_prefix: mobiflow-zoneflow      # default
 *   connect_timeout_seconds: 15                     # default
 * topics:                                           # defaults shown
 *   raw_prefix: mobiflow.raw.
 *   zone_flows: mobiflow.zone-flows
 *   flows_prefix: mobiflow.                         # other units: mobiflow.<unit>-flows
 *   dead_letters: mobiflow.dead-letters
 *   feed_health: mobiflow.feed-health
 *   suggestions: mobiflow.suggestions                # when suggestions are configured
 * places:                                           # paths relative to this file
 *   zones: zones.geojson                            # required; or zones.gpkg
 *   zones_layer: districts                          # the layer, for a GeoPackage
 *   zone_id_property: id
 *   zone_name_property: name
 *   gtfs: gtfs.zip                                  # optional: stops for TripUpdates
 *   stations: station_information.json              # optional: GBFS stations
 *   counter_sites: counter-sites.csv                # optional: site_id,name,lat,lon
 * window:
 *   minutes: 5
 *   slide_minutes: 5                                # less than minutes: sliding windows
 *   out_of_orderness_seconds: 120
 *   allowed_lateness_seconds: 0                     # late events update their window
 *   h3_resolution: 8
 * suggestions:                                      # optional: derive suggestions (needs gtfs)
 *   radius_meters: 250                              # walk to a shared vehicle / from a dock
 *   min_delay_minutes: 5                            # delay -> shared vehicle trigger
 *   walk_kmh: 4.8
 *   ride_kmh: 15
 *   detour_factor: 1.3                              # road distance / straight distance
 *   pick_up_seconds: 60                             # to unlock or undock
 *   connection_window_minutes: 10                   # planned connections: within this of arrival
 *   gap_window_minutes: 15                          # first/last-mile gaps: departures counted
 *   gap_min_departures: 6                           # ... in this window make a stop busy
 *   station_max_age_minutes: 5                      # older station reports are not trusted
 * limits:                                          # what the run accepts of its input
 *   max_event_age_days: 3660                        # events older than their document's fetch
 *                                                   #   time by more are dead letters
 *   max_event_ahead_minutes: 60                     # ... or ahead of it by more
 *   max_rejected_share: 0.5                         # a bounded run with more dead letters than
 *                                                   #   this share of its records exits 3
 * privacy:                                         # what is published of data about trips
 *   min_count: 5                                    # k: pick-ups, drop-offs of 1..k-1 suppressed
 *   max_h3_resolution_for_trip_counts: 9            # finer H3 cells: those counts suppressed
 *   key_env: MOBIFLOW_PSEUDONYM_KEY                 # the key of vehicles' pseudonyms: this
 *                                                   #   environment variable's value, or
 *   key_file: pseudonym.key                         #   this file's bytes (16 at least); neither:
 *                                                   #   a random key per process
 * checkpoints:
 *   interval_seconds: 10
 *   dir: checkpoints/                               # file system checkpoint storage
 * feeds:                                            # for ingest; as in mobiflow record
 *   - {id: ..., kind: gtfs_rt_vehicle_positions, url: ..., interval_seconds: 30}
 * sources:                                          # optional: replay these instead of Kafka
 *   snapshots: recorded/                            # a snapshot directory (mobiflow record)
 *   files:                                          # single feed files
 *     - {path: station_status.json, kind: gbfs_station_status, feed_id: velib}
 * outputs:                                          # optional: instead of the Kafka topics
 *   json_lines: out/                                # <unit>-flows/, dead-letters/, suggestions/,
 *                                                   #   and the flow tables in out/flows.gpkg
 *   geopackage: flows.gpkg                          # the flow tables here (QGIS); without
 *                                                   #   json_lines, dead letters etc. in flows/
 *   postgres:                                       # or the flow tables in PostgreSQL/PostGIS
 *     url: jdbc:postgresql://db:5432/mobiflow
 *     user: mobiflow
 *     password: secret                              # optional
 *     files: out/                                   # dead-letters/, suggestions/ (or json_lines)
 *   units: [zone]                                   # and h3, counter-site, stop, route, station
 *   flow_table_units: [zone, stop]                  # the flow tables' units; default: units
 * retention:                                        # days kept, or forever (docs/flow-tables.md)
 *   dead_letters_days: 30                           # dead-letters/ part files, by their last line
 *   suggestions_days: 30                            # suggestions/ part files, likewise
 *   flow_tables_days: 730                           # flow-table rows, by window end
 * </pre>
 *
 * The {@code kafka} section is required when the run reads or writes Kafka (no sources, or no
 * JSON-lines output) and for {@code ingest}.
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
    ConfigNode config =
        new ConfigNode(file, "", root)
            .allow(
                Set.of(
                    "kafka",
                    "topics",
                    "places",
                    "window",
                    "checkpoints",
                    "feeds",
                    "sources",
                    "outputs",
                    "suggestions",
                    "limits",
                    "retention",
                    "privacy"));

    ConfigNode kafka =
        config
            .section("kafka")
            .allow(
                Set.of(
                    "bootstrap_servers",
                    "properties",
                    "consumer_group",
                    "transactional_id_prefix",
                    "connect_timeout_seconds"));
    ConfigNode topics =
        config
            .section("topics")
            .allow(
                Set.of(
                    "raw_prefix",
                    "zone_flows",
                    "flows_prefix",
                    "dead_letters",
                    "feed_health",
                    "suggestions"));
    ConfigNode places =
        config
            .section("places")
            .allow(
                Set.of(
                    "zones",
                    "zones_layer",
                    "zone_id_property",
                    "zone_name_property",
                    "gtfs",
                    "stations",
                    "counter_sites"));
    ConfigNode window =
        config
            .section("window")
            .allow(
                Set.of(
                    "minutes",
                    "slide_minutes",
                    "out_of_orderness_seconds",
                    "allowed_lateness_seconds",
                    "h3_resolution"));
    ConfigNode checkpoints = config.section("checkpoints").allow(Set.of("interval_seconds", "dir"));

    ConfigNode sourcesNode = config.section("sources").allow(Set.of("snapshots", "files"));
    MobiflowConfig.Sources sources =
        new MobiflowConfig.Sources(
            sourcesNode.existingPath("snapshots", false), files(file, sourcesNode));
    ConfigNode outputsNode =
        config
            .section("outputs")
            .allow(Set.of("json_lines", "geopackage", "postgres", "units", "flow_table_units"));
    MobiflowConfig.Outputs outputs = outputs(file, outputsNode);
    boolean usesKafka =
        sources.isEmpty() || (outputs.jsonLines() == null && outputs.flowTables() == null);

    List<HttpFeed> feeds = List.of();
    if (config.raw("feeds") != null) {
      try {
        feeds = HttpFeedsConfig.fromJson(config.raw("feeds"), file + ": key 'feeds'");
      } catch (IOException e) {
        throw new ConfigException(e.getMessage());
      }
    }
    MobiflowConfig loaded =
        new MobiflowConfig(
            file,
            usesKafka || kafka.isPresent() || !feeds.isEmpty()
                ? new MobiflowConfig.Kafka(
                    kafka.requiredText("bootstrap_servers"),
                    kafka.textMap("properties"),
                    kafka.text("consumer_group", "mobiflow-zoneflow"),
                    kafka.text("transactional_id_prefix", "mobiflow-zoneflow"),
                    Duration.ofSeconds(kafka.number("connect_timeout_seconds", 15, 1, 600)))
                : null,
            new MobiflowConfig.Topics(
                new RawTopics(topics.text("raw_prefix", RawTopics.DEFAULT_PREFIX)),
                topics.text("zone_flows", "mobiflow.zone-flows"),
                topics.text("flows_prefix", "mobiflow."),
                topics.text("dead_letters", "mobiflow.dead-letters"),
                topics.text("feed_health", "mobiflow.feed-health"),
                topics.text("suggestions", "mobiflow.suggestions")),
            new MobiflowConfig.PlaceFiles(
                places.existingPath("zones", true),
                places.text("zones_layer", null),
                places.text("zone_id_property", "id"),
                places.text("zone_name_property", "name"),
                places.existingPath("gtfs", false),
                places.existingPath("stations", false),
                places.existingPath("counter_sites", false)),
            window(window),
            Duration.ofSeconds(checkpoints.number("interval_seconds", 10, 1, 3600)),
            file.toAbsolutePath()
                .getParent()
                .resolve(checkpoints.text("dir", "checkpoints"))
                .normalize(),
            feeds,
            sources,
            outputs,
            suggestions(config.section("suggestions"), places),
            limits(config.section("limits")),
            retention(config.section("retention")),
            privacy(config.section("privacy")));
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

  private static MobiflowConfig.Limits limits(ConfigNode limits) throws ConfigException {
    limits.allow(Set.of("max_event_age_days", "max_event_ahead_minutes", "max_rejected_share"));
    EventTimeBounds d = EventTimeBounds.DEFAULT;
    return new MobiflowConfig.Limits(
        new EventTimeBounds(
            Duration.ofDays(limits.number("max_event_age_days", d.maxAge().toDays(), 1, 36600)),
            Duration.ofMinutes(
                limits.number(
                    "max_event_ahead_minutes", d.maxAhead().toMinutes(), 0, 7 * 24 * 60))),
        limits.decimal("max_rejected_share", 0.5, 0, 1));
  }

  private static MobiflowConfig.Retention retention(ConfigNode retention) throws ConfigException {
    retention.allow(Set.of("dead_letters_days", "suggestions_days", "flow_tables_days"));
    MobiflowConfig.Retention d = MobiflowConfig.Retention.DEFAULT;
    return new MobiflowConfig.Retention(
        days(retention, "dead_letters_days", d.deadLetters()),
        days(retention, "suggestions_days", d.suggestions()),
        days(retention, "flow_tables_days", d.flowTables()));
  }

  /** A number of days (1 to 100 years), or {@code forever}: {@code null}. */
  private static Duration days(ConfigNode node, String name, Duration fallback)
      throws ConfigException {
    JsonNode value = node.raw(name);
    if (value != null && value.isTextual()) {
      if (value.asText().equals("forever")) {
        return null;
      }
      throw node.error(name, "must be a number of days or forever, not '" + value.asText() + "'");
    }
    return Duration.ofDays(node.number(name, fallback.toDays(), 1, 36600));
  }

  private static PrivacySettings privacy(ConfigNode privacy) throws ConfigException {
    privacy.allow(Set.of("min_count", "max_h3_resolution_for_trip_counts", "key_env", "key_file"));
    String keyEnv = privacy.text("key_env", null);
    Path keyFile = privacy.existingPath("key_file", false);
    KeyedHash hash = KeyedHash.ofThisProcess();
    if (keyEnv != null && keyFile != null) {
      throw privacy.error("key_file", "and key_env exclude each other: choose one key");
    }
    try {
      if (keyEnv != null) {
        String value = System.getenv(keyEnv);
        if (value == null || value.isBlank()) {
          throw privacy.error("key_env", "names " + keyEnv + ", which is not set");
        }
        hash = KeyedHash.withKey(value.strip().getBytes(StandardCharsets.UTF_8));
      } else if (keyFile != null) {
        hash =
            KeyedHash.withKey(Files.readString(keyFile).strip().getBytes(StandardCharsets.UTF_8));
      }
    } catch (IllegalArgumentException | IOException e) {
      throw privacy.error(
          keyEnv != null ? "key_env" : "key_file", "is not a usable key: " + e.getMessage());
    }
    return new PrivacySettings(
        (int) privacy.number("min_count", PrivacySettings.DEFAULT_MIN_COUNT, 2, 1000),
        (int)
            privacy.number(
                "max_h3_resolution_for_trip_counts",
                PrivacySettings.DEFAULT_MAX_H3_RESOLUTION,
                0,
                15),
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
   * neither JSON lines nor a store is configured, Kafka.
   */
  private static MobiflowConfig.Outputs outputs(Path file, ConfigNode outputs)
      throws ConfigException {
    Path folder = file.toAbsolutePath().getParent();
    String jsonText = outputs.text("json_lines", null);
    Path jsonLines = jsonText == null ? null : folder.resolve(jsonText).normalize();
    String geoPackage = outputs.text("geopackage", null);
    ConfigNode postgres =
        outputs.section("postgres").allow(Set.of("url", "user", "password", "files"));
    if (geoPackage != null && postgres.isPresent()) {
      throw outputs.error("geopackage", "and postgres exclude each other: choose one store");
    }
    FlowTables tables = null;
    Path sideFiles = jsonLines;
    if (postgres.isPresent()) {
      String url = postgres.requiredText("url");
      if (!url.startsWith("jdbc:postgresql://")) {
        throw postgres.error("url", "must be a jdbc:postgresql://host:port/database URL");
      }
      tables =
          new FlowTables.Postgis(
              url, postgres.requiredText("user"), postgres.text("password", null));
      String files = postgres.text("files", null);
      if (files == null && jsonLines == null) {
        throw postgres.error("files", "is missing (a folder for dead letters and suggestions)");
      }
      sideFiles = files == null ? jsonLines : folder.resolve(files).normalize();
    } else if (geoPackage != null) {
      Path gpkg = folder.resolve(geoPackage).normalize();
      tables = new FlowTables.GeoPackageFile(gpkg);
      if (jsonLines == null) {
        sideFiles = gpkg.resolveSibling(gpkg.getFileName().toString().replaceFirst("\\.gpkg$", ""));
      }
    } else if (jsonLines != null) {
      tables = new FlowTables.GeoPackageFile(jsonLines.resolve("flows.gpkg"));
    }
    Set<SpatialUnit> units = units(outputs, "units", List.of());
    Set<SpatialUnit> flowTableUnits =
        units(outputs, "flow_table_units", units.stream().map(SpatialUnit::slug).toList());
    return new MobiflowConfig.Outputs(jsonLines, tables, sideFiles, units, flowTableUnits);
  }

  private static SuggestionSettings suggestions(ConfigNode node, ConfigNode places)
      throws ConfigException {
    if (!node.isPresent()) {
      return null;
    }
    node.allow(
        Set.of(
            "radius_meters",
            "min_delay_minutes",
            "walk_kmh",
            "ride_kmh",
            "detour_factor",
            "pick_up_seconds",
            "connection_window_minutes",
            "gap_window_minutes",
            "gap_min_departures",
            "station_max_age_minutes"));
    if (places.existingPath("gtfs", false) == null) {
      throw places.error("gtfs", "is needed for suggestions (the trips and stops they name)");
    }
    SuggestionSettings d = SuggestionSettings.DEFAULT;
    TravelModel t = d.travel();
    return new SuggestionSettings(
        new TravelModel(
            node.decimal("walk_kmh", t.walkKmh(), 1, 10),
            node.decimal("ride_kmh", t.rideKmh(), 5, 45),
            node.decimal("detour_factor", t.detourFactor(), 1, 3),
            Duration.ofSeconds(node.number("pick_up_seconds", t.pickUp().toSeconds(), 0, 900)),
            node.number("radius_meters", (long) t.radiusMeters(), 10, 2000),
            Duration.ofMinutes(node.number("min_delay_minutes", t.minDelay().toMinutes(), 1, 120))),
        Duration.ofMinutes(
            node.number("connection_window_minutes", d.connectionWindow().toMinutes(), 1, 120)),
        Duration.ofMinutes(node.number("gap_window_minutes", d.gapWindow().toMinutes(), 1, 240)),
        (int) node.number("gap_min_departures", d.gapMinDepartures(), 1, 1000),
        Duration.ofMinutes(
            node.number("station_max_age_minutes", d.stationMaxAge().toMinutes(), 1, 120)));
  }

  private static MobiflowConfig.Window window(ConfigNode window) throws ConfigException {
    long minutes = window.number("minutes", 5, 1, 24 * 60);
    long slide = window.number("slide_minutes", minutes, 1, minutes);
    if (minutes % slide != 0) {
      throw window.error("slide_minutes", "must divide minutes (" + minutes + ")");
    }
    return new MobiflowConfig.Window(
        Duration.ofMinutes(minutes),
        Duration.ofMinutes(slide),
        Duration.ofSeconds(window.number("out_of_orderness_seconds", 120, 0, 24 * 3600)),
        Duration.ofSeconds(window.number("allowed_lateness_seconds", 0, 0, 24 * 3600)),
        (int) window.number("h3_resolution", 8, 0, 15));
  }

  /** The units named under {@code key} (their slugs, else {@code fallback}), and zones. */
  private static Set<SpatialUnit> units(ConfigNode outputs, String key, List<String> fallback)
      throws ConfigException {
    Set<SpatialUnit> units = EnumSet.of(SpatialUnit.ZONE);
    for (String name : outputs.textList(key, fallback)) {
      try {
        units.add(SpatialUnit.ofSlug(name));
      } catch (IllegalArgumentException e) {
        throw outputs.error(key, e.getMessage());
      }
    }
    return units;
  }

  private static List<MobiflowConfig.FileSource> files(Path file, ConfigNode sources)
      throws ConfigException {
    JsonNode list = sources.raw("files");
    List<MobiflowConfig.FileSource> files = new ArrayList<>();
    if (list == null || list.isNull()) {
      return files;
    }
    if (!list.isArray()) {
      throw sources.error("files", "must be a list of {path, kind, feed_id}");
    }
    for (int i = 0; i < list.size(); i++) {
      ConfigNode entry =
          new ConfigNode(file, "sources.files[" + i + "]", list.get(i))
              .allow(Set.of("path", "kind", "feed_id"));
      String kind = entry.requiredText("kind");
      FeedKind feedKind;
      try {
        feedKind = FeedKind.valueOf(kind.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw entry.error("kind", "'" + kind + "' is not a feed kind");
      }
      if (!ZoneFlowJob.FEED_KINDS.contains(feedKind)) {
        throw entry.error(
            "kind",
            "'"
                + kind
                + "' is not read by the job (reference data goes under places:); it reads "
                + ZoneFlowJob.FEED_KINDS.stream()
                    .map(k -> k.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", ")));
      }
      files.add(
          new MobiflowConfig.FileSource(
              entry.existingPath("path", true),
              feedKind,
              entry.text("feed_id", "file-" + (i + 1))));
    }
    return files;
  }
}
