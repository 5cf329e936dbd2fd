package io.mobiflow.app.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.mobiflow.app.cli.LauncherProcess;
import io.mobiflow.app.cli.MobiflowCommand;
import io.mobiflow.app.serve.Events;
import io.mobiflow.app.serve.SuggestionBoard;
import io.mobiflow.app.serve.SuggestionTopicReader;
import io.mobiflow.connectors.FlinkTests;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.sink.JsonLines;
import io.mobiflow.jobs.config.ConfigLoader;
import io.mobiflow.jobs.config.MobiflowConfig;
import io.mobiflow.jobs.kafka.KafkaIngest;
import io.mobiflow.jobs.run.ZoneFlowPipeline;
import io.mobiflow.jobs.testing.CaltrainCorridor;
import io.mobiflow.jobs.testing.KafkaBroker;
import io.mobiflow.jobs.zoneflow.ZoneFlow;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Mobiflow against a broker whose only client listener is SASL_SSL (SCRAM-SHA-512 over TLS, see
 * {@link KafkaBroker#secured()}), with nothing but the properties of {@code kafka.properties}:
 * {@code mobiflow ingest} publishes the real Caltrain VehiclePositions served over loopback HTTP,
 * {@code mobiflow run} turns them into zone indicators with its transactional sink, and {@code
 * mobiflow serve}'s suggestion reader follows its topic; every record is read back over the secured
 * listener. No configuration holds a credential: Kafka's config providers read them from a mounted
 * Secret's folder or the environment. A wrong password, an untrusted certificate and a client
 * without TLS end both commands with one line and exit code 2, within the connect timeout.
 */
class SecuredKafkaITCase {

  @RegisterExtension
  @Order(1)
  static final KafkaBroker KAFKA = KafkaBroker.secured();

  @RegisterExtension
  @Order(2)
  static final MiniClusterExtension FLINK = FlinkTests.miniCluster();

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  /**
   * No configuration holds a credential: every command reads them through Kafka's own config
   * providers, resolved where each client is created. Ingest and serve's reader take the password
   * from a mounted Secret's folder (DirectoryConfigProvider: one file per key); run, in its own
   * process as in a pod, takes user, password and truststore password from its environment
   * (EnvVarConfigProvider, allow-listed to {@code MOBIFLOW_KAFKA_*}), the form of the Kubernetes
   * ConfigMap: its preflight, its source and its transactional sinks all connect with them.
   */
  @Test
  void ingestRunAndServeReadTheirCredentialsThroughConfigProviders() throws Exception {
    byte[] document = Files.readAllBytes(CaltrainCorridor.VEHICLES);
    HttpServer feed = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    feed.createContext(
        "/vp.pb",
        exchange -> {
          exchange.sendResponseHeaders(200, document.length);
          try (OutputStream body = exchange.getResponseBody()) {
            body.write(document);
          }
        });
    feed.start();
    Path secret = Files.createDirectories(dir.resolve("kafka-user"));
    Files.writeString(secret.resolve("password"), KAFKA.clientPassword());
    Files.writeString(secret.resolve("ca.password"), KAFKA.certificates().password());
    String mountedSecret =
        clientProperties(
                    KafkaBroker.jaasConfig(
                        KafkaBroker.CLIENT_USER, "${dir:" + secret + ":password}"))
                .replace(
                    quoted(KAFKA.certificates().password()),
                    quoted("${dir:" + secret + ":ca.password}"))
            + "\n    config.providers: dir"
            + "\n    config.providers.dir.class:"
            + " org.apache.kafka.common.config.provider.DirectoryConfigProvider"
            + "\n    config.providers.dir.param.allowed.paths: "
            + quoted(secret.toString());
    Path ingestConfig =
        config(
            "ingest",
            mountedSecret,
            "feeds:\n  - {id: caltrain, kind: gtfs_rt_vehicle_positions, url: \"http://127.0.0.1:"
                + feed.getAddress().getPort()
                + "/vp.pb\", interval_seconds: 1}\n");
    MobiflowConfig ingest = ConfigLoader.load(ingestConfig);
    List<String> topics = new ArrayList<>(KafkaIngest.topics(ingest));
    topics.addAll(ZoneFlowPipeline.topics(ingest));
    topics.add(ingest.topics().suggestions());
    KAFKA.createTopics(topics, 1);
    try {
      assertThat(run("ingest", "--config", ingestConfig.toString(), "--polls", "1"))
          .as(err.toString())
          .isZero();
    } finally {
      feed.stop(0);
    }
    assertThat(
            KAFKA.readAll(
                ingest.topics().raw().topicOf(FeedKind.GTFS_RT_VEHICLE_POSITIONS),
                "read_committed"))
        .singleElement()
        .satisfies(record -> assertThat(record.value()).isEqualTo(document));
    assertThat(KAFKA.readAll(ingest.topics().feedHealth(), "read_committed")).hasSize(1);

    Map<String, String> environment =
        Map.of(
            "MOBIFLOW_KAFKA_USERNAME", KafkaBroker.CLIENT_USER,
            "MOBIFLOW_KAFKA_PASSWORD", KAFKA.clientPassword(),
            "MOBIFLOW_KAFKA_TRUSTSTORE_PASSWORD", KAFKA.certificates().password());
    Path runConfig =
        config(
            "run",
            clientProperties(
                        KafkaBroker.jaasConfig(
                            "${env:MOBIFLOW_KAFKA_USERNAME}", "${env:MOBIFLOW_KAFKA_PASSWORD}"))
                    .replace(
                        quoted(KAFKA.certificates().password()),
                        quoted("${env:MOBIFLOW_KAFKA_TRUSTSTORE_PASSWORD}"))
                + "\n    config.providers: env"
                + "\n    config.providers.env.class:"
                + " org.apache.kafka.common.config.provider.EnvVarConfigProvider"
                + "\n    config.providers.env.param.allowlist.pattern: 'MOBIFLOW_KAFKA_.*'",
            "");
    // a JVM of its own starts cold: TLS and SCRAM take it longer than the 3 s of the others
    Files.writeString(
        runConfig,
        Files.readString(runConfig)
            .replace("connect_timeout_seconds: 3", "connect_timeout_seconds: 60"));
    String runYaml = Files.readString(runConfig);
    environment.keySet().forEach(name -> assertThat(runYaml).contains("${env:" + name + "}"));
    for (Path yaml : List.of(ingestConfig, runConfig)) {
      assertThat(yaml)
          .content()
          .doesNotContain(KAFKA.clientPassword())
          .doesNotContain(KAFKA.certificates().password());
    }
    LauncherProcess.Result run =
        LauncherProcess.run(
            dir,
            environment,
            Duration.ofMinutes(3),
            "run",
            "--config",
            runConfig.toString(),
            "--bounded");
    assertThat(run.exitCode()).as(run.err() + run.log()).isZero();
    MobiflowConfig config = ConfigLoader.load(runConfig);
    Map<String, Long> flows = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> record :
        KAFKA.readAll(config.topics().zoneFlows(), "read_committed")) {
      ZoneFlow flow = JsonLines.MAPPER.readValue(record.value(), ZoneFlow.class);
      if (flow.provisional()) {
        continue; // an early result, replaced by the final record of its window
      }
      assertThat(
              flows.put(
                  flow.unitId() + "@" + flow.windowStart(), flow.transit().vehiclePositions()))
          .as("one final record per zone and window")
          .isNull();
    }
    Map<String, Long> expected = CaltrainCorridor.vehiclesPerZoneWindow();
    assertThat(flows).isEqualTo(expected);
    long events = expected.values().stream().mapToLong(Long::longValue).sum();
    assertThat(run.out()).contains(events + " events, 0 dead letters");

    publishSuggestion(config.topics().suggestions());
    SuggestionBoard board = new SuggestionBoard(null, new Events());
    try (SuggestionTopicReader reader =
        new SuggestionTopicReader(ConfigLoader.load(ingestConfig), board)) {
      Thread follower = new Thread(reader);
      follower.start();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (board.size() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
    }
    assertThat(board.size()).as("the suggestion read over SASL_SSL").isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"ingest", "run", "serve"})
  void aWrongPasswordIsOneLine(String command) throws Exception {
    String properties =
        clientProperties(KafkaBroker.jaasConfig(KafkaBroker.CLIENT_USER, "not-the-password"));
    assertOneLine(
        command,
        properties,
        "Kafka at " + KAFKA.bootstrapServers() + " refused the credentials: ",
        "(check kafka.properties sasl.mechanism and sasl.jaas.config in ");
    assertThat(err.toString()).contains("invalid credentials");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"ingest", "run"})
  void anUntrustedCertificateIsOneLine(String command) throws Exception {
    String properties =
        clientProperties(KafkaBroker.jaasConfig(KafkaBroker.CLIENT_USER, KAFKA.clientPassword()))
            .replace(
                KAFKA.certificates().truststore().toString(),
                KAFKA.certificates().untrustedTruststore().toString());
    assertOneLine(
        command,
        properties,
        "the TLS handshake with Kafka at " + KAFKA.bootstrapServers() + " failed: ",
        "(check kafka.properties security.protocol and ssl.truststore.* in ");
  }

  /** Without security.protocol the client speaks plain text to a TLS port: no answer. */
  @Test
  void aClientWithoutTlsCannotReachTheBroker() throws Exception {
    assertOneLine(
        "run",
        "{}",
        "cannot reach Kafka at " + KAFKA.bootstrapServers() + " within 3 s ",
        "(kafka.bootstrap_servers, or kafka.properties security.protocol when the brokers want"
            + " TLS or SASL, in ");
  }

  /**
   * {@code command} exits 2 within the connect timeout, printing one line: {@code start}, a detail,
   * and {@code end} followed by the configuration file.
   */
  private void assertOneLine(String command, String properties, String start, String end)
      throws Exception {
    Path config =
        config(
            command,
            properties,
            "feeds:\n  - {id: f, kind: gtfs_rt_vehicle_positions, url: \"http://127.0.0.1:9/\"}\n");
    long began = System.nanoTime();
    int code = run(command, "--config", config.toString());
    double seconds = (System.nanoTime() - began) / 1e9;
    assertThat(code).as(err.toString()).isEqualTo(2);
    assertThat(err.toString().lines())
        .singleElement()
        .asString()
        .startsWith("mobiflow " + command + ": " + start)
        .endsWith(end + config + ")");
    assertThat(seconds).as("within the connect timeout, not a hang").isLessThan(20);
    assertThat(out.toString()).isEmpty();
  }

  /** The pass-through properties of the client user (a YAML flow mapping's inner lines). */
  private String clientProperties(String jaasConfig) {
    Map<String, String> properties = new HashMap<>(KAFKA.clientProperties("x", "y"));
    properties.put("sasl.jaas.config", jaasConfig);
    StringBuilder yaml = new StringBuilder();
    properties.forEach(
        (key, value) -> yaml.append("\n    ").append(key).append(": ").append(quoted(value)));
    return yaml.toString();
  }

  /** A YAML single-quoted scalar: the JAAS line holds double quotes and a semicolon. */
  private static String quoted(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  private Path config(String name, String properties, String more) throws IOException {
    Files.writeString(dir.resolve("zones.geojson"), CaltrainCorridor.zonesGeoJson());
    return Files.writeString(
        dir.resolve(name + ".yaml"),
        """
        kafka:
          bootstrap_servers: "%s"
          connect_timeout_seconds: 3
          consumer_group: secured
          transactional_id_prefix: secured
          properties: %s
        topics:
          raw_prefix: secured.raw.
          feed_health: secured.health
          zone_flows: secured.zone-flows
          dead_letters: secured.dead-letters
          suggestions: secured.suggestions
        places:
          zones: zones.geojson
        window:
          minutes: 5
        checkpoints:
          interval_seconds: 1
        %s"""
            .formatted(KAFKA.bootstrapServers(), properties, more));
  }

  /** One suggestion, written by the admin user as the job's sink would. */
  private static void publishSuggestion(String topic) throws Exception {
    Properties properties = new Properties();
    properties.putAll(KAFKA.adminProperties());
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    properties.put(
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    String json =
        """
        {"id":"mode-shift:SF","type":"CONGESTION_MODE_SHIFT","status":"ISSUED",\
        "at":"2023-11-08T01:00:00Z","validFrom":"2023-11-08T01:00:00Z",\
        "validUntil":"2023-11-08T01:30:00Z","zoneId":"SF"}""";
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties)) {
      producer
          .send(
              new ProducerRecord<>(
                  topic,
                  "mode-shift:SF".getBytes(StandardCharsets.UTF_8),
                  json.getBytes(StandardCharsets.UTF_8)))
          .get();
    }
  }

  private int run(String... args) {
    return MobiflowCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }
}
