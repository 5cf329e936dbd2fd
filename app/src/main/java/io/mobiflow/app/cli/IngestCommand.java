package io.mobiflow.app.cli;

import io.mobiflow.jobs.config.MobiflowConfig;
import io.mobiflow.jobs.kafka.KafkaIngest;
import io.mobiflow.jobs.kafka.KafkaPreflight;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mobiflow ingest}: the feed bridge from live HTTP feeds to the raw topics. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description =
        "Polls the live feeds of the configuration and publishes every new document to its raw"
            + " topic, and every poll's health to the health topic (idempotent producers).")
final class IngestCommand implements Callable<Integer> {

  @Mixin ConfigOption config;

  @Option(
      names = "--polls",
      paramLabel = "N",
      defaultValue = "9223372036854775807",
      description = "Stop after N polls of each feed (default: run until stopped).")
  long polls;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (polls < 1) {
      throw new IllegalArgumentException("--polls must be at least 1");
    }
    MobiflowConfig settings = config.load();
    KafkaPreflight.check(settings, KafkaIngest.topics(settings));
    StreamExecutionEnvironment env = RunCommand.environment(1);
    KafkaIngest.build(env, settings, polls);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "Polling %d feeds into %s* on %s%n",
        settings.feeds().size(),
        settings.topics().raw().prefix(),
        settings.kafka().bootstrapServers());
    out.flush();
    env.execute("mobiflow ingest");
    return 0;
  }
}
