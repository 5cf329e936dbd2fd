package io.mobiflow.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code mobiflow run} and {@code ingest} on bad configurations and an unreachable broker. */
class RunCommandTest {

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "kafka: {}\\nplaces: {zones: zones.geojson}                               | key 'kafka.bootstrap_servers' is missing",
        "kafka: {bootstrap_servers: a:1}                                        | key 'places.zones' is missing",
        "kafka: {bootstrap_servers: a:1, bootstrap_server: b}\\nplaces: {zones: zones.geojson} | key 'kafka.bootstrap_server' is not a known key",
        "kafka: {bootstrap_servers: a:1}\\nplaces: {zones: nowhere.geojson}        | key 'places.zones' names",
        "kafka: {bootstrap_servers: a:1}\\nplaces: {zones: zones.geojson}\\nwindow: {minutes: -5} | key 'window.minutes' must be a whole number",
        "kafka: {bootstrap_servers: a:1}\\nplaces: {zones: zones.geojson}\\ncheckpoints: {interval_seconds: often} | key 'checkpoints.interval_seconds'",
        "kafka: [a, b]\\nplaces: {zones: zones.geojson}                            | key 'kafka' must be a section",
        "kafka: {bootstrap_servers: a:1\\n                                         | not valid YAML",
        "kafka: {bootstrap_servers: a:1}\\nplaces: {zones: zones.geojson}\\nwindow: {minutes: 5.5} | key 'window.minutes' must be a whole number in 1..1440, not '5.5'",
        "places: {zones: zones.geojson}\\nsources: {files: [{path: c.csv, kind: gbfs_station_information}]}\\noutputs: {json_lines: out} | key 'sources.files[0].kind' 'gbfs_station_information' is not read by the job",
        "places: {zones: zones.geojson}\\nsources: {files: [{path: c.csv, kind: counter_csv}]}\\noutputs: {json_lines: out} | key 'places.counter_sites' is missing: it places the counter_csv records of sources.files[0]",
        "places: {zones: zones.geojson}\\nsources: {files: [{path: c.csv, kind: gtfs_rt_trip_updates}]}\\noutputs: {json_lines: out} | key 'places.gtfs' is missing",
        "places: {zones: zones.geojson}\\nsources: {files: [{path: c.csv, kind: counter_csv}]}\\noutputs: {json_lines: out}\\nlimits: {max_rejected_share: 2} | key 'limits.max_rejected_share' must be a number in 0.0..1.0",
        "kafka: {bootstrap_servers: a:1}\\nplaces: {zones: zones.geojson}\\nprivacy: {min_count: 1} | key 'privacy.min_count' must be a whole number in 2..1000, not '1'",
        "kafka: {bootstrap_servers: a:1}\\nplaces: {zones: zones.geojson}\\nprivacy: {max_h3_resolution_for_trip_counts: 16} | key 'privacy.max_h3_resolution_for_trip_counts' must be a whole number in 0..15",
        "kafka: {bootstrap_servers: a:1}\\nplaces: {zones: zones.geojson}\\nprivacy: {key_env: MOBIFLOW_UNSET_TEST_KEY_4711} | key 'privacy.key_env' names MOBIFLOW_UNSET_TEST_KEY_4711, which is not set",
        "kafka: {bootstrap_servers: a:1}\\nplaces: {zones: zones.geojson}\\nprivacy: {key_file: short.key} | key 'privacy.key_file' is not a usable key: a pseudonym key needs at least 16 bytes, this one has 9",
        "kafka: {bootstrap_servers: a:1}\\nplaces: {zones: zones.geojson}\\nprivacy: {key_file: c.csv, key_env: HOME} | key 'privacy.key_file' and key_env exclude each other",
        "kafka: {bootstrap_servers: a:1}\\nplaces: {zones: zones.geojson}\\nprivacy: {k: 5} | key 'privacy.k' is not a known key"
      })
  void aBadConfigurationExits2NamingTheKey(String yaml, String message) throws Exception {
    Files.writeString(dir.resolve("zones.geojson"), zones());
    Files.writeString(
        dir.resolve("c.csv"), "sensor_id,timestamp,flow_veh_h,occupancy_pct,speed_kmh\n");
    Files.writeString(dir.resolve("short.key"), "too short\n");
    Path config = Files.writeString(dir.resolve("mobiflow.yaml"), yaml.replace("\\n", "\n"));
    assertThat(run("run", "--config", config.toString())).isEqualTo(2);
    assertThat(err.toString().lines())
        .singleElement()
        .asString()
        .startsWith("mobiflow run: ")
        .contains(config.toString())
        .contains(message);
    assertThat(err.toString()).doesNotContain("\tat ");
  }

  /**
   * Found by a hostile probe: at parallelism 16 the local cluster's network buffers ran out and the
   * job restarted forever, saying nothing; zones that are not GeoJSON, or none, a configuration
   * that is a folder or not text, were reported in Jackson's words or as missing.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "parallelism    | --parallelism must be within 1..8 on one machine",
        "folder         | the configuration is not a file",
        "binary         | not valid YAML: not UTF-8 text (Invalid UTF-8 start byte 0xff)",
        "zones-not-json | key 'places.zones': ",
        "no-zones       | key 'places.zones': "
      })
  void aBadRunSetupExits2WithOneLine(String what, String message) throws Exception {
    Path config = dir.resolve("run.yaml");
    String zones = zones();
    String[] args = {"run", "--config", config.toString()};
    switch (what) {
      case "parallelism" ->
          args = new String[] {"run", "--config", config.toString(), "--parallelism", "16"};
      case "folder" -> Files.createDirectory(config);
      case "binary" ->
          Files.write(config, new byte[] {'a', ':', ' ', (byte) 0xff, (byte) 0xfe, '\n'});
      case "zones-not-json" -> zones = "hello, not json";
      case "no-zones" -> zones = "{\"type\":\"FeatureCollection\",\"features\":[]}";
      default -> throw new IllegalArgumentException(what);
    }
    Files.writeString(dir.resolve("zones.geojson"), zones);
    if (!Files.exists(config)) {
      Files.writeString(
          config, "kafka: {bootstrap_servers: a:1}\nplaces: {zones: zones.geojson}\n");
    }
    assertThat(run(args)).isEqualTo(2);
    assertThat(err.toString().lines()).singleElement().asString().contains(message);
    assertThat(err.toString()).doesNotContain("\tat ").doesNotContain("Exception");
    if (what.equals("zones-not-json")) {
      assertThat(err.toString()).contains("zones.geojson is not GeoJSON");
    }
    if (what.equals("no-zones")) {
      assertThat(err.toString()).contains("zones.geojson holds no zone");
    }
  }

  @Test
  void aMissingConfigurationFileExits2() {
    assertThat(run("run", "--config", dir.resolve("none.yaml").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("configuration file does not exist");
  }

  @Test
  void anUnreachableBrokerIsReportedWithinTheConnectTimeout() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort(); // closed again: nothing listens there
    }
    Files.writeString(dir.resolve("zones.geojson"), zones());
    Path config =
        Files.writeString(
            dir.resolve("mobiflow.yaml"),
            "kafka: {bootstrap_servers: \"127.0.0.1:"
                + port
                + "\", connect_timeout_seconds: 3}\nplaces: {zones: zones.geojson}\n");
    long start = System.nanoTime();
    int code = run("run", "--config", config.toString());
    double seconds = (System.nanoTime() - start) / 1e9;
    assertThat(code).isEqualTo(2);
    assertThat(err.toString().lines())
        .singleElement()
        .asString()
        .contains("cannot reach Kafka at 127.0.0.1:" + port + " within 3 s");
    assertThat(seconds).as("bounded by the connect timeout, not a hang").isLessThan(30);
  }

  @Test
  void ingestWithoutFeedsSaysSo() throws Exception {
    Files.writeString(dir.resolve("zones.geojson"), zones());
    Path config =
        Files.writeString(
            dir.resolve("mobiflow.yaml"),
            "kafka: {bootstrap_servers: a:1}\nplaces: {zones: zones.geojson}\nfeeds: []\n");
    assertThat(run("ingest", "--config", config.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("key 'feeds'");
  }

  private static String zones() {
    return "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":"
        + "{\"id\":\"Z\",\"name\":\"Z\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
        + "[[[0.7,45.1],[0.8,45.1],[0.8,45.2],[0.7,45.2],[0.7,45.1]]]}}]}";
  }

  private int run(String... args) {
    return MobiflowCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }
}
