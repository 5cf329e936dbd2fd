package io.mobiflow.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.connectors.FlinkTests;
import io.mobiflow.connectors.sink.JsonLines;
import io.mobiflow.jobs.config.ConfigLoader;
import io.mobiflow.jobs.config.MobiflowConfig;
import io.mobiflow.jobs.config.PlacesLoader;
import io.mobiflow.jobs.demo.CityFiles;
import io.mobiflow.jobs.demo.DemoCity;
import io.mobiflow.jobs.demo.DemoData;
import io.mobiflow.jobs.demo.FeedSimulator;
import io.mobiflow.jobs.demo.SimulationSettings;
import io.mobiflow.jobs.suggest.Suggestion;
import io.mobiflow.jobs.testing.KafkaBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Suggestions on the suggestions topic of a real broker: 40 minutes of the demo's simulated feeds
 * on the real Péribus network, replayed by {@code mobiflow run} once into JSON lines and once into
 * Kafka (transactions, read with {@code read_committed}). The topic holds exactly the records of
 * the file run, each keyed by its suggestion id.
 */
class KafkaSuggestionsITCase {

  @RegisterExtension
  @Order(1)
  static final KafkaBroker KAFKA = new KafkaBroker();

  @RegisterExtension
  @Order(2)
  static final MiniClusterExtension FLINK = FlinkTests.miniCluster();

  @TempDir Path dir;

  @Test
  void theTopicCarriesEverySuggestionOnceKeyedByItsId() throws Exception {
    DemoCity city = DemoData.perigueux(DemoData.DEFAULT_DATE);
    CityFiles.write(city, dir.resolve("city"));
    DemoData.writePeribus(dir.resolve("city/peribus-gtfs.zip"));
    FeedSimulator.run(
        city,
        SimulationSettings.typical(
            42,
            DemoData.DEFAULT_DATE.atTime(7, 0).atZone(city.timetable().timeZone()).toInstant(),
            Duration.ofMinutes(40)),
        dir.resolve("feeds"));

    run(config("files", "outputs: {json_lines: out}"));
    List<String> expected = new ArrayList<>();
    try (Stream<Path> parts = Files.list(dir.resolve("out/suggestions"))) {
      for (Path part : parts.sorted().toList()) {
        expected.addAll(Files.readAllLines(part));
      }
    }
    assertThat(expected).as("the run made suggestions").hasSizeGreaterThan(10);

    MobiflowConfig kafka = config("kafka", "");
    KAFKA.createTopics(ZoneFlowRun.topics(kafka), 2);
    run(kafka);
    List<String> published = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record :
        KAFKA.readAll(kafka.topics().suggestions(), "read_committed")) {
      Suggestion suggestion = JsonLines.MAPPER.readValue(record.value(), Suggestion.class);
      assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(suggestion.id());
      published.add(new String(record.value(), StandardCharsets.UTF_8));
    }
    assertThat(published).containsExactlyInAnyOrderElementsOf(expected);
  }

  private static void run(MobiflowConfig config) throws Exception {
    StreamExecutionEnvironment env = FlinkTests.environment();
    ZoneFlowRun.build(env, config, PlacesLoader.load(config), true);
    env.execute("suggestions " + config.file().getFileName());
  }

  private MobiflowConfig config(String name, String outputs) throws IOException {
    return ConfigLoader.load(
        Files.writeString(
            dir.resolve(name + ".yaml"),
            """
            kafka:
              bootstrap_servers: "%s"
              transactional_id_prefix: it-%s
              connect_timeout_seconds: 10
            topics:
              zone_flows: flows-%s
              dead_letters: dead-%s
              suggestions: suggestions-%s
            places:
              zones: city/zones.geojson
              stations: city/station_information.json
              gtfs: city/peribus-gtfs.zip
            sources:
              snapshots: feeds
            checkpoints:
              interval_seconds: 1
            suggestions: {}
            %s
            """
                .formatted(KAFKA.bootstrapServers(), name, name, name, name, outputs)));
  }
}
