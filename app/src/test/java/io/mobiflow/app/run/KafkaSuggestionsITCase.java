package io.mobiflow.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import io.mobiflow.app.serve.Events;
import io.mobiflow.app.serve.SuggestionBoard;
import io.mobiflow.app.serve.SuggestionTopicReader;
import io.mobiflow.app.serve.TravellerApi;
import io.mobiflow.app.testing.SimulatedPeribus;
import io.mobiflow.connectors.FlinkTests;
import io.mobiflow.connectors.sink.JsonLines;
import io.mobiflow.jobs.config.ConfigLoader;
import io.mobiflow.jobs.config.MobiflowConfig;
import io.mobiflow.jobs.run.ZoneFlowPipeline;
import io.mobiflow.jobs.suggest.Suggestion;
import io.mobiflow.jobs.suggest.SuggestionStatus;
import io.mobiflow.jobs.testing.KafkaBroker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * the file run, each keyed by its suggestion id; {@code mobiflow serve}'s reader and API then
 * serve, over HTTP, the Alerts feed of exactly the suggestions valid at a time of the run.
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
    SimulatedPeribus.write(dir, 40);

    run(config("files", "outputs: {json_lines: out}"));
    List<String> expected = new ArrayList<>();
    try (Stream<Path> parts = Files.list(dir.resolve("out/suggestions"))) {
      for (Path part : parts.sorted().toList()) {
        expected.addAll(Files.readAllLines(part));
      }
    }
    assertThat(expected).as("the run made suggestions").hasSizeGreaterThan(10);

    MobiflowConfig kafka = config("kafka", "");
    KAFKA.createTopics(ZoneFlowPipeline.topics(kafka), 2);
    run(kafka);
    List<String> published = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record :
        KAFKA.readAll(kafka.topics().suggestions(), "read_committed")) {
      Suggestion suggestion = JsonLines.MAPPER.readValue(record.value(), Suggestion.class);
      assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(suggestion.id());
      published.add(new String(record.value(), StandardCharsets.UTF_8));
    }
    assertThat(published).containsExactlyInAnyOrderElementsOf(expected);

    // mobiflow serve's reader and API on the topic, as the suggestions stood 20 minutes in
    Instant clock = Instant.parse("2026-01-13T06:20:00Z");
    Set<String> validThen = validAt(expected, clock);
    assertThat(validThen).isNotEmpty();
    SuggestionBoard board = new SuggestionBoard(clock, new Events());
    try (SuggestionTopicReader reader = new SuggestionTopicReader(kafka, board);
        TravellerApi api = new TravellerApi(board, null, new Events(), "127.0.0.1", 0)) {
      Thread follower = new Thread(reader);
      follower.start();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (board.size() < latestIds(expected, clock) && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      HttpResponse<byte[]> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + api.port() + "/gtfs-rt/alerts.pb"))
                      .build(),
                  HttpResponse.BodyHandlers.ofByteArray());
      assertThat(FeedMessage.parseFrom(response.body()).getEntityList())
          .extracting(entity -> entity.getId().substring("mobiflow-".length()))
          .containsExactlyInAnyOrderElementsOf(validThen);
    }
  }

  /** How many ids have a record at or before {@code clock}. */
  private static long latestIds(List<String> lines, Instant clock) throws IOException {
    Set<String> ids = new HashSet<>();
    for (String line : lines) {
      Suggestion s = JsonLines.MAPPER.readValue(line, Suggestion.class);
      if (!s.at().isAfter(clock)) {
        ids.add(s.id());
      }
    }
    return ids.size();
  }

  /** The ids whose latest record at {@code clock} is an issue valid then: a plain loop. */
  private static Set<String> validAt(List<String> lines, Instant clock) throws IOException {
    Map<String, Suggestion> latest = new HashMap<>();
    for (String line : lines) {
      Suggestion s = JsonLines.MAPPER.readValue(line, Suggestion.class);
      Suggestion held = latest.get(s.id());
      if (!s.at().isAfter(clock) && (held == null || !s.at().isBefore(held.at()))) {
        latest.put(s.id(), s);
      }
    }
    Set<String> valid = new HashSet<>();
    for (Suggestion s : latest.values()) {
      if (s.status() == SuggestionStatus.ISSUED
          && !s.validFrom().isAfter(clock)
          && s.validUntil().isAfter(clock)) {
        valid.add(s.id());
      }
    }
    return valid;
  }

  private static void run(MobiflowConfig config) throws Exception {
    StreamExecutionEnvironment env = FlinkTests.environment();
    ZoneFlowPipeline.builder(config).bounded(true).build(env);
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
