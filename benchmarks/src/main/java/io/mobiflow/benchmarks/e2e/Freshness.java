package io.mobiflow.benchmarks.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.mobiflow.connectors.kafka.RawSnapshotSerializer;
import io.mobiflow.connectors.kafka.RawTopics;
import io.mobiflow.connectors.sink.JsonLines;
import io.mobiflow.connectors.source.SnapshotFile;
import io.mobiflow.jobs.config.MobiflowConfig;
import io.mobiflow.jobs.run.ZoneFlowPipeline;
import io.mobiflow.jobs.testing.KafkaBroker;
import io.mobiflow.jobs.zoneflow.ZoneFlowJob;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Freshness through Kafka: the zone-flow job runs unbounded from empty raw topics; the snapshots
 * are then published at a fixed rate; a {@code read_committed} consumer of the zone-flow topic
 * notes when each window is first published. A snapshot's delay runs from its ingestion (its
 * record's time, the broker's append time) to the first publication of a zone-flow record whose
 * window includes its event time (the newest of its events', {@link EventTimes}); recorded in an
 * HdrHistogram corrected for coordinated omission with the publishing interval as the expected
 * interval. The commit delay (an output record's append time to its visibility to {@code
 * read_committed}) is recorded apart. Snapshots whose window was never published (the last ones: no
 * later event moves the watermark past them) or was published before they came (their events are
 * late) are counted, not recorded. The job is left running on empty raw topics for its idleness
 * timeout (a minute) before the first snapshot: until then the splits no feed writes hold back its
 * watermark, which only a long-running job has left behind.
 */
final class Freshness {

  private final Workload workload;
  private final KafkaBroker broker;
  private final int partitions;
  private final Path work;
  private final double rate;
  private final Duration drain;

  /**
   * @param broker a started broker
   * @param partitions the raw topics' partitions
   * @param work where checkpoints go
   * @param rate snapshots published per second
   * @param drain how long to wait for output after the last snapshot
   */
  Freshness(
      Workload workload,
      KafkaBroker broker,
      int partitions,
      Path work,
      double rate,
      Duration drain) {
    this.workload = workload;
    this.broker = broker;
    this.partitions = partitions;
    this.work = work;
    this.rate = rate;
    this.drain = drain;
  }

  /** Runs the job at {@code parallelism}; returns its figures (delays in ms). */
  Map<String, Object> run(int parallelism) throws Exception {
    String name = "e2e-freshness-p" + parallelism;
    RawTopics raw = new RawTopics(name + ".raw."); // empty at the job's start
    MobiflowConfig run =
        RunConfigs.kafka(
            workload.config(),
            broker.bootstrapServers(),
            raw,
            name,
            work.resolve(name + "-checkpoints"));
    List<String> topics = new ArrayList<>(ZoneFlowPipeline.rawTopics(run));
    topics.add(run.topics().zoneFlows());
    topics.add(run.topics().deadLetters());
    createWithAppendTime(topics.stream().distinct().toList());

    List<SnapshotFile> files = new ArrayList<>();
    List<Long> eventTimes = new ArrayList<>();
    for (SnapshotFile file : workload.files()) {
      if (ZoneFlowJob.FEED_KINDS.contains(file.kind())) {
        files.add(file);
        eventTimes.add(EventTimes.newest(file));
      }
    }

    StreamExecutionEnvironment env = Runs.environment(parallelism, false);
    ZoneFlowPipeline.builder(run)
        .places(workload.places())
        .rawPartitions(partitions * ZoneFlowPipeline.rawTopics(run).size())
        .build(env);
    JobClient job = env.executeAsync("zone flow freshness");
    Published published = new Published();
    Histogram commit = new Histogram(3);
    AtomicBoolean stop = new AtomicBoolean();
    String output = run.topics().zoneFlows();
    Thread consumer = new Thread(() -> consume(output, published, commit, stop), "freshness");
    try {
      awaitRunning(job);
      consumer.start();
      long[] ingested = publish(raw, files);
      Thread.sleep(drain.toMillis());
      stop.set(true);
      consumer.join(10_000);
      return figures(ingested, eventTimes, published, commit, run.window().length());
    } finally {
      stop.set(true);
      job.cancel().get(30, TimeUnit.SECONDS);
    }
  }

