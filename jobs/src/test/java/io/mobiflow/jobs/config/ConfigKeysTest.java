package io.mobiflow.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.KeyedHash;
import io.mobiflow.jobs.store.FlowTables;
import io.mobiflow.jobs.suggest.SuggestionSettings;
import io.mobiflow.jobs.suggest.TravelModel;
import io.mobiflow.jobs.zoneflow.EventTimeBounds;
import io.mobiflow.jobs.zoneflow.SpatialUnit;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two files that together set every declared key to a value other than its default (postgres and
 * geopackage, key_env and key_file exclude each other): each value is read.
 */
class ConfigKeysTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** A variable of the test's environment long enough to be a pseudonym key. */
  private static final String KEY_ENV =
      System.getenv().entrySet().stream()
          .filter(e -> e.getKey().matches("[A-Z_]+"))
          .filter(e -> e.getValue().strip().getBytes(StandardCharsets.UTF_8).length >= 16)
          .map(Map.Entry::getKey)
          .sorted()
          .findFirst()
          .orElseThrow();

  private final String everything =
      """
      kafka:
        bootstrap_servers: b1:9092,b2:9092
        properties: {security.protocol: SSL}
        consumer_group: group-a
        transactional_id_prefix: tx-a
        connect_timeout_seconds: 30
        source_parallelism: 6
      topics:
        raw_prefix: raw.
        zone_flows: zones-out
        flows_prefix: out.
        dead_letters: dead
        feed_health: health
        suggestions: tips
      places:
        zones: zones.gpkg
        zones_layer: districts
        zone_id_property: code
        zone_name_property: label
        gtfs: gtfs.zip
        resolve_trip_updates: false
        stations: station_information.json
        counter_sites: counter-sites.csv
      window:
        minutes: 10
        slide_minutes: 5
        out_of_orderness_seconds: 30
        allowed_lateness_seconds: 60
        early_results_seconds: 2
        h3_resolution: 7
      suggestions:
        radius_meters: 300
        min_delay_minutes: 7
        walk_kmh: 5.5
        ride_kmh: 20
        detour_factor: 1.5
        pick_up_seconds: 90
        connection_window_minutes: 12
        gap_window_minutes: 20
        gap_min_departures: 4
        station_max_age_minutes: 8
      limits:
        max_event_age_days: 10
        max_event_ahead_minutes: 5
        max_rejected_share: 0.2
      privacy:
        min_count: 7
        max_h3_resolution_for_trip_counts: 8
        key_env: %s
      job:
        parallelism: 4
      checkpoints:
        interval_seconds: 20
        dir: cp
        savepoint_dir: s3://bucket/savepoints
        state_backend: rocksdb
        incremental: false
      feeds:
        - {id: velib, kind: gbfs_station_status, url: 'https://example.org/s.json'}
      sources:
        snapshots: recorded
        files:
          - {path: status.json, kind: gbfs_station_status, feed_id: velib}
      outputs:
        json_lines: out
        postgres:
          url: jdbc:postgresql://db:5432/mobiflow
          user: planner
          password: secret
          files: side
        units: [zone, h3]
        flow_table_units: [stop]
      retention:
        dead_letters_days: 7
        suggestions_days: forever
        flow_tables_days: 365
      """
          .formatted(KEY_ENV);

  private static final String ALTERNATIVES =
      """
      places: {zones: zones.gpkg}
      sources: {snapshots: recorded}
      privacy: {key_file: pseudonym.key}
      outputs: {geopackage: tables.gpkg}
      checkpoints: {dir: 'file:///var/lib/mobiflow/checkpoints'}
      """;

  /** The Postgres password by its environment variable, the other alternative to a value. */
  private static final String PASSWORD_BY_VARIABLE =
      """
      places: {zones: zones.gpkg}
      sources: {snapshots: recorded}
      outputs:
        json_lines: out
        postgres: {url: 'jdbc:postgresql://db:5432/m', user: u, password_env: PG_PASSWORD}
      """;

  @TempDir Path dir;

  @BeforeEach
  void files() throws Exception {
    for (String name :
        List.of(
            "zones.gpkg",
            "gtfs.zip",
            "station_information.json",
            "counter-sites.csv",
            "status.json")) {
      Files.writeString(dir.resolve(name), "{}");
    }
    Files.writeString(dir.resolve("pseudonym.key"), "a key of twenty-two bytes");
    Files.createDirectories(dir.resolve("recorded"));
  }

  @Test
  void theThreeFilesSetEveryDeclaredKeyToANonDefault() throws Exception {
    List<JsonNode> files =
        List.of(
            YAML.readTree(everything),
            YAML.readTree(ALTERNATIVES),
            YAML.readTree(PASSWORD_BY_VARIABLE));
    Set<String> set = new TreeSet<>();
    for (JsonNode file : files) {
      paths("", file, set);
    }

    assertThat(set)
        .isEqualTo(ConfigKeys.ALL.stream().map(ConfigKey::path).collect(Collectors.toSet()));
    for (JsonNode file : files) {
      for (ConfigKey<?> key : ConfigKeys.ALL) {
        JsonNode value = at(file, key.path());
        if (value != null && value.isValueNode() && key.defaultValue() != null) {
          assertThat(value.asText()).as(key.path()).isNotEqualTo(key.defaultText());
        }
      }
    }
  }

  @Test
  void everyKeyIsRead() throws Exception {
    MobiflowConfig config = ConfigLoader.load(Files.writeString(dir.resolve("a.yaml"), everything));

    MobiflowConfig.Kafka kafka = config.kafka();
    assertThat(kafka.bootstrapServers()).isEqualTo("b1:9092,b2:9092");
    assertThat(kafka.properties()).isEqualTo(Map.of("security.protocol", "SSL"));
    assertThat(kafka.consumerGroup()).isEqualTo("group-a");
    assertThat(kafka.transactionalIdPrefix()).isEqualTo("tx-a");
    assertThat(kafka.connectTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(kafka.sourceParallelism()).isEqualTo(6);
    MobiflowConfig.Topics topics = config.topics();
    assertThat(topics.raw().prefix()).isEqualTo("raw.");
    assertThat(List.of(topics.zoneFlows(), topics.flowsPrefix(), topics.deadLetters()))
        .containsExactly("zones-out", "out.", "dead");
    assertThat(List.of(topics.feedHealth(), topics.suggestions()))
        .containsExactly("health", "tips");
    assertThat(config.places())
        .isEqualTo(
            new MobiflowConfig.PlaceFiles(
                dir.resolve("zones.gpkg"),
                "districts",
                "code",
                "label",
                dir.resolve("gtfs.zip"),
                dir.resolve("station_information.json"),
                dir.resolve("counter-sites.csv"),
                false));
    assertThat(config.window())
        .isEqualTo(
            new MobiflowConfig.Window(
                Duration.ofMinutes(10),
                Duration.ofMinutes(5),
                Duration.ofSeconds(30),
                Duration.ofSeconds(60),
                Duration.ofSeconds(2),
                7));
    assertThat(config.suggestions())
        .isEqualTo(
            new SuggestionSettings(
                new TravelModel(5.5, 20, 1.5, Duration.ofSeconds(90), 300, Duration.ofMinutes(7)),
                Duration.ofMinutes(12),
                Duration.ofMinutes(20),
                4,
                Duration.ofMinutes(8)));
    assertThat(config.limits())
        .isEqualTo(
            new MobiflowConfig.Limits(
                new EventTimeBounds(Duration.ofDays(10), Duration.ofMinutes(5)), 0.2));
    assertThat(config.privacy().minCount()).isEqualTo(7);
    assertThat(config.privacy().maxH3ResolutionForTripCounts()).isEqualTo(8);
    assertThat(config.privacy().hash().pseudonym("bike-1"))
        .isEqualTo(keyed(System.getenv(KEY_ENV)).pseudonym("bike-1"));
    assertThat(config.parallelism()).isEqualTo(4);
    assertThat(config.checkpoints())
        .isEqualTo(
            new MobiflowConfig.Checkpoints(
                Duration.ofSeconds(20),
                dir.resolve("cp").toUri(),
                URI.create("s3://bucket/savepoints"),
                MobiflowConfig.StateBackend.ROCKSDB,
                false));
    assertThat(config.feeds()).hasSize(1);
    assertThat(config.feeds().get(0).feedId()).isEqualTo("velib");
    assertThat(config.sources())
        .isEqualTo(
            new MobiflowConfig.Sources(
                dir.resolve("recorded"),
                List.of(
                    new MobiflowConfig.FileSource(
                        dir.resolve("status.json"), FeedKind.GBFS_STATION_STATUS, "velib"))));
    assertThat(config.outputs())
        .isEqualTo(
            new MobiflowConfig.Outputs(
                dir.resolve("out"),
                new FlowTables.Postgis("jdbc:postgresql://db:5432/mobiflow", "planner", "secret"),
                dir.resolve("side"),
                EnumSet.of(SpatialUnit.ZONE, SpatialUnit.H3),
                EnumSet.of(SpatialUnit.ZONE, SpatialUnit.STOP)));
    assertThat(config.retention())
        .isEqualTo(new MobiflowConfig.Retention(Duration.ofDays(7), null, Duration.ofDays(365)));
  }

  @Test
  void theExclusiveAlternativesAreRead() throws Exception {
    MobiflowConfig config =
        ConfigLoader.load(Files.writeString(dir.resolve("b.yaml"), ALTERNATIVES));

    assertThat(config.outputs().flowTables())
        .isEqualTo(new FlowTables.GeoPackageFile(dir.resolve("tables.gpkg")));
    assertThat(config.privacy().hash().pseudonym("bike-1"))
        .isEqualTo(keyed("a key of twenty-two bytes").pseudonym("bike-1"));
    assertThat(config.checkpoints().dir())
        .isEqualTo(URI.create("file:///var/lib/mobiflow/checkpoints"));
    assertThat(
            ConfigLoader.load(Files.writeString(dir.resolve("c.yaml"), PASSWORD_BY_VARIABLE))
                .outputs()
                .flowTables())
        .isEqualTo(new FlowTables.Postgis("jdbc:postgresql://db:5432/m", "u", null, "PG_PASSWORD"));
  }

  /**
   * The job graph carries the key's name or path, not its bytes: the pseudonymising operators are
   * serialized with it into the graph a cluster keeps (on Kubernetes in the HA store).
   */
  @Test
  void aKeyNamedByVariableOrFileIsNotInTheSerializedSettings() throws Exception {
    byte[] byVariable =
        InstantiationUtil.serializeObject(
            ConfigLoader.load(Files.writeString(dir.resolve("a.yaml"), everything)).privacy());
    byte[] byFile =
        InstantiationUtil.serializeObject(
            ConfigLoader.load(Files.writeString(dir.resolve("b.yaml"), ALTERNATIVES)).privacy());

    assertThat(new String(byVariable, StandardCharsets.ISO_8859_1))
        .doesNotContain(latin1(System.getenv(KEY_ENV).strip()))
        .contains(KEY_ENV);
    assertThat(new String(byFile, StandardCharsets.ISO_8859_1))
        .doesNotContain("a key of twenty-two bytes")
        .contains(dir.resolve("pseudonym.key").toString());
  }

  @Test
  void theDefaultsAreTheDeclaredOnes() {
    MobiflowConfig defaults = MobiflowConfig.defaults();

    assertThat(defaults.window())
        .isEqualTo(
            new MobiflowConfig.Window(
                Duration.ofMinutes(5),
                Duration.ofMinutes(5),
                Duration.ofSeconds(120),
                Duration.ZERO,
                Duration.ofSeconds(5),
                8));
    assertThat(defaults.topics().zoneFlows()).isEqualTo("mobiflow.zone-flows");
    assertThat(defaults.parallelism()).isZero();
    assertThat(defaults.checkpoints())
        .isEqualTo(
            new MobiflowConfig.Checkpoints(
                Duration.ofSeconds(10),
                Path.of("checkpoints").toAbsolutePath().toUri(),
                null,
                MobiflowConfig.StateBackend.HASHMAP,
                true));
    assertThat(defaults.outputs().units()).containsExactly(SpatialUnit.ZONE);
    assertThat(defaults.outputs().flowTables()).isNull();
    assertThat(defaults.retention()).isEqualTo(MobiflowConfig.Retention.DEFAULT);
    assertThat(defaults.privacy().minCount()).isEqualTo(5);
  }

  /** {@code text}'s UTF-8 bytes read as ISO-8859-1, to search serialized bytes as a string. */
  private static String latin1(String text) {
    return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }

  private static KeyedHash keyed(String key) {
    return KeyedHash.withKey(key.strip().getBytes(StandardCharsets.UTF_8));
  }

  /** The dotted paths of {@code node}'s keys ({@code []} for list entries), as declared. */
  private static void paths(String prefix, JsonNode node, Set<String> out) {
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String path = prefix + field.getKey();
      out.add(path);
      JsonNode value = field.getValue();
      if (path.equals("feeds") || path.equals("kafka.properties")) {
        continue; // HttpFeedsConfig's keys; client properties passed through
      }
      if (value.isObject()) {
        paths(path + ".", value, out);
      } else if (value.isArray() && value.size() > 0 && value.get(0).isObject()) {
        paths(path + "[].", value.get(0), out);
      }
    }
  }

  /** The value at a declared path, {@code null} when absent. */
  private static JsonNode at(JsonNode file, String path) {
    JsonNode node = file;
    for (String part : path.split("\\.")) {
      boolean entry = part.endsWith("[]");
      node = node == null ? null : node.get(entry ? part.substring(0, part.length() - 2) : part);
      if (entry && node != null) {
        node = node.get(0);
      }
    }
    return node;
  }
}
