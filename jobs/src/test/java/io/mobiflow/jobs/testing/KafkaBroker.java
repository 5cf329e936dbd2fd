package io.mobiflow.jobs.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
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
 */
public final class KafkaBroker implements BeforeAllCallback, AfterAllCallback {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private Process process;
  private Path dir;
  private String bootstrapServers;

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
    Path config = dir.resolve("server.properties");
    Files.writeString(
        config,
        String.join(
            "\n",
            "process.roles=broker,controller",
            "node.id=1",
            "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
            "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
            "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
            "controller.listener.names=CONTROLLER",
            "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
            "inter.broker.listener.name=PLAINTEXT",
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
            ""));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    run(
        List.of(
            java,
            "-cp",
            classpath,
            "kafka.tools.StorageTool",
            "format",
            "-t",
            Uuid.randomUuid().toString(),
            "-c",
            config.toString()),
        dir.resolve("format.log"));
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
  }

  /** host:port of the broker's PLAINTEXT listener. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** A fresh admin client; close it. */
  public Admin admin() {
    Properties properties = new Properties();
    properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
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
   * sees it (read_committed: only committed transactions).
   */
  public List<ConsumerRecord<byte[], byte[]>> readAll(String topic, String isolationLevel) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
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
