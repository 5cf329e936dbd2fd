package io.mobiflow.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.app.testing.SimulatedPeribus;
import io.mobiflow.connectors.kafka.RawSnapshotSerializer;
import io.mobiflow.connectors.kafka.RawTopics;
import io.mobiflow.connectors.source.SnapshotDirectory;
import io.mobiflow.connectors.source.SnapshotFile;
import io.mobiflow.jobs.testing.FlinkCluster;
import io.mobiflow.jobs.testing.KafkaBroker;
import io.mobiflow.jobs.zoneflow.SpatialUnit;
import io.mobiflow.jobs.zoneflow.ZoneFlowJob;
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
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.client.JobStatusMessage;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointingStatistics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Runs of the job jar on a test cluster ({@link FlinkCluster}) over the demo's simulated feeds in
 * the raw topics of a test broker ({@link KafkaBroker}), two partitions each: what {@link
 * ClusterITCase} and {@link ClusterFigures} share. Each run has its own configuration {@code
 * <name>-<units>.yaml}, its own output topics {@code <name>.*}, consumer group and transactional
 * ids; the job jar is submitted as {@code flink run} submits it.
 */
final class ClusterRuns {

  /** The feeds start at 07:00 in Périgueux, 06:00 UTC. */
  static final Instant FIRST_HOUR = Instant.parse("2026-01-13T06:00:00Z");

  /** How long a job may take to do what is awaited. */
  static final Duration JOB_TIMEOUT = Duration.ofMinutes(4);

  private static final String RAW_PREFIX = "raw.";
  private static final int RAW_PARTITIONS = 2;

  private final KafkaBroker kafka;
  private final FlinkCluster flink;
  private final Path dir;
  private final Path jar;
  private final List<SnapshotFile> feeds;
  private final Set<String> topics = new HashSet<>();
  private final long started = System.nanoTime();
  private int ingested;

  private ClusterRuns(KafkaBroker kafka, FlinkCluster flink, Path dir) throws Exception {
    this.kafka = kafka;
    this.flink = flink;
    this.dir = dir;
    try (Stream<Path> files = Files.list(Path.of("../jobs/target"))) {
      List<Path> jars = files.filter(p -> p.toString().endsWith("-job.jar")).toList();
      assertThat(jars).as("the job jar in ../jobs/target (built at package)").hasSize(1);
      jar = jars.get(0).toAbsolutePath();
    }
    feeds = SnapshotDirectory.scan(dir.resolve("feeds"));
  }

  /**
   * Writes {@code minutes} of the demo's feeds (seed 42) and its city into {@code dir} and creates
   * the raw topics; publishes nothing yet ({@link #ingestUntil}).
   */
  static ClusterRuns prepare(KafkaBroker kafka, FlinkCluster flink, Path dir, int minutes)
      throws Exception {
    SimulatedPeribus.write(dir, minutes);
    Files.writeString(dir.resolve("pseudonym.key"), "mobiflow cluster test pseudonyms, seed 42");
    kafka.createTopics(rawTopics(), RAW_PARTITIONS);
    return new ClusterRuns(kafka, flink, dir);
  }

  /** Prints a step with the seconds since {@link #prepare} (the timings in the reports). */
  void log(String step) {
    System.out.printf("cluster run %5.1f s: %s%n", (System.nanoTime() - started) / 1e9, step);
  }

  // ---- input

  private static List<String> rawTopics() {
    return ZoneFlowJob.FEED_KINDS.stream().map(new RawTopics(RAW_PREFIX)::topicOf).toList();
  }

  /** Publishes the documents fetched before {@code until} not yet published, in fetch order. */
  synchronized void ingestUntil(Instant until) throws Exception {
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
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
    log("raw topics: " + ingested + " of " + feeds.size() + " documents");
  }

  // ---- runs