  /** Publishes the files at {@link #rate}; returns each one's append time (epoch ms). */
  private long[] publish(RawTopics raw, List<SnapshotFile> files) throws Exception {
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false); // as KafkaThroughput
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 64 << 20);
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    properties.put(
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    RawSnapshotSerializer serializer = new RawSnapshotSerializer(raw);
    AtomicLongArray appended = new AtomicLongArray(files.size());
    long interval = (long) (1e9 / rate);
    long start = System.nanoTime();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties)) {
      for (int i = 0; i < files.size(); i++) {
        long due = start + i * interval;
        while (System.nanoTime() < due) {
          LockSupport.parkNanos(due - System.nanoTime());
        }
        int index = i;
        producer.send(
            serializer.serialize(files.get(i).read(), null, null),
            (metadata, error) -> appended.set(index, error == null ? metadata.timestamp() : -1));
      }
      producer.flush();
    }
    long[] times = new long[files.size()];
    for (int i = 0; i < times.length; i++) {
      times[i] = appended.get(i);
    }
    return times;
  }

  /** Notes the first publication of each window, and each record's commit delay, until stopped. */
  private void consume(String topic, Published published, Histogram commit, AtomicBoolean stop) {
    Properties properties = broker.adminProperties();
    properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    properties.put(
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    properties.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
      List<TopicPartition> assigned =
          consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(assigned);
      consumer.seekToBeginning(assigned);
      while (!stop.get()) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(50))) {
          long now = System.currentTimeMillis();
          JsonNode flow = JsonLines.MAPPER.readTree(record.value());
          published.note(
              Instant.parse(flow.get("windowStart").asText()).toEpochMilli(),
              Instant.parse(flow.get("windowEnd").asText()).toEpochMilli(),
              now);
          commit.recordValue(Math.max(0, now - record.timestamp()));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("unreadable zone flow", e);
    }
  }

  private Map<String, Object> figures(
      long[] ingested,
      List<Long> eventTimes,
      Published published,
      Histogram commit,
      Duration window) {
    long expected = Math.max(1, Math.round(1000 / rate));
    Histogram delays = new Histogram(3);
    Histogram uncorrected = new Histogram(3);
    int noEvents = 0;
    int unsent = 0;
    int unpublished = 0;
    int late = 0;
    for (int i = 0; i < ingested.length; i++) {
      long eventTime = eventTimes.get(i);
      if (eventTime == EventTimes.NONE) {
        noEvents++;
        continue;
      }
      if (ingested[i] < 0) {
        unsent++;
        continue;
      }
      long first = published.first(eventTime, window.toMillis());
      if (first == Long.MAX_VALUE) {
        unpublished++;
      } else if (first < ingested[i]) {
        late++;
      } else {
        delays.recordValueWithExpectedInterval(first - ingested[i], expected);
        uncorrected.recordValue(first - ingested[i]);
      }
    }
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("rate snapshots/s", rate);
    figures.put("expected interval ms", expected);
    figures.put("snapshots", ingested.length);
    figures.put("delays recorded", ingested.length - noEvents - unsent - unpublished - late);
    figures.put("without events", noEvents);
    figures.put("not sent", unsent);
    figures.put("windows published", published.size());
    figures.put("window never published", unpublished);
    figures.put("window published before ingestion", late);
    figures.put("delay ms (corrected)", percentiles(delays));
    figures.put("delay ms (uncorrected)", percentiles(uncorrected));
    figures.put("commit delay ms", percentiles(commit));
    return figures;
  }

  private static Map<String, Object> percentiles(Histogram histogram) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("count", histogram.getTotalCount());
    p.put("p50", histogram.getValueAtPercentile(50));
    p.put("p99", histogram.getValueAtPercentile(99));
    p.put("p99.9", histogram.getValueAtPercentile(99.9));
    p.put("max", histogram.getMaxValue());
    return p;
  }

  private void createWithAppendTime(List<String> topics) throws Exception {
    try (Admin admin = broker.admin()) {
      admin
          .createTopics(
              topics.stream()
                  .map(
                      t ->
                          new NewTopic(t, partitions, (short) 1)
                              .configs(Map.of("message.timestamp.type", "LogAppendTime")))
                  .toList())
          .all()
          .get(30, TimeUnit.SECONDS);
    }
  }

  private static void awaitRunning(JobClient job) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (job.getJobStatus().get() != JobStatus.RUNNING) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the job is not running after 60 s");
      }
      Thread.sleep(100);
    }
    // Every split of the raw topics is idle after the job's idleness timeout: the topics no feed
    // writes (other counter formats) and the partitions no feed's key falls in no longer hold back
    // the source's watermark, as in a long-running deployment.
    Thread.sleep(ZoneFlowJob.IDLENESS.plusSeconds(5).toMillis());
  }

  /** The first publication time of each window, by start. */
  private static final class Published {
    private final NavigableMap<Long, long[]> windows = new TreeMap<>();

    synchronized int size() {
      return windows.size();
    }

    synchronized void note(long start, long end, long at) {
      windows.putIfAbsent(start, new long[] {end, at});
    }

    /** The first publication of a window including {@code time}, or {@code Long.MAX_VALUE}. */
    synchronized long first(long time, long maxLength) {
      long first = Long.MAX_VALUE;
      for (Map.Entry<Long, long[]> w :
          windows.subMap(time - maxLength, false, time, true).entrySet()) {
        if (time < w.getValue()[0]) {
          first = Math.min(first, w.getValue()[1]);
        }
      }
      return first;
    }
  }
}
