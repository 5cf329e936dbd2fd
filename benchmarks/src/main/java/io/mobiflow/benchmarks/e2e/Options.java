package io.mobiflow.benchmarks.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The harness's command line.
 *
 * @param command {@code backfill}, {@code throughput} or {@code freshness}
 * @param input a directory of snapshots and their configuration ({@link Workload#of}), or {@code
 *     null}: the demo's input, generated
 * @param demoStart the local time the generated demo input starts at
 * @param demo how much demo input to generate when no input is given
 * @param parallelisms the parallelisms to run at, each in turn
 * @param results where the JSON results go
 * @param work where runs write their outputs and checkpoints (and the demo its input)
 * @param suggestions whether the job also runs its suggestion branch (backfill)
 * @param partitions the raw topics' partitions (Kafka runs)
 * @param brokerClasspath the file holding the Kafka broker's class path (Kafka runs)
 * @param rate snapshots published per second (freshness)
 * @param drain how long to wait for output after the last snapshot (freshness)
 */
record Options(
    String command,
    Path input,
    LocalTime demoStart,
    Duration demo,
    List<Integer> parallelisms,
    Path results,
    Path work,
    boolean suggestions,
    int partitions,
    Path brokerClasspath,
    double rate,
    Duration drain) {

  static final String USAGE =
      """
      usage: EndToEnd backfill|throughput|freshness [--input DIR | --demo-hours H [--demo-start T]]
                      [--parallelism 1,2] [--results DIR] [--work DIR] [--suggestions]
                      [--partitions N] [--broker-classpath FILE] [--rate R] [--drain S]
        --input DIR         a directory of snapshot files and its mobiflow.yaml (the demo's layout)
        --demo-hours H      else the demo's simulated feeds, H hours (default 1; 0.25 = 15 min)
        --demo-start T      from local time T (default 05:00, as the demo; buses run from about 06:00)
        --parallelism P,Q   the parallelisms to run at (default 1,2)
        --results DIR       where the JSON results go (default benchmarks/results/e2e)
        --work DIR          outputs, checkpoints and generated input (default: a new temporary one)
        --suggestions       backfill: the job also runs its suggestion branch
        --partitions N      Kafka runs: the raw and output topics' partitions (default 2)
        --broker-classpath  Kafka runs: the broker's class path file
                            (default testing/kafka-broker/target/broker-classpath.txt)
        --rate R            freshness: snapshots published per second (default 20)
        --drain S           freshness: seconds to wait for output after the last one (default 15)
      """;

  /** The options of {@code args}; throws {@link IllegalArgumentException} with the usage. */
  static Options parse(String... args) {
    if (args.length == 0) {
      throw new IllegalArgumentException(USAGE);
    }
    String command = args[0];
    if (!List.of("backfill", "throughput", "freshness").contains(command)) {
      throw new IllegalArgumentException("unknown command " + command + "\n" + USAGE);
    }
    Path input = null;
    LocalTime demoStart = LocalTime.of(5, 0);
    Duration demo = Duration.ofHours(1);
    List<Integer> parallelisms = List.of(1, 2);
    Path results = Path.of("benchmarks", "results", "e2e");
    Path work = null;
    boolean suggestions = false;
    int partitions = 2;
    Path brokerClasspath = Path.of("testing", "kafka-broker", "target", "broker-classpath.txt");
    double rate = 20;
    Duration drain = Duration.ofSeconds(15);
    for (int i = 1; i < args.length; i++) {
      String option = args[i];
      if (option.equals("--suggestions")) {
        suggestions = true;
        continue;
      }
      if (i + 1 == args.length) {
        throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
      }
      String value = args[++i];
      switch (option) {
        case "--input" -> input = Path.of(value);
        case "--demo-start" -> demoStart = LocalTime.parse(value);
        case "--demo-hours" ->
            demo = Duration.ofSeconds(Math.round(Double.parseDouble(value) * 3600));
        case "--parallelism" -> {
          List<Integer> list = new ArrayList<>();
          Arrays.stream(value.split(","))
              .map(String::trim)
              .map(Integer::valueOf)
              .forEach(list::add);
          parallelisms = List.copyOf(list);
        }
        case "--results" -> results = Path.of(value);
        case "--work" -> work = Path.of(value);
        case "--partitions" -> partitions = Integer.parseInt(value);
        case "--broker-classpath" -> brokerClasspath = Path.of(value);
        case "--rate" -> rate = Double.parseDouble(value);
        case "--drain" -> drain = Duration.ofSeconds(Long.parseLong(value));
        default -> throw new IllegalArgumentException("unknown option " + option + "\n" + USAGE);
      }
    }
    if (demo.isNegative() || demo.isZero() || !(rate > 0)) {
      throw new IllegalArgumentException("--demo-hours and --rate must be positive");
    }
    return new Options(
        command,
        input,
        demoStart,
        demo,
        parallelisms,
        results,
        work,
        suggestions,
        partitions,
        brokerClasspath,
        rate,
        drain);
  }
}