  /**
   * Writes the configuration of the run {@code name} computing {@code units}: the demo city, the
   * raw topics, outputs to {@code <name>.*} topics (created here), checkpoints every second in
   * {@code checkpoints/<name>} with {@code checkpointKeys} (YAML lines of the {@code checkpoints}
   * section, e.g. the state backend).
   */
  Path config(String name, List<SpatialUnit> units, String... checkpointKeys) throws Exception {
    List<String> missing = new ArrayList<>(outputTopics(name, units).values());
    missing.removeAll(topics);
    kafka.createTopics(missing, 1); // one partition each: they are only read back whole
    topics.addAll(missing);
    StringBuilder checkpoints = new StringBuilder();
    for (String key : checkpointKeys) {
      checkpoints.append("\n  ").append(key);
    }
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
        window:
          early_results_seconds: 0   # final records only: exactly once, whatever fails
        suggestions: {}
        checkpoints:
          interval_seconds: 1
          dir: %s%s
        privacy:
          key_file: pseudonym.key
        """
            .formatted(
                kafka.bootstrapServers(),
                name,
                name,
                RAW_PREFIX,
                name,
                name,
                name,
                name,
                String.join(", ", units.stream().map(SpatialUnit::slug).toList()),
                dir.resolve("checkpoints").resolve(name).toAbsolutePath(),
                checkpoints));
  }

  /**
   * Submits the job jar with {@code config} through {@code mobiflow cluster}'s client ({@link
   * ClusterJobs}: the job graph is made here by the jar's entry point, as {@code flink run} makes
   * it); returns the job.
   *
   * @param savepoint the savepoint to start from, or null
   */
  JobID submit(Path config, int parallelism, boolean bounded, String savepoint) throws Exception {
    List<String> args = new ArrayList<>(List.of("--config", config.toString()));
    if (bounded) {
      args.add("--bounded");
    }
    JobGraph graph =
        ClusterJobs.jobGraph(
            jar,
            args,
            parallelism,
            savepoint == null
                ? SavepointRestoreSettings.none()
                : SavepointRestoreSettings.forPath(savepoint, false));
    try (ClusterJobs jobs = ClusterJobs.connect(flink.restAddress())) {
      return jobs.submit(graph);
    }
  }

  JobStatus status(JobID job) throws Exception {
    return flink.client().getJobStatus(job).get(30, TimeUnit.SECONDS);
  }

  /** Waits until the job has FINISHED; fails with its error and the cluster's logs otherwise. */
  void awaitFinished(JobID job) throws Exception {
    long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
    JobStatus status = status(job);
    while (!status.isGloballyTerminalState() && System.nanoTime() < deadline) {
      Thread.sleep(200);
      status = status(job);
    }
    assertThat(status).as("job " + job + failure(job)).isEqualTo(JobStatus.FINISHED);
  }

  /**
   * Stops the job with a canonical savepoint in {@code savepoints/} and returns its path: as {@code
   * mobiflow cluster stop} does, or drained (the end of event time fires every window first, as at
   * the end of a bounded run).
   */
  String stopWithSavepoint(JobID job, boolean drain) throws Exception {
    String savepoints = dir.resolve("savepoints").toUri().toString();
    if (drain) {
      return flink
          .client()
          .stopWithSavepoint(job, true, savepoints, SavepointFormatType.CANONICAL)
          .get(2, TimeUnit.MINUTES);
    }
    try (ClusterJobs jobs = ClusterJobs.connect(flink.restAddress())) {
      return jobs.stopWithSavepoint(job, savepoints);
    }
  }

  /** Cancels every job still running, so that the next run has the slots. */
  void cancelRunningJobs() throws Exception {
    for (JobStatusMessage job : flink.client().listJobs().get(30, TimeUnit.SECONDS)) {
      if (!job.getJobState().isGloballyTerminalState()) {
        flink.client().cancel(job.getJobId()).get(1, TimeUnit.MINUTES);
      }
    }
  }

  /** Why a job failed, if it did, and the tails of the cluster's logs. */
  String failure(JobID job) throws Exception {
    StringBuilder text = new StringBuilder();
    if (status(job) == JobStatus.FAILED) {
      flink
          .client()
          .requestJobResult(job)
          .get(30, TimeUnit.SECONDS)
          .getSerializedThrowable()
          .ifPresent(e -> text.append("\n").append(e.getFullStringifiedStackTrace()));
    }
    return text.append("\n").append(flink.logTails()).toString();
  }

  /** The job's checkpoint statistics, from the JobManager's REST API. */
  CheckpointingStatistics checkpoints(JobID job) throws Exception {
    return flink.checkpoints(job);
  }

  /**
   * Waits until the run's group has committed (at a completed checkpoint) the end of every raw
   * partition: every record published so far went through the whole job before that checkpoint.
   */
  void awaitConsumed(String name, JobID job) throws Exception {
    long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
    try (Admin admin = kafka.admin()) {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (String topic : rawTopics()) {
        for (int p = 0; p < RAW_PARTITIONS; p++) {
          latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
      }
      Map<TopicPartition, Long> ends = new HashMap<>();
      admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
      while (System.nanoTime() < deadline) {
        assertThat(status(job).isGloballyTerminalState())
            .as("job " + name + " ended" + failure(job))
            .isFalse();
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

  /**
   * Waits until the job has completed a checkpoint and is still running; fails if it ended first.
   * (An unbounded run's windows may not fire before the end of its input, with today's watermarks:
   * committed output is not awaited.)
   */
  void awaitCheckpoint(JobID job) throws Exception {
    long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      JobStatus status = status(job);
      if (status.isGloballyTerminalState()) {
        throw new AssertionError(
            "job ended (" + status + ") before the kill: make the run longer" + failure(job));
      }
      if (status == JobStatus.RUNNING
          && checkpoints(job).getCounts().getNumberCompletedCheckpoints() > 0) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no completed checkpoint after " + JOB_TIMEOUT);
  }

  /**
   * How the job came back after a TaskManager was killed.
   *
   * @param runningMillis from the kill until the job was RUNNING again after its restart
   * @param checkpointMillis from the kill until the first checkpoint triggered after the restore
   *     completed
   * @param restored the id of the checkpoint the job restarted from
   */
  record Recovery(long runningMillis, long checkpointMillis, long restored) {}

  /** Waits for the restart after a kill at {@code killedAt} and the first checkpoint after it. */
  Recovery awaitRecovery(JobID job, long killedAt) throws Exception {
    long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
    boolean restarted = false;
    long running = -1;
    while (System.nanoTime() < deadline) {
      JobStatus status = status(job);
      assertThat(status)
          .as("job after the kill" + failure(job))
          .isNotIn(JobStatus.FAILED, JobStatus.CANCELED);
      restarted |= status != JobStatus.RUNNING;
      if (restarted && running < 0 && status == JobStatus.RUNNING) {
        running = System.currentTimeMillis() - killedAt;
      }
      CheckpointingStatistics.LatestCheckpoints latest = checkpoints(job).getLatestCheckpoints();
      var restoredFrom = latest.getRestoredCheckpointStatistics();
      var completed = latest.getCompletedCheckpointStatistics();
      if (running >= 0
          && restoredFrom != null
          && completed != null
          && completed.getTriggerTimestamp() > restoredFrom.getRestoreTimestamp()) {
        return new Recovery(
            running, completed.getLatestAckTimestamp() - killedAt, restoredFrom.getId());
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the job did not recover within " + JOB_TIMEOUT);
  }

  // ---- output

  /**
   * Each output of the run {@code name} as {@code key value} texts: the flows of each unit, the
   * dead letters and the suggestions, read with {@code isolation}.
   */
  Map<String, List<String>> outputs(String name, List<SpatialUnit> units, String isolation) {
    Map<String, List<String>> outputs = new LinkedHashMap<>();
    outputTopics(name, units)
        .forEach((output, topic) -> outputs.put(output, records(topic, isolation)));
    return outputs;
  }

  /** Each output of a run and its topic, as {@link #config} names them. */
  static Map<String, String> outputTopics(String name, List<SpatialUnit> units) {
    Map<String, String> topics = new LinkedHashMap<>();
    for (SpatialUnit unit : units) {
      topics.put(unit.slug() + "-flows", name + "." + unit.slug() + "-flows");
    }
    topics.put("dead-letters", name + ".dead-letters");
    topics.put("suggestions", name + ".suggestions");
    return topics;
  }

  /** The records of {@code topic} as {@code key value} texts. */
  List<String> records(String topic, String isolation) {
    List<String> records = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : kafka.readAll(topic, isolation)) {
      records.add(
          new String(record.key(), StandardCharsets.UTF_8)
              + " "
              + new String(record.value(), StandardCharsets.UTF_8));
    }
    return records;
  }

  /** How many records each output holds. */
  static String counts(Map<String, List<String>> outputs) {
    List<String> counts = new ArrayList<>();
    outputs.forEach((output, records) -> counts.add(output + " " + records.size()));
    return String.join(", ", counts);
  }
}
