package io.mobiflow.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.jobs.config.ConfigLoader;
import io.mobiflow.jobs.config.MobiflowConfig;
import io.mobiflow.jobs.testing.CaltrainCorridor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Savepoints restore by operator uid: the wiring must keep every uid of the operators it adds. The
 * stream graph of two configurations (the demo's: suggestions, flow tables of zones, counter sites
 * and stops, JSON lines; a Kafka run's: topics in and out, suggestions, a second unit) is built
 * without running, and its uids are compared with the lists recorded from the build before the
 * wiring was changed (test resources {@code operator-uids/}, their header says from which commit;
 * that build wired the demo's job by hand, as {@code DemoRun} did, and the Kafka one through {@code
 * ZoneFlowRun}).
 */
class OperatorUidsTest {

  @TempDir Path dir;

  @Test
  void theDemoShapedJobKeepsItsUids() throws IOException {
    Files.createDirectories(dir.resolve("feeds"));
    MobiflowConfig config =
        config(
            """
            places:
              zones: zones.geojson
              gtfs: %s
              resolve_trip_updates: false
            sources:
              snapshots: feeds
            outputs:
              json_lines: out
              units: [zone]
              flow_table_units: [zone, counter-site, stop]
            suggestions: {}
            """);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    ZoneFlowPipeline.builder(config).build(env);

    assertThat(uids(env)).containsExactlyElementsOf(recorded("demo.txt"));
  }

  @Test
  void theKafkaShapedJobKeepsItsUids() throws IOException {
    MobiflowConfig config =
        config(
            """
            kafka:
              bootstrap_servers: "localhost:9"
            places:
              zones: zones.geojson
              gtfs: %s
            suggestions: {}
            outputs:
              units: [zone, stop]
            """);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    ZoneFlowPipeline.builder(config).build(env);

    assertThat(uids(env)).containsExactlyElementsOf(recorded("kafka.txt"));
  }

  /** The configuration {@code yaml} (its {@code %s}: the Caltrain GTFS), with Caltrain's zones. */
  private MobiflowConfig config(String yaml) throws IOException {
    Files.writeString(dir.resolve("zones.geojson"), CaltrainCorridor.zonesGeoJson());
    return ConfigLoader.load(
        Files.writeString(
            dir.resolve("mobiflow.yaml"), yaml.formatted(CaltrainCorridor.GTFS.toAbsolutePath())));
  }

  /** The uid of every node of the stream graph, sorted; a node without one by its name. */
  private static SortedSet<String> uids(StreamExecutionEnvironment env) {
    SortedSet<String> uids = new TreeSet<>();
    for (StreamNode node : env.getStreamGraph().getStreamNodes()) {
      String uid = node.getTransformationUID();
      uids.add(uid != null ? uid : "(no uid) " + node.getOperatorName());
    }
    return uids;
  }

  /** The lines of a recorded list, without its comment lines. */
  private static List<String> recorded(String name) throws IOException {
    try (InputStream in = OperatorUidsTest.class.getResourceAsStream("/operator-uids/" + name)) {
      assertThat(in).as("resource operator-uids/" + name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(line -> !line.startsWith("#") && !line.isBlank())
          .toList();
    }
  }
}
