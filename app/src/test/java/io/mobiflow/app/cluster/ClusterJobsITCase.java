package io.mobiflow.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.app.cli.MobiflowCommand;
import io.mobiflow.app.testing.VelibBackfill;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.kafka.RawTopics;
import io.mobiflow.connectors.sink.JsonLines;
import io.mobiflow.jobs.config.ConfigLoader;
import io.mobiflow.jobs.config.MobiflowConfig;
import io.mobiflow.jobs.run.ZoneFlowPipeline;
import io.mobiflow.jobs.testing.CaltrainCorridor;
import io.mobiflow.jobs.testing.FlinkCluster;
import io.mobiflow.jobs.testing.KafkaBroker;
import io.mobiflow.jobs.testing.VelibBackfillOutputs;
import io.mobiflow.jobs.zoneflow.ZoneFlow;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointingStatistics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mobiflow cluster} on a real standalone cluster (a JobManager and two TaskManagers,
 * separate JVMs, the job jar reaching them only by submission) and a real broker: a bounded Vélib'
 * backfill submitted at parallelism 2 finishes with each station's bikes as the file has them, and
 * {@code list} shows it; a Kafka run stopped with a savepoint by {@code stop} and resumed from it
 * by {@code submit --from-savepoint} restores that savepoint, and the two parts write each
 * indicator of the real Caltrain feeds once, with the counts made from the feeds by hand.
 */
class ClusterJobsITCase {

  @RegisterExtension
  @Order(1)
  static final KafkaBroker KAFKA = new KafkaBroker();

  @RegisterExtension
  @Order(2)
  static final FlinkCluster CLUSTER = new FlinkCluster();

  @TempDir Path dir;

  @Test
  void aBoundedBackfillSubmittedToTheClusterWritesEachStationAndIsListed() throws Exception {
    Path config =
        VelibBackfill.config(
            dir,
            VelibBackfill.ARRONDISSEMENT_ZONES,
            "json_lines: " + dir.resolve("out").toAbsolutePath());

    JobID job =
        JobID.fromHexString(
            cli(
                "cluster",
                "submit",
                "--rest",
                CLUSTER.restAddress(),
                "--config",
                config.toString(),
                "--bounded",
                "--parallelism",
                "2"));
    JobResult result = CLUSTER.client().requestJobResult(job).get(3, TimeUnit.MINUTES);
    assertThat(result.getApplicationStatus().name()).as(CLUSTER.logTails()).isEqualTo("SUCCEEDED");

    VelibBackfillOutputs.assertEachStationAsInTheFile(dir);

    assertThat(cli("cluster", "list", "--rest", CLUSTER.restAddress()).lines())
        .anyMatch(line -> line.startsWith(job + "  FINISHED"));
  }

  @Test
  void aRunStoppedWithASavepointResumesFromItAndWritesEachIndicatorOnce() throws Exception {
    Path config = kafkaConfig();
    MobiflowConfig settings = ConfigLoader.load(config);
    RawTopics raw = settings.topics().raw();
    KAFKA.createTopics(ZoneFlowPipeline.topics(settings), 1);
    publish(raw.topicOf(FeedKind.GTFS_RT_VEHICLE_POSITIONS), CaltrainCorridor.VEHICLES);

    String rest = CLUSTER.restAddress();
    int jobsBefore = CLUSTER.client().listJobs().get().size();
    JobID first =
        JobID.fromHexString(
            cli("cluster", "submit", "--rest", rest, "--config", config.toString()));
    CLUSTER.awaitAllTasksRunning(first);
    awaitCommittedOffset(settings.kafka().consumerGroup(), 1); // the first document is read

    String savepoint =
        cli(
            "cluster",
            "stop",
            first.toString(),
            "--rest",
            rest,
            "--savepoint-dir",
            dir.resolve("savepoints").toString());
    assertThat(Path.of(savepoint.replaceFirst("^file:", "")).resolve("_metadata")).exists();
    assertThat(CLUSTER.client().getJobStatus(first).get()).isEqualTo(JobStatus.FINISHED);

    // A job without this run's operators (the Vélib' backfill) is refused before submission.
    Path other = Files.createDirectories(dir.resolve("other"));
    Output refused =
        run(
            "cluster",
            "submit",
            "--rest",
            rest,
            "--config",
            VelibBackfill.config(other, VelibBackfill.ARRONDISSEMENT_ZONES, "json_lines: out")
                .toString(),
            "--from-savepoint",
            savepoint);
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err().lines())
        .singleElement()
        .asString()
        .startsWith("mobiflow cluster submit: savepoint " + savepoint + " does not match this job:")
        .endsWith("has no operator here; use --allow-non-restored-state to drop it");
    assertThat(CLUSTER.client().listJobs().get()).hasSize(jobsBefore + 1); // only the stopped one

