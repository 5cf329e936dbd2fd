package io.mobiflow.benchmarks.e2e;

import io.mobiflow.benchmarks.baseline.PlainZoneFlowJob;
import io.mobiflow.connectors.kafka.JsonRecordSerializer;
import io.mobiflow.connectors.kafka.RawSnapshotSerializer;
import io.mobiflow.connectors.kafka.RawTopics;
import io.mobiflow.connectors.source.SnapshotFile;
import io.mobiflow.jobs.config.MobiflowConfig;
import io.mobiflow.jobs.kafka.KafkaOutputs;
import io.mobiflow.jobs.run.ZoneFlowPipeline;
import io.mobiflow.jobs.testing.KafkaBroker;
import io.mobiflow.jobs.zoneflow.ZoneFlowJob;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Kafka in, Kafka out exactly once, on a real broker: the snapshots are loaded into the raw topics
 * first; then at each parallelism the zone-flow job, then the baseline, each in a consumer group of
 * its own, read them from the earliest offsets up to the latest ones at their start and write their
 * topics in transactions. A run's time is until its input is consumed and its last transaction
 * committed (the bounded job's end); its output records are counted with {@code read_committed}.
 */
final class KafkaThroughput {

  /** The raw topics on the harness's broker. */
  private static final RawTopics RAW = new RawTopics("e2e.raw.");

  private final Workload workload;
  private final KafkaBroker broker;
  private final int partitions;
  private final Path work;

  /**
   * @param broker a started broker
   * @param partitions the raw topics' partitions
   * @param work where checkpoints go
   */
  KafkaThroughput(Workload workload, KafkaBroker broker, int partitions, Path work) {
    this.workload = workload;
    this.broker = broker;
    this.partitions = partitions;
    this.work = work;
  }

  /**
   * Loads the raw topics (creating them) with the snapshots the jobs read, in fetch order, keyed by
   * feed; returns the seconds it took.
   */
  double load() throws Exception {
    broker.createTopics(
        ZoneFlowJob.FEED_KINDS.stream().map(RAW::topicOf).distinct().toList(), partitions);
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    // as ClusterRuns: not idempotent (fresh topics meet sequence errors), one request in flight
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 64 << 20);
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    properties.put(
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    RawSnapshotSerializer serializer = new RawSnapshotSerializer(RAW);
    long start = System.nanoTime();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties)) {
      for (SnapshotFile file : workload.files()) {
        if (ZoneFlowJob.FEED_KINDS.contains(file.kind())) {
          producer.send(serializer.serialize(file.read(), null, null));
        }
      }
      producer.flush();
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /**
   * The decoders alone (over the files), then the job and the baseline at each parallelism, from
   * the loaded raw topics.
   */
  List<Measurement> run(List<Integer> parallelisms) throws Exception {
    List<Measurement> runs = new ArrayList<>();
    runs.add(workload.decodersAlone());
    for (int parallelism : parallelisms) {
      String jobName = "e2e-job-p" + parallelism;
      MobiflowConfig jobRun = config(jobName);
      broker.createTopics(
          List.of(jobRun.topics().zoneFlows(), jobRun.topics().deadLetters()), partitions);
      runs.add(
          Runs.job(
              workload,
              jobRun,
              parallelism,
              partitions * ZoneFlowPipeline.rawTopics(jobRun).size(),
              () -> committed(jobRun.topics().zoneFlows())));

      MobiflowConfig baselineRun = config("e2e-baseline-p" + parallelism);
      String topic = baselineRun.topics().zoneFlows();
      broker.createTopics(List.of(topic), partitions);
      runs.add(
          Runs.baseline(
              workload,
              baselineRun,
              PlainZoneFlowJob.kafkaSource(baselineRun),
              KafkaOutputs.exactlyOnce(
                  baselineRun,
                  new JsonRecordSerializer<Map<String, Object>>(
                      topic, record -> (String) record.get("zone_id")),
                  "baseline"),
              parallelism,
              () -> committed(topic)));
    }
    return runs;
  }

  private MobiflowConfig config(String name) {
    return RunConfigs.kafka(
        workload.config(),
        broker.bootstrapServers(),
        RAW,
        name,
        work.resolve(name + "-checkpoints"));
  }

  private long committed(String topic) {
    return broker.readAll(topic, "read_committed").size();
  }
}
