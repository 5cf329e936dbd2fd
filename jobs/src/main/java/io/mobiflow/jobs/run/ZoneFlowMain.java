package io.mobiflow.jobs.run;

import io.mobiflow.jobs.config.ConfigException;
import io.mobiflow.jobs.config.ConfigLoader;
import io.mobiflow.jobs.config.MobiflowConfig;
import io.mobiflow.jobs.config.PlacesLoader;
import io.mobiflow.jobs.kafka.KafkaPreflight;
import io.mobiflow.jobs.zoneflow.match.Places;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The entry point of the job jar ({@code mobiflow-jobs-*-job.jar}) on a cluster: {@code flink run
 * mobiflow-jobs-*-job.jar --config FILE [--bounded]} runs the zone-flow job of the same YAML as
 * {@code mobiflow run}, in the cluster's execution environment. The YAML's files (zones, stations,
 * the GTFS that operators read when they open) must be at the same path on every TaskManager.
 *
 * <p>It asks the brokers for the raw topics' partitions: the Kafka source reads with one task per
 * partition, at most the job's parallelism ({@code job.parallelism}, else the client's), unless
 * {@code kafka.source_parallelism} says otherwise.
 *
 * <p>Bad arguments and a bad configuration are one line on stderr and exit code 2; Kafka that does
 * not answer the preflight check is one line and exit code 1.
 */
public final class ZoneFlowMain {

  /** The usage line, printed with every argument error. */
  static final String USAGE = "usage: ZoneFlowMain --config FILE [--bounded]";

  /**
   * The arguments.
   *
   * @param config the YAML configuration
   * @param bounded stop at the raw topics' latest offsets when the job starts (a backfill)
   */
  record Arguments(Path config, boolean bounded) {

    /** Reads {@code --config FILE} and {@code --bounded}; anything else is refused. */
    static Arguments parse(List<String> args) {
      Path config = null;
      boolean bounded = false;
      for (int i = 0; i < args.size(); i++) {
        String arg = args.get(i);
        if (arg.equals("--bounded")) {
          bounded = true;
        } else if (arg.equals("--config") && i + 1 < args.size() && config == null) {
          config = Path.of(args.get(++i));
        } else {
          throw new IllegalArgumentException(
              arg.equals("--config")
                  ? "--config takes one FILE, once"
                  : "unknown argument '" + arg + "'");
        }
      }
      if (config == null) {
        throw new IllegalArgumentException("--config FILE is required");
      }
      return new Arguments(config, bounded);
    }
  }

  private ZoneFlowMain() {}

  /** Runs the job, or exits with 2 (arguments, configuration) or 1 (Kafka) after one line. */
  public static void main(String[] args) throws Exception {
    int code = run(List.of(args), System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Runs the job as {@link #main} does; returns the exit code after an error's one line. */
  static int run(List<String> args, PrintStream err) throws Exception {
    Arguments arguments;
    MobiflowConfig config;
    Places places;
    try {
      arguments = Arguments.parse(args);
      config = ConfigLoader.load(arguments.config());
      places = PlacesLoader.load(config);
    } catch (IllegalArgumentException e) {
      err.println("ZoneFlowMain: " + e.getMessage() + " (" + USAGE + ")");
      return 2;
    } catch (ConfigException e) {
      err.println("ZoneFlowMain: " + e.getMessage());
      return 2;
    }
    ZoneFlowPipeline.Builder pipeline;
    try {
      pipeline = pipeline(config, places, arguments.bounded());
    } catch (ConfigException e) {
      err.println("ZoneFlowMain: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("ZoneFlowMain: Kafka: " + e.getMessage());
      return 1;
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    pipeline.build(env);
    env.execute("mobiflow: zone flows");
    return 0;
  }

  /**
   * The pipeline of {@code config} after the Kafka preflight check: with the raw topics'
   * partitions, so that the Kafka source reads with one task per partition.
   *
   * @throws ConfigException when topics are missing or the client refuses the settings
   * @throws IOException when Kafka does not answer or refuses the connection
   */
  static ZoneFlowPipeline.Builder pipeline(MobiflowConfig config, Places places, boolean bounded)
      throws IOException {
    ZoneFlowPipeline.Builder pipeline =
        ZoneFlowPipeline.builder(config).places(places).bounded(bounded || !config.readsKafka());
    List<String> topics = ZoneFlowPipeline.topics(config);
    if (!topics.isEmpty()) {
      KafkaPreflight.check(config, topics);
    }
    if (config.readsKafka()) {
      pipeline.rawPartitions(KafkaPreflight.partitions(config, ZoneFlowPipeline.rawTopics(config)));
    }
    return pipeline;
  }
}