    publish(raw.topicOf(FeedKind.GTFS_RT_TRIP_UPDATES), CaltrainCorridor.TRIP_UPDATES);
    JobID resumed =
        JobID.fromHexString(
            cli(
                "cluster",
                "submit",
                "--rest",
                rest,
                "--config",
                config.toString(),
                "--from-savepoint",
                savepoint));
    CLUSTER.awaitAllTasksRunning(resumed);
    CheckpointingStatistics checkpoints = CLUSTER.checkpoints(resumed);
    assertThat(checkpoints.getLatestCheckpoints().getRestoredCheckpointStatistics())
        .as("restored from the savepoint")
        .isNotNull()
        .satisfies(restored -> assertThat(restored.getExternalPath()).isEqualTo(savepoint));
    // End it with the windows fired (drain), so every indicator is written and committed.
    CLUSTER
        .client()
        .stopWithSavepoint(
            resumed,
            true,
            dir.resolve("final").toUri().toString(),
            org.apache.flink.core.execution.SavepointFormatType.CANONICAL)
        .get(2, TimeUnit.MINUTES);

    Map<String, long[]> flows = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> record :
        KAFKA.readAll(settings.topics().zoneFlows(), "read_committed")) {
      ZoneFlow flow = JsonLines.MAPPER.readValue(record.value(), ZoneFlow.class);
      String key = flow.unitId() + "@" + flow.windowStart();
      if (flow.observations() > 0) { // the windows of the feeds, not of the departures
        assertThat(flows.put(key, counts(flow))).as("a second record for " + key).isNull();
      }
    }
    assertThat(flows).containsExactlyInAnyOrderEntriesOf(CaltrainCorridor.countsPerZoneWindow());
  }

  private static long[] counts(ZoneFlow flow) {
    return new long[] {flow.transit().vehiclePositions(), flow.transit().stopTimeUpdates()};
  }

  /** Runs {@code mobiflow} with these arguments, asserts exit code 0, returns its stdout line. */
  private static String cli(String... args) {
    Output output = run(args);
    assertThat(output.code()).as(output.err() + CLUSTER.logTails()).isZero();
    return output.out().strip();
  }

  /** What a {@code mobiflow} command returned and wrote. */
  private record Output(int code, String out, String err) {}

  private static Output run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        MobiflowCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Output(code, out.toString(), err.toString());
  }

  private Path kafkaConfig() throws IOException {
    Files.writeString(dir.resolve("zones.geojson"), CaltrainCorridor.zonesGeoJson());
    return Files.writeString(
        dir.resolve("mobiflow.yaml"),
        """
        kafka:
          bootstrap_servers: "%s"
          consumer_group: it-resume
          transactional_id_prefix: it-resume
        topics:
          raw_prefix: raw-resume.
          zone_flows: flows-resume
          dead_letters: dead-resume
        places:
          zones: %s
          gtfs: %s
        window:
          minutes: 5
          out_of_orderness_seconds: 120
        checkpoints:
          interval_seconds: 1
          dir: %s
        """
            .formatted(
                KAFKA.bootstrapServers(),
                dir.resolve("zones.geojson").toAbsolutePath(),
                CaltrainCorridor.GTFS.toAbsolutePath(),
                dir.resolve("checkpoints").toAbsolutePath()));
  }

  /** Publishes one real feed document as the ingester does (key: the feed id). */
  private static void publish(String topic, Path document) throws Exception {
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    properties.put(
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties)) {
      ProducerRecord<byte[], byte[]> record =
          new ProducerRecord<>(
              topic, "caltrain".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(document));
      record.headers().add(RawTopics.FETCHED_AT, "1699405560000".getBytes(StandardCharsets.UTF_8));
      producer.send(record).get();
    }
  }

  /**
   * Waits until the job's group has committed {@code offset} on some partition (at a checkpoint).
   */
  private static void awaitCommittedOffset(String group, long offset) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    try (Admin admin = KAFKA.admin()) {
      while (System.nanoTime() < deadline) {
        Map<?, OffsetAndMetadata> committed =
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        if (committed.values().stream().anyMatch(o -> o != null && o.offset() >= offset)) {
          return;
        }
        Thread.sleep(250);
      }
    }
    throw new AssertionError("the job did not commit offset " + offset + CLUSTER.logTails());
  }
}
