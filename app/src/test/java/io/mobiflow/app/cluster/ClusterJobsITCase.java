package io.mobiflow.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.FeedHeader;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import com.google.transit.realtime.GtfsRealtime.Position;
import com.google.transit.realtime.GtfsRealtime.VehicleDescriptor;
import com.google.transit.realtime.GtfsRealtime.VehiclePosition;
import io.mobiflow.app.cli.MobiflowCommand;
import io.mobiflow.app.testing.VelibBackfill;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.kafka.RawTopics;
import io.mobiflow.connectors.sink.JsonLines;
import io.mobiflow.jobs.config.ConfigLoader;
import io.mobiflow.jobs.config.MobiflowConfig;
import io.mobiflow.jobs.metrics.JobMetrics;
import io.mobiflow.jobs.run.ZoneFlowPipeline;
import io.mobiflow.jobs.suggest.SuggestionType;
import io.mobiflow.jobs.testing.CaltrainCorridor;
import io.mobiflow.jobs.testing.FlinkCluster;
import io.mobiflow.jobs.testing.KafkaBroker;
import io.mobiflow.jobs.testing.PrometheusScrape;
import io.mobiflow.jobs.testing.PrometheusScrape.Sample;
import io.mobiflow.jobs.testing.VelibBackfillOutputs;
import io.mobiflow.jobs.zoneflow.ZoneFlow;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
 * indicator of the real Caltrain feeds once, with the counts made from the feeds by hand; and the
 * metrics of a running Kafka job, scraped from Flink's Prometheus reporter on its TaskManagers and
 * JobManager, count what it read, and name every metric the files of {@code k8s/monitoring/} use.
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
    Path config = kafkaConfig("resume");
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

  /**
   * Flink's Prometheus reporter on every process of the cluster: while a Kafka run reads the real
   * Caltrain positions and a feed of planted bad documents, its TaskManagers expose each feed's
   * documents, events and rejections per reason with the counts made from what was published, the
   * seconds since each feed's last document and the watermark's lag behind the wall clock; its
   * JobManager the job's checkpoints; the Kafka source its lag, nothing left unread.
   */
  @Test
  void aRunningJobsMetricsAreScrapedWithTheCountsOfWhatItRead() throws Exception {
    long start = System.currentTimeMillis();
    Path config = kafkaConfig("metrics", "suggestions: {}");
    MobiflowConfig settings = ConfigLoader.load(config);
    KAFKA.createTopics(ZoneFlowPipeline.topics(settings), 1);
    String topic = settings.topics().raw().topicOf(FeedKind.GTFS_RT_VEHICLE_POSITIONS);
    byte[] caltrain = Files.readAllBytes(CaltrainCorridor.VEHICLES);
    byte[] garbage = "this is no feed message".getBytes(StandardCharsets.UTF_8);
    publish(topic, "caltrain", caltrain);
    publish(topic, PLANTED_FEED, garbage);

    JobID job =
        JobID.fromHexString(
            cli(
                "cluster",
                "submit",
                "--rest",
                CLUSTER.restAddress(),
                "--config",
                config.toString()));
    CLUSTER.awaitAllTasksRunning(job);
    awaitCommittedOffset(settings.kafka().consumerGroup(), 2);
    // once the source has a watermark (its empty partitions idle): the planted positions carry it,
    // and their task emits a watermark with them
    awaitSourceWatermark(job);
    for (PlantedDocument document : PLANTED) {
      publish(topic, PLANTED_FEED, document.message().toByteArray());
    }
    awaitCommittedOffset(settings.kafka().consumerGroup(), 2 + PLANTED.size());

    long scraped = System.currentTimeMillis();
    PrometheusScrape taskManagers =
        PrometheusScrape.of(
            CLUSTER.taskManagers().stream().map(FlinkCluster.TaskManager::metrics).toList());
    PrometheusScrape jobManager = PrometheusScrape.of(List.of(CLUSTER.jobManagerMetrics()));
    long done = System.currentTimeMillis();

    // expected, from what was published: every Caltrain entity is a position in the zones
    String kind = JobMetrics.kindLabel(FeedKind.GTFS_RT_VEHICLE_POSITIONS);
    List<FeedEntity> positions = FeedMessage.parseFrom(caltrain).getEntityList();
    Map<String, Double> rejectedByReason = new TreeMap<>();
    rejectedByReason.put(RejectReason.MALFORMED.name(), 1.0); // the garbage document
    long plantedEvents = 0;
    long plantedLate = 0;
    long plantedRepeats = 0;
    Set<String> seen = new HashSet<>();
    List<Long> acceptedTimes = new ArrayList<>();
    positions.forEach(e -> acceptedTimes.add(e.getVehicle().getTimestamp()));
    for (PlantedDocument document : PLANTED) {
      for (Planted entity : document.entities()) {
        if (entity.reason() == null) {
          plantedEvents++; // accepted where decoded, then a repeat is dropped by the gate
          plantedRepeats += seen.add(entity.vehicle() + "@" + document.timestamp()) ? 0 : 1;
          acceptedTimes.add(document.timestamp());
        } else {
          rejectedByReason.merge(entity.reason().name(), 1.0, Double::sum);
          plantedLate += entity.reason() == RejectReason.LATE ? 1 : 0;
        }
      }
    }
    Map<String, String> ofJob = Map.of("job_id", job.toString());
    Map<String, String> caltrainFeed = labels(ofJob, "kind", kind, "feed", "caltrain");
    // Flink's reporter keeps [a-zA-Z0-9:_] of a label value and makes the rest "_"
    Map<String, String> plantedFeed = labels(ofJob, "kind", kind, "feed", "planted_bad");

    assertThat(taskManagers.sum(JobMetrics.DOCUMENTS.prometheusName(), caltrainFeed)).isEqualTo(1);
    assertThat(taskManagers.sum(JobMetrics.DOCUMENTS.prometheusName(), plantedFeed))
        .isEqualTo(1 + PLANTED.size());
    assertThat(taskManagers.sum(JobMetrics.EVENTS.prometheusName(), caltrainFeed))
        .isEqualTo(positions.size());
    assertThat(taskManagers.sum(JobMetrics.EVENTS.prometheusName(), plantedFeed))
        .isEqualTo(plantedEvents);
    assertThat(taskManagers.samples(JobMetrics.REJECTED.prometheusName(), caltrainFeed)).isEmpty();
    Map<String, Double> rejected = new TreeMap<>();
    for (Sample sample : taskManagers.samples(JobMetrics.REJECTED.prometheusName(), plantedFeed)) {
      rejected.merge(sample.labels().get("reason"), sample.value(), Double::sum);
    }
    assertThat(rejected).isEqualTo(rejectedByReason);
    assertThat(taskManagers.sum(JobMetrics.LATE.prometheusName(), plantedFeed))
        .isEqualTo(plantedLate);
    assertThat(taskManagers.samples(JobMetrics.LATE.prometheusName(), caltrainFeed)).isEmpty();
    assertThat(taskManagers.sum(JobMetrics.DUPLICATES.prometheusName(), plantedFeed))
        .isEqualTo(plantedRepeats);
    // the suggestion branch runs: each type is there, and none was issued (no stop time updates)
    assertThat(
            taskManagers.samples(JobMetrics.SUGGESTIONS_ISSUED.prometheusName(), ofJob).stream()
                .collect(Collectors.groupingBy(sample -> sample.labels().get("type"))))
        .hasSize(SuggestionType.values().length)
        .allSatisfy((type, issued) -> assertThat(issued).allMatch(i -> i.value() == 0));

    for (Map<String, String> feed : List.of(caltrainFeed, plantedFeed)) {
      assertThat(
              taskManagers.samples(JobMetrics.SECONDS_SINCE_LAST_DOCUMENT.prometheusName(), feed))
          .singleElement()
          .satisfies(since -> assertThat(since.value()).isBetween(0.0, (done - start) / 1000.0));
    }
    // the watermark is behind the newest position, and not before the oldest by more than an hour
    LongSummaryStatistics times =
        acceptedTimes.stream().mapToLong(seconds -> seconds * 1000).summaryStatistics();
    List<Double> lags =
        taskManagers
            .samples(JobMetrics.WATERMARK_LAG_SECONDS.prometheusName(), labels(ofJob, "kind", kind))
            .stream()
            .map(Sample::value)
            .filter(lag -> !lag.isNaN())
            .toList();
    assertThat(lags)
        .as("%s", taskManagers.samples(JobMetrics.WATERMARK_LAG_SECONDS.prometheusName(), ofJob))
        .isNotEmpty()
        .allSatisfy(
            lag ->
                assertThat(lag)
                    .isBetween(
                        (scraped - times.getMax()) / 1000.0,
                        (done - times.getMin()) / 1000.0 + 3600));

    // the JobManager: checkpoints every second, the failed ones as its REST API counts them (those
    // triggered while the tasks were still deploying count as failed); the source: nothing unread
    assertThat(jobManager.sum("flink_jobmanager_job_numberOfCompletedCheckpoints", ofJob))
        .isGreaterThanOrEqualTo(1);
    long failed = CLUSTER.checkpoints(job).getCounts().getNumberFailedCheckpoints();
    assertThat(jobManager.samples("flink_jobmanager_job_numberOfFailedCheckpoints", ofJob))
        .singleElement()
        .satisfies(scrapedFailed -> assertThat(scrapedFailed.value()).isEqualTo(failed));
    assertThat(jobManager.samples("flink_jobmanager_job_lastCheckpointDuration", ofJob))
        .singleElement()
        .satisfies(duration -> assertThat(duration.value()).isNotNegative());
    assertThat(taskManagers.samples("flink_taskmanager_job_task_operator_pendingRecords", ofJob))
        .isNotEmpty()
        .allSatisfy(pending -> assertThat(pending.value()).isZero());
    assertThat(jobManager.names()).containsAll(JobMetrics.FLINK_JOB_MANAGER);
    assertThat(taskManagers.names()).containsAll(JobMetrics.FLINK_TASK_MANAGER);
    // every Flink metric the alerts and the dashboard name is in the scrape
    Set<String> exposed = new TreeSet<>(jobManager.names());
    exposed.addAll(taskManagers.names());
    assertThat(exposed).containsAll(monitoringMetricNames());

    CLUSTER.client().cancel(job).get(1, TimeUnit.MINUTES);
  }

  /** Every {@code flink_…} metric name in the files of {@code k8s/monitoring/}. */
  private static Set<String> monitoringMetricNames() throws IOException {
    Pattern metric = Pattern.compile("flink_[A-Za-z0-9_:]+");
    Set<String> names = new TreeSet<>();
    try (Stream<Path> files = Files.list(Path.of("../k8s/monitoring"))) {
      for (Path file : files.toList()) {
        Matcher found = metric.matcher(Files.readString(file));
        while (found.find()) {
          names.add(found.group());
        }
      }
    }
    assertThat(names).as("metrics named in k8s/monitoring").isNotEmpty();
    return names;
  }

  /** Waits until the job's source has emitted a watermark, scraping its TaskManagers. */
  private static void awaitSourceWatermark(JobID job) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() < deadline) {
      PrometheusScrape scrape =
          PrometheusScrape.of(
              CLUSTER.taskManagers().stream().map(FlinkCluster.TaskManager::metrics).toList());
      if (scrape
          .samples(
              "flink_taskmanager_job_task_operator_currentOutputWatermark",
              Map.of("job_id", job.toString()))
          .stream()
          .anyMatch(
              s -> s.labels().get("operator_name").contains("feed_snapshots") && s.value() > 0)) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("the source emitted no watermark" + CLUSTER.logTails());
  }

  private static Map<String, String> labels(Map<String, String> base, String... pairs) {
    Map<String, String> labels = new HashMap<>(base);
    for (int i = 0; i < pairs.length; i += 2) {
      labels.put(pairs[i], pairs[i + 1]);
    }
    return labels;
  }

  /** The feed of planted documents: an id with a character Prometheus labels do not keep. */
  private static final String PLANTED_FEED = "planted-bad";

  /**
   * The planted documents, in order: positions a minute before the Caltrain document's fetch time,
   * then one an hour older, late for the feed, then one of the first again (a repeat).
   */
  private static final List<PlantedDocument> PLANTED =
      List.of(
          new PlantedDocument(
              1_699_405_500L,
              List.of(
                  new Planted("outside-every-zone", 10.0, 10.0, RejectReason.OUTSIDE_ZONES),
                  new Planted("beyond-the-pole", 95.0, 10.0, RejectReason.INVALID_COORDINATE),
                  new Planted("no-position", Double.NaN, Double.NaN, RejectReason.MISSING_FIELD),
                  new Planted("in-san-francisco", 37.7, -122.4, null))),
          new PlantedDocument(
              1_699_405_500L - 3600,
              List.of(new Planted("an-hour-late", 37.7, -122.4, RejectReason.LATE))),
          new PlantedDocument(
              1_699_405_500L, List.of(new Planted("in-san-francisco", 37.7, -122.4, null))));

  /** A vehicle position to plant, and the reason it is rejected for (null: accepted). */
  private record Planted(String vehicle, double latitude, double longitude, RejectReason reason) {}

  /** Positions of one time in a GTFS-Realtime document. */
  private record PlantedDocument(long timestamp, List<Planted> entities) {
    FeedMessage message() {
      FeedMessage.Builder message =
          FeedMessage.newBuilder()
              .setHeader(
                  FeedHeader.newBuilder().setGtfsRealtimeVersion("2.0").setTimestamp(timestamp));
      for (Planted entity : entities) {
        VehiclePosition.Builder vehicle =
            VehiclePosition.newBuilder()
                .setVehicle(VehicleDescriptor.newBuilder().setId(entity.vehicle()))
                .setTimestamp(timestamp);
        if (!Double.isNaN(entity.latitude())) {
          vehicle.setPosition(
              Position.newBuilder()
                  .setLatitude((float) entity.latitude())
                  .setLongitude((float) entity.longitude()));
        }
        message.addEntity(FeedEntity.newBuilder().setId(entity.vehicle()).setVehicle(vehicle));
      }
      return message.build();
    }
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

  /**
   * A Kafka run of the Caltrain corridor whose group, ids and topics are named after {@code run}.
   */
  private Path kafkaConfig(String run) throws IOException {
    return kafkaConfig(run, "");
  }

  /** The same, with {@code more} YAML at its end. */
  private Path kafkaConfig(String run, String more) throws IOException {
    Files.writeString(dir.resolve("zones.geojson"), CaltrainCorridor.zonesGeoJson());
    return Files.writeString(
        dir.resolve("mobiflow.yaml"),
        """
        kafka:
          bootstrap_servers: "%s"
          consumer_group: it-%s
          transactional_id_prefix: it-%s
        topics:
          raw_prefix: raw-%s.
          zone_flows: flows-%s
          dead_letters: dead-%s
          suggestions: suggestions-%s
        places:
          zones: %s
          gtfs: %s
        window:
          minutes: 5
          out_of_orderness_seconds: 120
          early_results_seconds: 0   # final records only: each exactly once
        checkpoints:
          interval_seconds: 1
          dir: %s
        %s
        """
            .formatted(
                KAFKA.bootstrapServers(),
                run,
                run,
                run,
                run,
                run,
                run,
                dir.resolve("zones.geojson").toAbsolutePath(),
                CaltrainCorridor.GTFS.toAbsolutePath(),
                dir.resolve("checkpoints").toAbsolutePath(),
                more));
  }

  /** Publishes one real feed document of the Caltrain feed as the ingester does. */
  private static void publish(String topic, Path document) throws Exception {
    publish(topic, "caltrain", Files.readAllBytes(document));
  }

  /** Publishes one feed document as the ingester does (key: the feed id). */
  private static void publish(String topic, String feed, byte[] document) throws Exception {
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    properties.put(
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties)) {
      ProducerRecord<byte[], byte[]> record =
          new ProducerRecord<>(topic, feed.getBytes(StandardCharsets.UTF_8), document);
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
