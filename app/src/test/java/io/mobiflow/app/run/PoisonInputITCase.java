package io.mobiflow.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.TextFormat;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import io.mobiflow.app.cli.MobiflowCommand;
import io.mobiflow.connectors.FlinkTests;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.common.Rejection;
import io.mobiflow.connectors.common.SourceRef;
import io.mobiflow.connectors.kafka.RawTopics;
import io.mobiflow.connectors.sink.JsonLines;
import io.mobiflow.jobs.config.ConfigLoader;
import io.mobiflow.jobs.config.MobiflowConfig;
import io.mobiflow.jobs.run.ZoneFlowPipeline;
import io.mobiflow.jobs.testing.KafkaBroker;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
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

/**
 * The poison corpus ({@code src/test/resources/poison}, see its README) through {@code mobiflow
 * run}, from files and through a real Kafka broker: each document holds good records and one poison
 * record that once threw in an operator (restarting the job forever, or pinning it to its Kafka
 * offset) or vanished. The run finishes with exit 0; each case is exactly one dead letter of the
 * expected reason naming its file and line (or topic, partition and offset, and entity); the good
 * records, counted by hand in {@code cases.csv}, are the events the run reports.
 */
class PoisonInputITCase {

  @RegisterExtension
  @Order(1)
  static final KafkaBroker KAFKA = new KafkaBroker();

  @RegisterExtension
  @Order(2)
  static final MiniClusterExtension FLINK = FlinkTests.miniCluster();

  private static final Path CORPUS = Path.of("src/test/resources/poison");
  private static final Path GTFS =
      Path.of("../connectors/src/test/resources/real/gtfs/caltrain-ct.zip");

  /** A dead letter stays far below Kafka's default message size, whatever the input. */
  private static final int MAX_DEAD_LETTER_BYTES = 4096;

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  /**
   * One poison document.
   *
   * @param file its name in the run's input (a .textproto becomes a .pb)
   * @param kind the kind it is declared as
   * @param entity the line or entity index of the poison record
   * @param reason the dead letter's reason
   * @param good the events of the document's good records
   * @param bytes the document
   */
  private record Case(
      String file, FeedKind kind, long entity, RejectReason reason, int good, byte[] bytes) {}

  @Test
  void fromFilesEachPoisonIsOneDeadLetterAndTheGoodRecordsAreCounted() throws Exception {
    List<Case> cases = cases();
    StringBuilder files = new StringBuilder();
    for (Case c : cases) {
      Files.write(dir.resolve(c.file()), c.bytes());
      files.append(
          "    - {path: %s, kind: %s, feed_id: %s}\n"
              .formatted(c.file(), c.kind().name().toLowerCase(Locale.ROOT), feedId(c)));
    }
    Path config =
        Files.writeString(
            dir.resolve("run.yaml"), places() + "sources:\n  files:\n" + files + outputs());

    assertThat(run("run", "--config", config.toString())).as(err.toString()).isZero();

    List<String> lines = deadLetterLines(dir.resolve("out/dead-letters"));
    assertThat(deadLetters(lines, r -> r.source().file() + ":" + r.source().line()))
        .isEqualTo(expected(cases, c -> c.file() + ":" + c.entity()));
    assertThat(lines)
        .allSatisfy(line -> assertThat(line.length()).isLessThan(MAX_DEAD_LETTER_BYTES));
    assertThat(out.toString())
        .contains(events(cases) + " events, " + cases.size() + " dead letters");
  }

  /** Before issue 13 such a run said "0 events" and exited 0. */
  @Test
  void aRunWhoseEveryRecordIsRejectedWarnsAndExits3() throws Exception {
    Case wrongKind =
        cases().stream()
            .filter(c -> c.reason() == RejectReason.WRONG_KIND)
            .findFirst()
            .orElseThrow();
    Files.write(dir.resolve(wrongKind.file()), wrongKind.bytes());
    Path config =
        Files.writeString(
            dir.resolve("run.yaml"),
            places()
                + "sources:\n  files:\n    - {path: %s, kind: %s}\n"
                    .formatted(wrongKind.file(), wrongKind.kind().name().toLowerCase(Locale.ROOT))
                + outputs());

    assertThat(run("run", "--config", config.toString())).isEqualTo(3);
    assertThat(out.toString()).contains("0 events, 1 dead letters (WRONG_KIND 1)");
    assertThat(err.toString())
        .contains("warning: 100.0 % of the records read were rejected")
        .doesNotContain("\tat ");
  }

