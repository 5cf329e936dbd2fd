package io.mobiflow.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.jobs.testing.FlinkCluster;
import io.mobiflow.jobs.testing.FlinkCluster.TaskManager;
import io.mobiflow.app.testing.SimulatedPeribus;
import io.mobiflow.connectors.kafka.RawSnapshotSerializer;
import io.mobiflow.connectors.kafka.RawTopics;
import io.mobiflow.connectors.sink.JsonLines;
import io.mobiflow.connectors.source.SnapshotDirectory;
import io.mobiflow.connectors.source.SnapshotFile;
import io.mobiflow.jobs.testing.KafkaBroker;
import io.mobiflow.jobs.zoneflow.SpatialUnit;
import io.mobiflow.jobs.zoneflow.ZoneFlow;
import io.mobiflow.jobs.zoneflow.ZoneFlowJob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.program.PackagedProgram;
import org.apache.flink.client.program.PackagedProgramUtils;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.client.JobStatusMessage;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.rest.messages.EmptyRequestBody;
import org.apache.flink.runtime.rest.messages.JobMessageParameters;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointingStatistics;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointingStatisticsHeaders;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job jar on a real Flink cluster (a JobManager and two TaskManagers, each its own JVM with
 * only what a Flink distribution provides on its class path) with a real Kafka broker, over two
 * hours of the demo's feeds in the raw topics (two partitions each):
 *
 * <ul>
 *   <li>a TaskManager killed with SIGKILL after a completed checkpoint loses nothing and repeats
 *       nothing: the committed outputs equal, record for record, those of an undisturbed run;
 *   <li>a job stopped with a savepoint after the first hour and started from it as a changed job
 *       (one more spatial unit, the same uids, another parallelism) continues every stateful
 *       indicator: what both wrote equals an uninterrupted run of the changed job.
 * </ul>
 *
 * The reference is one undisturbed run of the changed job at parallelism 1, shared by both tests;
 * the upgrade runs first because it ingests the second hour only after its stop.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ClusterITCase {

  /** The feeds start at 07:00 in Périgueux (06:00 UTC) and run for two hours. */
  private static final Instant SECOND_HOUR = Instant.parse("2026-01-13T07:00:00Z");

  private static final String RAW_PREFIX = "raw.";
  private static final List<SpatialUnit> UNITS =
      List.of(
          SpatialUnit.ZONE,
          SpatialUnit.COUNTER_SITE,
          SpatialUnit.STOP,
          SpatialUnit.ROUTE,
          SpatialUnit.STATION);
  private static final SpatialUnit ADDED = SpatialUnit.H3;
  private static final Duration JOB_TIMEOUT = Duration.ofMinutes(4);

  @RegisterExtension
  @Order(1)
  static final KafkaBroker KAFKA = new KafkaBroker();

  @RegisterExtension
  @Order(2)
  static final FlinkCluster FLINK = new FlinkCluster();

  @TempDir static Path dir;

  private static Path jar;
  private static List<SnapshotFile> feeds;
  private static int ingested;
  private static final Set<String> topics = new HashSet<>();
  private static Map<String, List<String>> reference;

  @BeforeAll
  static void firstHourInTheRawTopics() throws Exception {
    try (Stream<Path> files = Files.list(Path.of("../jobs/target"))) {
      List<Path> jars = files.filter(p -> p.toString().endsWith("-job.jar")).toList();
      assertThat(jars).as("the job jar in ../jobs/target (built at package)").hasSize(1);
      jar = jars.get(0).toAbsolutePath();
    }
    SimulatedPeribus.write(dir, 120);
    Files.writeString(dir.resolve("pseudonym.key"), "mobiflow cluster test pseudonyms, seed 42");
    feeds = SnapshotDirectory.scan(dir.resolve("feeds"));
    KAFKA.createTopics(
        ZoneFlowJob.FEED_KINDS.stream().map(new RawTopics(RAW_PREFIX)::topicOf).toList(), 2);
    ingestUntil(SECOND_HOUR);
  }

  @Test
  @Order(1)
  void anUpgradeFromASavepointContinuesEveryStatefulIndicator() throws Exception {
    Path before = config("upgrade", UNITS);
    JobID first = submit(before, 4, false, null);
    awaitConsumed("upgrade", first);
    String savepoint =
        FLINK
            .client()
            .stopWithSavepoint(
                first,
                false,
                dir.resolve("savepoints").toUri().toString(),
                SavepointFormatType.CANONICAL)
            .get(2, TimeUnit.MINUTES);
    Map<String, List<String>> part1 = outputs("upgrade", UNITS, "read_committed");
    ingestUntil(Instant.MAX);

    Path after = config("upgrade", withAdded());
    JobID second = submit(after, 2, true, savepoint);
    awaitFinished(second);
    assertThat(checkpoints(second).getLatestCheckpoints().getRestoredCheckpointStatistics())
        .as("the changed job started from the savepoint")
        .satisfies(restored -> assertThat(restored.isSavepoint()).isTrue());

    Map<String, List<String>> both = outputs("upgrade", withAdded(), "read_committed");
    Map<String, List<String>> expected = reference();
    for (SpatialUnit unit : UNITS) {
      String output = unit.slug() + "-flows";
      assertThat(part1.get(output)).as(output + " before the stop").isNotEmpty();
      assertThat(both.get(output))
          .as(output + " after the restore")
          .hasSizeGreaterThan(part1.get(output).size());
    }
    for (String output : List.of("dead-letters", "suggestions")) {
      OutputMultiset.assertSameRecords(output, expected.get(output), both.get(output));
    }
    for (SpatialUnit unit : UNITS) {
      String output = unit.slug() + "-flows";
      OutputMultiset.assertSameRecords(output, expected.get(output), both.get(output));
    }
    // The added unit has no state before the restore: its windows from the second hour on.
    String added = ADDED.slug() + "-flows";
    OutputMultiset.assertSameRecords(
        added, windowsFrom(expected.get(added)), windowsFrom(both.get(added)));
  }

  @Test
  @Order(2)
  void aLostTaskManagerLosesNothingAndRepeatsNothing() throws Exception {
    Map<String, List<String>> expected = reference();
    Path config = config("failover", withAdded());
    JobID job = submit(config, 4, true, null);
    awaitCheckpointAndOutput(job);

    TaskManager victim = FLINK.taskManagers().get(0);
    long killedAt = System.currentTimeMillis();
    FLINK.kill(victim);
    FLINK.startTaskManager();
    Recovery recovery = awaitRecovery(job, killedAt);
    awaitFinished(job);

    Map<String, List<String>> committed = outputs("failover", withAdded(), "read_committed");
    Map<String, List<String>> uncommitted = outputs("failover", withAdded(), "read_uncommitted");
    int aborted = 0;
    for (String output : expected.keySet()) {
      aborted += uncommitted.get(output).size() - committed.get(output).size();
    }
    System.out.printf(
        "failover at parallelism 4: killed TaskManager pid %d; RUNNING again after %d ms, next"
            + " checkpoint completed after %d ms (restored checkpoint %d); output records written"
            + " and aborted (replayed after the restore): %d%n",
        victim.pid(),
        recovery.runningMillis(),
        recovery.checkpointMillis(),
        recovery.restored(),
        aborted);

    for (String output : expected.keySet()) {
      OutputMultiset.assertSameRecords(output, expected.get(output), committed.get(output));
    }
    // The assertion sees what a failover can do wrong: the aborted transactions' records are
    // extra copies in the uncommitted view, and a record taken out is missing.
    int extra = 0;
    for (String output : expected.keySet()) {
      OutputMultiset.Differences view =
          OutputMultiset.differences(expected.get(output), uncommitted.get(output));
      assertThat(view.missing()).as(output).isZero();
      extra += view.extra();
    }
    assertThat(extra).as("extra copies in the read_uncommitted view").isEqualTo(aborted);
    List<String> zones = new ArrayList<>(committed.get("zone-flows"));
    String dropped = zones.remove(zones.size() / 2);
    assertThat(OutputMultiset.differences(expected.get("zone-flows"), zones).records())
        .containsExactly(
            new OutputMultiset.Difference(
                dropped,
                (int) expected.get("zone-flows").stream().filter(dropped::equals).count(),
                (int) zones.stream().filter(dropped::equals).count()));
  }

  /**
   * How the job came back after the kill.
   *
   * @param runningMillis from the kill until the job was RUNNING again after a restart
   * @param checkpointMillis from the kill until the first checkpoint after it completed
   * @param restored the id of the checkpoint the job restarted from
   */
  private record Recovery(long runningMillis, long checkpointMillis, long restored) {}

  /**
   * Waits until the job has completed a checkpoint and committed output (so that the kill comes
   * after both), and is still running.
   */
  private static void awaitCheckpointAndOutput(JobID job) throws Exception {
    long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      JobStatus status = status(job);
      if (status.isGloballyTerminalState()) {
        throw new AssertionError("job ended (" + status + ") before the kill: make the run longer");
      }
      if (status == JobStatus.RUNNING
          && checkpoints(job).getCounts().getNumberCompletedCheckpoints() > 0
          && !records("failover.zone-flows", "read_committed").isEmpty()) {
        if (status(job) != JobStatus.RUNNING) {
          throw new AssertionError("job ended before the kill: make the run longer");
        }
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no completed checkpoint with committed output after " + JOB_TIMEOUT);
  }

  /** Waits for the restart after the kill and for the first checkpoint completed after it. */
  private static Recovery awaitRecovery(JobID job, long killedAt) throws Exception {
    long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
    boolean restarted = false;
    long running = -1;
    while (System.nanoTime() < deadline) {
      JobStatus status = status(job);
      restarted |= status != JobStatus.RUNNING;
      if (restarted
          && running < 0
          && (status == JobStatus.RUNNING || status == JobStatus.FINISHED)) {
        running = System.currentTimeMillis() - killedAt;
      }
      CheckpointingStatistics stats = checkpoints(job);
      var restoredFrom = stats.getLatestCheckpoints().getRestoredCheckpointStatistics();
      var completed = stats.getLatestCheckpoints().getCompletedCheckpointStatistics();
      if (running >= 0
          && restoredFrom != null
          && completed != null
          && completed.getTriggerTimestamp() > restoredFrom.getRestoreTimestamp()) {
        return new Recovery(
            running, completed.getLatestAckTimestamp() - killedAt, restoredFrom.getId());
      }
      assertThat(status).as("job after the kill").isNotIn(JobStatus.FAILED, JobStatus.CANCELED);
      Thread.sleep(100);
    }
    throw new AssertionError("the job did not recover within " + JOB_TIMEOUT);
  }

  /** Cancels what a failed test left running, so that the next test has the slots. */
  @AfterEach
  void cancelRunningJobs() throws Exception {
    for (JobStatusMessage job : FLINK.client().listJobs().get(30, TimeUnit.SECONDS)) {
      if (!job.getJobState().isGloballyTerminalState()) {
        FLINK.client().cancel(job.getJobId()).get(1, TimeUnit.MINUTES);
      }
    }
  }

  private static List<SpatialUnit> withAdded() {
    List<SpatialUnit> units = new ArrayList<>(UNITS);
    units.add(ADDED);
    return units;
  }

  /** The records of windows starting in the second hour or later. */
  private static List<String> windowsFrom(List<String> records) {
    return records.stream().filter(r -> windowStart(r).compareTo(SECOND_HOUR) >= 0).toList();
  }

  private static Instant windowStart(String record) {
    try {
      return JsonLines.MAPPER
          .readValue(record.substring(record.indexOf('{')), ZoneFlow.class)
          .windowStart();
    } catch (IOException e) {
      throw new UncheckedIOException(record, e);
    }
  }

  /** The undisturbed run of the changed job at parallelism 1, over both hours, once. */
  private static synchronized Map<String, List<String>> reference() throws Exception {
    if (reference == null) {
      ingestUntil(Instant.MAX);
      JobID job = submit(config("reference", withAdded()), 1, true, null);
      awaitFinished(job);
      reference = outputs("reference", withAdded(), "read_committed");
      reference.forEach(
          (output, records) -> System.out.println("reference " + output + ": " + records.size()));
    }
    return reference;
  }

  // ---- the cluster

  /** Submits the job jar with {@code config}, as {@code flink run} would; returns the job. */
  private static JobID submit(Path config, int parallelism, boolean bounded, String savepoint)
      throws Exception {
    List<String> args = new ArrayList<>(List.of("--config", config.toString()));
    if (bounded) {
      args.add("--bounded");
    }
    // The job graph is made here, where the test's class path holds Kafka's client too: it
    // comes from there (as flink run's would from a distribution), the rest from the jar.
    Configuration client = new Configuration();
    client.set(
        CoreOptions.ALWAYS_PARENT_FIRST_LOADER_PATTERNS_ADDITIONAL, List.of("org.apache.kafka"));
    PackagedProgram program =
        PackagedProgram.newBuilder()
            .setConfiguration(client)
            .setJarFile(jar.toFile())
            .setArguments(args.toArray(String[]::new))
            .setSavepointRestoreSettings(
                savepoint == null
                    ? SavepointRestoreSettings.none()
                    : SavepointRestoreSettings.forPath(savepoint, false))
            .build();
    JobGraph graph = PackagedProgramUtils.createJobGraph(program, client, parallelism, false);
    return FLINK.client().submitJob(graph).get(1, TimeUnit.MINUTES);
  }

  private static JobStatus status(JobID job) throws Exception {
    return FLINK.client().getJobStatus(job).get(30, TimeUnit.SECONDS);
  }

  private static void awaitFinished(JobID job) throws Exception {
    long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
    JobStatus status = status(job);
    while (!status.isGloballyTerminalState() && System.nanoTime() < deadline) {
      Thread.sleep(200);
      status = status(job);
    }
    assertThat(status).as("job " + job).isEqualTo(JobStatus.FINISHED);
  }

  private static CheckpointingStatistics checkpoints(JobID job) throws Exception {
    CheckpointingStatisticsHeaders headers = CheckpointingStatisticsHeaders.getInstance();
    JobMessageParameters parameters = headers.getUnresolvedMessageParameters();
    parameters.jobPathParameter.resolve(job);
    return FLINK
        .client()
        .sendRequest(headers, parameters, EmptyRequestBody.getInstance())
        .get(30, TimeUnit.SECONDS);
  }

  /**
   * Waits until the job's group has committed (at a completed checkpoint) the end of every raw
   * partition: every record ingested so far went through the whole job before that checkpoint.
   */
  private static void awaitConsumed(String name, JobID job) throws Exception {
    long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
    try (Admin admin = KAFKA.admin()) {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (String topic : rawTopics()) {
        for (int p = 0; p < 2; p++) {
          latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
      }
      Map<TopicPartition, Long> ends = new HashMap<>();
      admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
      while (System.nanoTime() < deadline) {
        assertThat(status(job).isGloballyTerminalState()).as("job " + name + " ended").isFalse();
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin.listConsumerGroupOffsets(name).partitionsToOffsetAndMetadata().get();
        boolean done = true;
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
          OffsetAndMetadata at = committed.get(end.getKey());
          done &= end.getValue() == 0 || (at != null && at.offset() >= end.getValue());
        }
        if (done) {
          return;
        }
        Thread.sleep(200);
      }
    }
    throw new AssertionError(name + ": the raw topics not consumed after " + JOB_TIMEOUT);
  }

  // ---- Kafka

  private static List<String> rawTopics() {
    return ZoneFlowJob.FEED_KINDS.stream().map(new RawTopics(RAW_PREFIX)::topicOf).toList();
  }

  /** Publishes the feeds' documents fetched before {@code until} not yet published, in order. */
  private static synchronized void ingestUntil(Instant until) throws Exception {
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
    // Not idempotent: on topics this fresh, its sequence numbers meet NOT_LEADER retries and
    // OUT_OF_ORDER_SEQUENCE errors for minutes; one request in flight keeps the order.
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    properties.put(
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    RawSnapshotSerializer serializer = new RawSnapshotSerializer(new RawTopics(RAW_PREFIX));
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties)) {
      while (ingested < feeds.size() && feeds.get(ingested).fetchedAt().isBefore(until)) {
        producer.send(serializer.serialize(feeds.get(ingested).read(), null, null));
        ingested++;
      }
      producer.flush();
    }
  }

  /**
   * Each output of a run as {@code key value} texts: the flows of each unit, the dead letters and
   * the suggestions, read with {@code isolation}.
   */
  private static Map<String, List<String>> outputs(
      String name, List<SpatialUnit> units, String isolation) {
    Map<String, List<String>> outputs = new LinkedHashMap<>();
    outputTopics(name, units)
        .forEach((output, topic) -> outputs.put(output, records(topic, isolation)));
    return outputs;
  }

  /** Each output of a run and its topic, as {@link #config} names them. */
  private static Map<String, String> outputTopics(String name, List<SpatialUnit> units) {
    Map<String, String> topics = new LinkedHashMap<>();
    for (SpatialUnit unit : units) {
      topics.put(unit.slug() + "-flows", name + "." + unit.slug() + "-flows");
    }
    topics.put("dead-letters", name + ".dead-letters");
    topics.put("suggestions", name + ".suggestions");
    return topics;
  }

  private static List<String> records(String topic, String isolation) {
    List<String> records = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : KAFKA.readAll(topic, isolation)) {
      records.add(
          new String(record.key(), StandardCharsets.UTF_8)
              + " "
              + new String(record.value(), StandardCharsets.UTF_8));
    }
    return records;
  }

  /** The run configuration {@code <name>.yaml}: its own topics, group and transactions. */
  private static Path config(String name, List<SpatialUnit> units) throws Exception {
    List<String> missing = new ArrayList<>(outputTopics(name, units).values());
    missing.removeAll(topics);
    KAFKA.createTopics(missing, 1); // one partition each: they are only read back whole
    topics.addAll(missing);
    return Files.writeString(
        dir.resolve(name + "-" + units.size() + ".yaml"),
        """
        kafka:
          bootstrap_servers: "%s"
          consumer_group: %s
          transactional_id_prefix: %s
          connect_timeout_seconds: 10
        topics:
          raw_prefix: %s
          zone_flows: %s.zone-flows
          flows_prefix: %s.
          dead_letters: %s.dead-letters
          suggestions: %s.suggestions
        places:
          zones: city/zones.geojson
          stations: city/station_information.json
          counter_sites: city/counter-sites.csv
          gtfs: city/peribus-gtfs.zip
          resolve_trip_updates: false
        outputs:
          units: [%s]
        suggestions: {}
        checkpoints:
          interval_seconds: 1
          dir: %s
        privacy:
          key_file: pseudonym.key
        """
            .formatted(
                KAFKA.bootstrapServers(),
                name,
                name,
                RAW_PREFIX,
                name,
                name,
                name,
                name,
                String.join(", ", units.stream().map(SpatialUnit::slug).toList()),
                dir.resolve("checkpoints").resolve(name).toAbsolutePath()));
  }
}
