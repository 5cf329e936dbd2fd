package io.mobiflow.benchmarks.e2e;

import io.mobiflow.jobs.testing.KafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The end-to-end harness: the zone-flow job against its plain baseline ({@link
 * io.mobiflow.benchmarks.baseline.PlainZoneFlowJob}) and the decoders alone, on the same input in
 * one run, on a local MiniCluster.
 *
 * <ul>
 *   <li>{@code backfill}: snapshot files in, JSON-lines files out ({@link Backfill});
 *   <li>{@code throughput}: raw topics in, topics out exactly once, on a real Kafka broker started
 *       for the run ({@link KafkaThroughput});
 *   <li>{@code freshness}: the job alone, unbounded, its raw topics fed at a fixed rate: the delay
 *       from a snapshot's ingestion to the first publication of its window ({@link Freshness}).
 * </ul>
 *
 * Input: {@code --input DIR} (snapshots and their configuration, as {@code mobiflow demo} lays them
 * out), else the demo's simulated feeds ({@code --demo-hours}). Prints a table and writes the
 * results as JSON into {@code --results} ({@link Options#USAGE}).
 */
public final class EndToEnd {

  /** The system property {@link KafkaBroker} reads its class path file from. */
  private static final String BROKER_CLASSPATH = "mobiflow.kafka.broker.classpath";

  private EndToEnd() {}

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Report report = run(options);
    report.print(System.out);
    System.out.println("results: " + report.write(options.results()));
  }

  /** Runs the command of {@code options}; returns its report. */
  static Report run(Options options) throws Exception {
    Instant at = Instant.now();
    Path work =
        options.work() != null
            ? Files.createDirectories(options.work())
            : Files.createTempDirectory("mobiflow-e2e-");
    Workload workload =
        options.input() != null
            ? Workload.of(options.input())
            : Workload.demo(work.resolve("input"), options.demoStart(), options.demo());
    Map<String, Object> notes = new LinkedHashMap<>();
    List<Measurement> runs;
    if (options.command().equals("backfill")) {
      runs = Backfill.run(workload, options.parallelisms(), work, options.suggestions());
      if (options.suggestions()) {
        notes.put("job", "with its suggestion branch");
      }
    } else {
      if (System.getProperty(BROKER_CLASSPATH) == null) {
        System.setProperty(BROKER_CLASSPATH, options.brokerClasspath().toAbsolutePath().toString());
      }
      KafkaBroker broker = new KafkaBroker();
      broker.beforeAll(null); // its JUnit context is not used
      try {
        notes.put("raw partitions", options.partitions());
        runs = kafka(options, workload, broker, work, notes);
      } finally {
        broker.afterAll(null);
      }
    }
    return new Report(
        options.command(),
        at,
        workload.directory().toString(),
        workload.snapshots(),
        workload.events(),
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        runs,
        notes);
  }

  /**
   * The Kafka command of {@code options} on {@code broker}; its other figures into {@code notes}.
   */
  private static List<Measurement> kafka(
      Options options, Workload workload, KafkaBroker broker, Path work, Map<String, Object> notes)
      throws Exception {
    if (options.command().equals("throughput")) {
      KafkaThroughput throughput =
          new KafkaThroughput(workload, broker, options.partitions(), work);
      notes.put("raw topics load s", throughput.load());
      return throughput.run(options.parallelisms());
    }
    Freshness freshness =
        new Freshness(
            workload, broker, options.partitions(), work, options.rate(), options.drain());
    for (int parallelism : options.parallelisms()) {
      notes.put("parallelism " + parallelism, freshness.run(parallelism));
    }
    return List.of();
  }
}
