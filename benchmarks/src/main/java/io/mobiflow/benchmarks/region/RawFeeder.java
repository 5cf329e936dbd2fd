package io.mobiflow.benchmarks.region;

import io.mobiflow.connectors.common.FeedDecoder;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.kafka.RawSnapshotSerializer;
import io.mobiflow.connectors.kafka.RawTopics;
import io.mobiflow.connectors.source.SnapshotDirectory;
import io.mobiflow.connectors.source.SnapshotFile;
import io.mobiflow.jobs.zoneflow.ZoneFlowJob;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends recorded snapshots to the zone-flow job's raw Kafka topics, as the feed bridge ({@code
 * KafkaIngest}) would have published them when they were fetched: one record per file, in fetch
 * time order, made by the bridge's own {@link RawSnapshotSerializer} (topic of the kind, key the
 * feed id, value the file's bytes, headers content type, fetch time and file name). Paced at real
 * time × {@code speed} by the files' fetch times, or as fast as the producer goes.
 *
 * <p>The producer is idempotent with {@code acks=all}, accepts records up to the decoders' size
 * limit ({@link FeedDecoder#DEFAULT_MAX_BYTES}) and compresses with lz4. A region's TripUpdates
 * snapshot is 8 MB, 4.3 MB in lz4 (2.6 MB in zstd): the raw topics need a {@code max.message.bytes}
 * above the largest compressed snapshot (the broker's default is 1 MiB).
 *
 * <pre>
 * java -cp ... io.mobiflow.benchmarks.region.RawFeeder --dir DIR --bootstrap HOST:PORT
 *     --speed N|max [--topic-prefix mobiflow.raw.]
 * </pre>
 *
 * {@code DIR} is a {@link RegionSimulator} output folder (its {@code feeds/} are sent) or a
 * snapshot directory.
 */
public final class RawFeeder {

  private static final Duration REPORT_EVERY = Duration.ofSeconds(10);

  private RawFeeder() {}

  /**
   * What was sent.
   *
   * @param records records sent and acknowledged
   * @param bytes their values' bytes
   * @param seconds wall time from the first send to the last acknowledgement
   */
  public record Sent(long records, long bytes, double seconds) {
    public double recordsPerSecond() {
      return records / seconds;
    }
  }

  /**
   * Sends every snapshot of {@code dir} and waits until all are acknowledged.
   *
   * @param producer the producer's connection properties (at least {@code bootstrap.servers}); this
   *     class adds the serializers and idempotence, and the size limit and lz4 compression unless
   *     they are given
   * @param speed how many times faster than real time; {@link Double#POSITIVE_INFINITY}: no pause
   * @throws IOException if a record is refused, or the folder holds no snapshot directory
   */
  public static Sent feed(
      Path dir, Properties producer, RawTopics topics, double speed, PrintStream progress)
      throws IOException, InterruptedException {
    if (!(speed > 0)) {
      throw new IllegalArgumentException("speed must be positive: " + speed);
    }
    Path root = Files.isDirectory(dir.resolve("feeds")) ? dir.resolve("feeds") : dir;
    List<SnapshotFile> files = SnapshotDirectory.scan(root);
    for (SnapshotFile file : files) {
      if (!ZoneFlowJob.FEED_KINDS.contains(file.kind())) {
        throw new IllegalArgumentException(
            file.path() + ": the zone-flow job reads no " + file.kind() + " topic");
      }
    }
    RawSnapshotSerializer serializer = new RawSnapshotSerializer(topics);
    AtomicReference<Exception> failure = new AtomicReference<>();
    long records = 0;
    long bytes = 0;
    long start = System.nanoTime();
    long nextReport = start + REPORT_EVERY.toNanos();
    try (KafkaProducer<byte[], byte[]> kafka = new KafkaProducer<>(settings(producer))) {
      for (SnapshotFile file : files) {
        if (speed != Double.POSITIVE_INFINITY) {
          long dueNanos =
              start
                  + (long)
                      (Duration.between(files.get(0).fetchedAt(), file.fetchedAt()).toNanos()
                          / speed);
          TimeUnit.NANOSECONDS.sleep(dueNanos - System.nanoTime());
        }
        FeedSnapshot snapshot = file.read();
        // The bridge's serializer reads neither the sink context nor the timestamp argument.
        ProducerRecord<byte[], byte[]> record = serializer.serialize(snapshot, null, null);
        kafka.send(
            record,
            (metadata, error) -> {
              if (error != null) {
                failure.compareAndSet(null, error);
              }
            });
        records++;
        bytes += snapshot.payload().length;
        if (failure.get() != null) {
          break;
        }
        if (System.nanoTime() > nextReport) {
          nextReport += REPORT_EVERY.toNanos();
          progress.printf(
              Locale.ROOT,
              "  %,d records sent, %.0f records/s, up to %s%n",
              records,
              records / ((System.nanoTime() - start) / 1e9),
              file.fetchedAt());
        }
      }
      kafka.flush();
    }
    if (failure.get() != null) {
      throw new IOException("Kafka refused a record: " + failure.get(), failure.get());
    }
    return new Sent(records, bytes, (System.nanoTime() - start) / 1e9);
  }

  private static Properties settings(Properties connection) {
    Properties settings = new Properties();
    settings.putAll(connection);
    settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    settings.put(ProducerConfig.ACKS_CONFIG, "all");
    settings.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    int maxRecord = (int) FeedDecoder.DEFAULT_MAX_BYTES + (1 << 20); // the value and its headers
    settings.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(maxRecord));
    settings.putIfAbsent(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(4L * maxRecord));
    return settings;
  }

  public static void main(String[] args) throws Exception {
    Path dir = null;
    String bootstrap = null;
    Double speed = null;
    String prefix = RawTopics.DEFAULT_PREFIX;
    boolean unknown = args.length % 2 != 0;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--dir" -> dir = Path.of(args[i + 1]);
        case "--bootstrap" -> bootstrap = args[i + 1];
        case "--speed" ->
            speed =
                args[i + 1].equals("max")
                    ? Double.POSITIVE_INFINITY
                    : Double.parseDouble(args[i + 1]);
        case "--topic-prefix" -> prefix = args[i + 1];
        default -> unknown = true;
      }
    }
    if (unknown || dir == null || bootstrap == null || speed == null) {
      System.err.println(
          "usage: RawFeeder --dir DIR --bootstrap HOST:PORT --speed N|max [--topic-prefix P]");
      System.exit(2);
      return;
    }
    Properties connection = new Properties();
    connection.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    Sent sent = feed(dir, connection, new RawTopics(prefix), speed, System.out);
    System.out.printf(
        Locale.ROOT,
        "Sent %,d records (%,d bytes) in %.1f s: %,.0f records/s, %.1f MB/s%n",
        sent.records(),
        sent.bytes(),
        sent.seconds(),
        sent.recordsPerSecond(),
        sent.bytes() / sent.seconds() / 1e6);
  }
}
