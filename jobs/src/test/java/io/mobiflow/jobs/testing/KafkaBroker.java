package io.mobiflow.jobs.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real single-node Apache Kafka broker (KRaft, broker and controller in one process) for
 * integration tests: started as a separate JVM on loopback and free ports from the class path that
 * the {@code testing/kafka-broker} module resolves, formatted fresh, and stopped after the test
 * class. No mocks, no Docker. Topics are not auto-created: tests create them.
 *
 * <p>{@link #secured()} gives a broker whose only client listener is SASL_SSL: TLS with a key pair
 * and certificate generated for 127.0.0.1 at start (the JDK's keytool), SCRAM-SHA-512 with two
 * users written into the metadata when the storage is formatted: {@link #ADMIN_USER} (the broker's
 * own inter-broker user, and the one this class's helpers use) and {@link #CLIENT_USER}.
 */
public final class KafkaBroker implements BeforeAllCallback, AfterAllCallback {

  /** The user of the secured broker's own connections and of this class's helpers. */
  public static final String ADMIN_USER = "admin";

  /** The user the secured broker knows for the code under test. */
  public static final String CLIENT_USER = "mobiflow";

  /** The SASL mechanism of the secured broker. */
  public static final String MECHANISM = "SCRAM-SHA-512";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final boolean secured;
  private final String adminPassword = "admin-" + Uuid.randomUuid();
  private final String clientPassword = "client-" + Uuid.randomUuid();
  private Process process;
  private Path dir;
  private String bootstrapServers;
  private TestCertificates certificates;

  /** A broker with one PLAINTEXT listener. */
  public KafkaBroker() {
    this(false);
  }

  private KafkaBroker(boolean secured) {
    this.secured = secured;
  }

  /** A broker whose client listener is SASL_SSL with SCRAM-SHA-512 (see the class comment). */
  public static KafkaBroker secured() {
    return new KafkaBroker(true);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    String classpathFile = System.getProperty("mobiflow.kafka.broker.classpath");
    if (classpathFile == null || !Files.exists(Path.of(classpathFile))) {
      throw new IllegalStateException(
          "no broker class path at " + classpathFile + ": build testing/kafka-broker first");
    }
    String classpath = Files.readString(Path.of(classpathFile)).trim();
    dir = Files.createTempDirectory("mobiflow-kafka-");
    int port = freePort();
    int controllerPort = freePort();
    bootstrapServers = "127.0.0.1:" + port;
    String listener = secured ? "SASL_SSL" : "PLAINTEXT";
    List<String> settings = new ArrayList<>();
    if (secured) {
      certificates = TestCertificates.create(dir.resolve("tls"));
      settings.addAll(
          List.of(
              "sasl.enabled.mechanisms=" + MECHANISM,
              "sasl.mechanism.inter.broker.protocol=" + MECHANISM,
              "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config="
                  + jaasConfig(ADMIN_USER, adminPassword),
              "ssl.keystore.type=PKCS12",
              "ssl.keystore.location=" + certificates.keystore(),
              "ssl.keystore.password=" + certificates.password(),
              "ssl.key.password=" + certificates.password(),
              "ssl.truststore.type=PKCS12",
              "ssl.truststore.location=" + certificates.truststore(),
              "ssl.truststore.password=" + certificates.password()));
    }
    Path config = dir.resolve("server.properties");
    settings.addAll(
        List.of(
            "process.roles=broker,controller",
            "node.id=1",
            "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
            "listeners="
                + listener
                + "://127.0.0.1:"
                + port
                + ",CONTROLLER://127.0.0.1:"
                + controllerPort,
            "advertised.listeners=" + listener + "://127.0.0.1:" + port,
            "controller.listener.names=CONTROLLER",
            "listener.security.protocol.map=" + listener + ":" + listener + ",CONTROLLER:PLAINTEXT",
            "inter.broker.listener.name=" + listener,
            "log.dirs=" + dir.resolve("logs"),
            "num.partitions=1",
            "offsets.topic.replication.factor=1",
            "offsets.topic.num.partitions=1",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "transaction.state.log.num.partitions=1",
            "share.coordinator.state.topic.replication.factor=1",
            "share.coordinator.state.topic.min.isr=1",
            "group.initial.rebalance.delay.ms=0",
            "auto.create.topics.enable=false",
            "transaction.max.timeout.ms=900000",
            // The test feeds are years old and the sinks stamp records with their event time:
            // time retention would delete them at the broker's first retention check.
            "log.retention.ms=-1",
            ""));
    Files.writeString(config, String.join("\n", settings));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> format =
        new ArrayList<>(
            List.of(
                java,
                "-cp",
                classpath,
                "kafka.tools.StorageTool",
                "format",
                "-t",
                Uuid.randomUuid().toString(),
                "-c",
                config.toString()));
    if (secured) {
      format.addAll(List.of("--add-scram", scram(ADMIN_USER, adminPassword)));
      format.addAll(List.of("--add-scram", scram(CLIENT_USER, clientPassword)));
    }
    run(format, dir.resolve("format.log"));
    process =
        new ProcessBuilder(java, "-Xmx384m", "-cp", classpath, "kafka.Kafka", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("broker.log").toFile())
            .start();
    awaitReady();
  }

  private void awaitReady() throws Exception {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Kafka broker exited: " + tail(dir.resolve("broker.log")));
      }
      try (Admin admin = admin()) {
        admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
        return;
      } catch (Exception e) {
        last = e;
        Thread.sleep(300);
      }
    }
    throw new IllegalStateException("Kafka broker not ready after " + START_TIMEOUT, last);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (process != null) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    if (dir != null && (process == null || !process.isAlive())) {
      deleteRecursively(dir); // the logs, and the secured broker's private key
    }
  }

  private static void deleteRecursively(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  /** host:port of the broker's client listener (PLAINTEXT, or SASL_SSL when secured). */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The password of {@link #CLIENT_USER} on the secured broker. */
  public String clientPassword() {
    return clientPassword;
  }

  /** The secured broker's TLS files: its truststore, and one that does not trust it. */
  public TestCertificates certificates() {
    return certificates;
  }

  /**
   * The client properties that reach the secured broker as {@code user} with {@code password}:
   * SASL_SSL, SCRAM-SHA-512 and the truststore; none for the PLAINTEXT broker.
   */
  public Map<String, String> clientProperties(String user, String password) {
    if (!secured) {
      return Map.of();
    }
    return Map.of(
        "security.protocol",
        "SASL_SSL",
        "sasl.mechanism",
        MECHANISM,
        "sasl.jaas.config",
        jaasConfig(user, password),
        "ssl.truststore.type",
        "PKCS12",
        "ssl.truststore.location",
        certificates.truststore().toString(),
        "ssl.truststore.password",
        certificates.password());
  }

  /** The JAAS line of a SCRAM user, as {@code sasl.jaas.config} takes it. */
  public static String jaasConfig(String user, String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
        + user
        + "\" password=\""
        + password
        + "\";";
  }

  private static String scram(String user, String password) {
    return MECHANISM + "=[name=" + user + ",password=" + password + "]";
  }

  /** bootstrap.servers and, on the secured broker, the admin user's properties. */
  public Properties adminProperties() {
    Properties properties = new Properties();
    properties.putAll(clientProperties(ADMIN_USER, adminPassword));
    properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return properties;
  }

  /** A fresh admin client (the admin user on the secured broker); close it. */
  public Admin admin() {
    Properties properties = adminProperties();
    properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
    return Admin.create(properties);
  }

  /** Creates topics of {@code partitions} partitions each. */
  public void createTopics(Collection<String> names, int partitions) throws Exception {
    try (Admin admin = admin()) {
      List<NewTopic> topics = new ArrayList<>();
      for (String name : names) {
        topics.add(new NewTopic(name, partitions, (short) 1));
      }
      admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
    }
  }

  /**
   * Every record of {@code topic} from the beginning, as a consumer with the given isolation level
   * sees it (read_committed: only committed transactions), read as the admin user when secured.
   */
  public List<ConsumerRecord<byte[], byte[]>> readAll(String topic, String isolationLevel) {
    Properties properties = adminProperties();
    properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel);
    properties.put(
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    properties.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      // A commit returns before its markers are written: the last stable offset read_committed
      // sees can still move. Wait until it holds still for half a second.
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      Map<TopicPartition, Long> again = end;
      do {
        end = again;
        sleep(500);
        again = consumer.endOffsets(partitions);
      } while (!again.equals(end) && System.nanoTime() < deadline);
      Map<TopicPartition, Long> stable = again;
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < stable.get(p))
          && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      return records;
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading", e);
    }
  }

  private static void run(List<String> command, Path log) throws IOException, InterruptedException {
    Process format =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
      format.destroyForcibly();
      throw new IllegalStateException("Kafka storage format failed: " + tail(log));
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