  @Test
  void throughKafkaEachPoisonIsOneDeadLetterNamingItsOffset() throws Exception {
    Path configFile =
        Files.writeString(
            dir.resolve("run.yaml"),
            places()
                + """
                kafka: {bootstrap_servers: "%s", consumer_group: poison, transactional_id_prefix: poison}
                topics: {raw_prefix: poison.raw., zone_flows: poison.zone-flows, dead_letters: poison.dead-letters}
                checkpoints: {interval_seconds: 1}
                """
                    .formatted(KAFKA.bootstrapServers()));
    MobiflowConfig config = ConfigLoader.load(configFile);
    KAFKA.createTopics(ZoneFlowPipeline.topics(config), 1);
    List<Case> cases = cases();
    Map<String, Long> offsets = new HashMap<>();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties())) {
      for (Case c : cases) {
        offsets.put(
            feedId(c),
            producer
                .send(
                    new ProducerRecord<>(
                        config.topics().raw().topicOf(c.kind()),
                        feedId(c).getBytes(StandardCharsets.UTF_8),
                        c.bytes()))
                .get()
                .offset());
      }
    }

    assertThat(run("run", "--config", configFile.toString(), "--bounded"))
        .as(err.toString())
        .isZero();

    List<String> lines = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record :
        KAFKA.readAll(config.topics().deadLetters(), "read_committed")) {
      lines.add(new String(record.value(), StandardCharsets.UTF_8));
    }
    RawTopics raw = config.topics().raw();
    assertThat(deadLetters(lines, r -> r.source().toString()))
        .isEqualTo(
            expected(
                cases,
                c ->
                    SourceRef.kafka(feedId(c), raw.topicOf(c.kind()), 0, offsets.get(feedId(c)))
                        .atLine(c.entity())
                        .toString()));
    assertThat(lines)
        .allSatisfy(line -> assertThat(line.length()).isLessThan(MAX_DEAD_LETTER_BYTES));
    assertThat(out.toString())
        .contains(events(cases) + " events, " + cases.size() + " dead letters");
  }

  /**
   * The corpus of {@code cases.csv}, and a counter line of 400,000 columns made here (800 KB: under
   * the broker's message limit).
   */
  private static List<Case> cases() throws IOException {
    List<Case> cases = new ArrayList<>();
    for (String line : Files.readAllLines(CORPUS.resolve("cases.csv"))) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split(",");
      Path file = CORPUS.resolve(f[0]);
      boolean textProto = f[0].endsWith(".textproto");
      cases.add(
          new Case(
              textProto ? f[0].replace(".textproto", ".pb") : f[0],
              FeedKind.valueOf(f[1].toUpperCase(Locale.ROOT)),
              Long.parseLong(f[2]),
              RejectReason.valueOf(f[3]),
              Integer.parseInt(f[4]),
              textProto ? binary(file) : Files.readAllBytes(file)));
    }
    String wide =
        "sensor_id,timestamp,flow_veh_h,occupancy_pct,speed_kmh\n"
            + "CNT-A,2026-01-13T07:03:00Z"
            + ",1".repeat(400_000)
            + "\nCNT-B,2026-01-13T07:03:00Z,610,8.5,36\n";
    cases.add(
        new Case(
            "counters-million-columns.csv",
            FeedKind.COUNTER_CSV,
            2,
            RejectReason.MALFORMED,
            1,
            wide.getBytes(StandardCharsets.UTF_8)));
    return cases;
  }

  private static byte[] binary(Path textProto) throws IOException {
    FeedMessage.Builder message = FeedMessage.newBuilder();
    TextFormat.merge(Files.readString(textProto), message);
    return message.build().toByteArray();
  }

  private static String feedId(Case c) {
    return c.file().replaceFirst("\\.[a-z]+$", "");
  }

  private static int events(List<Case> cases) {
    return cases.stream().mapToInt(Case::good).sum();
  }

  private static String places() {
    return """
        places:
          zones: %s
          counter_sites: %s
          stations: %s
          gtfs: %s
        """
        .formatted(
            CORPUS.resolve("zones.geojson").toAbsolutePath(),
            CORPUS.resolve("counter-sites.csv").toAbsolutePath(),
            CORPUS.resolve("station_information.json").toAbsolutePath(),
            GTFS.toAbsolutePath());
  }

  private static String outputs() {
    return "outputs: {json_lines: out}\ncheckpoints: {interval_seconds: 1}\n";
  }

  private static List<String> deadLetterLines(Path folder) throws IOException {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> parts = Files.list(folder)) {
      for (Path part : parts.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
        lines.addAll(Files.readAllLines(part));
      }
    }
    return lines;
  }

  /** Each feed's dead letters, as "REASON at place" of {@code place}. */
  private static Map<String, List<String>> deadLetters(
      List<String> lines, Function<Rejection, String> place) throws IOException {
    Map<String, List<String>> byFeed = new TreeMap<>();
    for (String line : lines) {
      Rejection rejection = JsonLines.MAPPER.readValue(line, Rejection.class);
      byFeed
          .computeIfAbsent(rejection.source().feedId(), k -> new ArrayList<>())
          .add(rejection.reason() + " at " + place.apply(rejection));
    }
    return byFeed;
  }

  /** One dead letter per case, as {@link #deadLetters} gives it. */
  private static Map<String, List<String>> expected(
      List<Case> cases, Function<Case, String> place) {
    Map<String, List<String>> expected = new TreeMap<>();
    cases.forEach(c -> expected.put(feedId(c), List.of(c.reason() + " at " + place.apply(c))));
    return expected;
  }

  private static Properties producerProperties() {
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    properties.put(
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 << 20);
    return properties;
  }

  private int run(String... args) {
    return MobiflowCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }
}
