package io.mobiflow.jobs.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.mobiflow.connectors.FlinkTests;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.kafka.RawTopics;
import io.mobiflow.connectors.sink.JsonLines;
import io.mobiflow.jobs.config.ConfigLoader;
import io.mobiflow.jobs.config.MobiflowConfig;
import io.mobiflow.jobs.testing.KafkaBroker;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The feed bridge on a real broker: a real HTTP server on 127.0.0.1 serves the real Caltrain
 * VehiclePositions and answers a second endpoint with 500; the bridge publishes the document to its
 * raw topic (key, headers, bytes unchanged) and one health record per poll.
 */
class KafkaIngestITCase {

  @RegisterExtension
  @Order(1)
  static final KafkaBroker KAFKA = new KafkaBroker();

  @RegisterExtension
  @Order(2)
  static final MiniClusterExtension FLINK = FlinkTests.miniCluster();

  private static final Path VEHICLES =
      Path.of("../connectors/src/test/resources/real/caltrain/ct-vehicle-positions.pb");

  @TempDir Path dir;

  @Test
  void publishesNewDocumentsAndHealth() throws Exception {
    byte[] document = Files.readAllBytes(VEHICLES);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/vp.pb",
        ex -> {
          ex.sendResponseHeaders(200, document.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(document);
          }
        });
    server.createContext(
        "/broken",
        ex -> {
          ex.sendResponseHeaders(500, -1);
          ex.close();
        });
    server.start();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort();
      Files.writeString(
          dir.resolve("zones.geojson"), "{\"type\":\"FeatureCollection\",\"features\":[]}");
      Path file =
          Files.writeString(
              dir.resolve("mobiflow.yaml"),
              """
              kafka:
                bootstrap_servers: "%s"
              topics:
                raw_prefix: ingest.raw.
                feed_health: ingest.health
              places:
                zones: zones.geojson
              checkpoints:
                interval_seconds: 1
              feeds:
                - {id: caltrain, kind: gtfs_rt_vehicle_positions, url: "%s/vp.pb", interval_seconds: 1}
                - {id: broken, kind: gtfs_rt_trip_updates, url: "%s/broken", interval_seconds: 1}
              """
                  .formatted(KAFKA.bootstrapServers(), base, base));
      MobiflowConfig config = ConfigLoader.load(file);
      KAFKA.createTopics(KafkaIngest.topics(config), 1);

      StreamExecutionEnvironment env = FlinkTests.environment();
      KafkaIngest.build(env, config, 1);
      env.execute("ingest test");

      List<ConsumerRecord<byte[], byte[]>> raw =
          KAFKA.readAll(
              config.topics().raw().topicOf(FeedKind.GTFS_RT_VEHICLE_POSITIONS), "read_committed");
      assertThat(raw)
          .singleElement()
          .satisfies(
              record -> {
                assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("caltrain");
                assertThat(record.value()).isEqualTo(document);
                assertThat(
                        new String(
                            record.headers().lastHeader(RawTopics.CONTENT_TYPE).value(),
                            StandardCharsets.UTF_8))
                    .isEqualTo("application/x-protobuf");
                assertThat(
                        new String(
                            record.headers().lastHeader(RawTopics.SOURCE_URL).value(),
                            StandardCharsets.UTF_8))
                    .isEqualTo(base + "/vp.pb");
                assertThat(record.headers().lastHeader(RawTopics.FETCHED_AT)).isNotNull();
              });
      assertThat(
              KAFKA.readAll(
                  config.topics().raw().topicOf(FeedKind.GTFS_RT_TRIP_UPDATES), "read_committed"))
          .isEmpty();
      Map<String, String> health =
          KAFKA.readAll(config.topics().feedHealth(), "read_committed").stream()
              .map(r -> read(r.value()))
              .collect(
                  Collectors.toMap(h -> h.get("feedId").asText(), h -> h.get("status").asText()));
      assertThat(health)
          .containsExactlyInAnyOrderEntriesOf(Map.of("caltrain", "OK", "broken", "ERROR"));
    } finally {
      server.stop(0);
    }
  }

  private static JsonNode read(byte[] json) {
    try {
      return JsonLines.MAPPER.readTree(json);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
