package io.mobiflow.app.cli;

import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.source.SnapshotFile;
import io.mobiflow.jobs.config.MobiflowConfig;
import io.mobiflow.jobs.config.PlacesLoader;
import io.mobiflow.jobs.kafka.KafkaPreflight;
import io.mobiflow.jobs.run.ZoneFlowPipeline;
import io.mobiflow.jobs.store.FlowStores;
import io.mobiflow.jobs.zoneflow.ZoneFlowJob;
import io.mobiflow.jobs.zoneflow.match.Places;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mobiflow run}: the zone-flow job on Kafka, exactly once. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description =
        "Runs the zone-flow job as configured: raw feed topics in, zone indicators and dead"
            + " letters out on Kafka, exactly once (checkpoints + transactions); or recorded"
            + " snapshots and feed files in (backfills) and JSON lines out. Checks the brokers and"
            + " topics first when Kafka is used. Ends with the events read and the dead letters per"
            + " reason.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the run ended",
      "1:a failure that is not the input's",
      "2:bad arguments, configuration or reference data",
      "3:nothing was read, or more than limits.max_rejected_share of the records became dead"
          + " letters"
    })
final class RunCommand implements Callable<Integer> {

  @Mixin ConfigOption config;

  @Option(
      names = "--bounded",
      description = "Stop at the offsets that are the latest at start (backfills, tests).")
  boolean bounded;

  @Option(
      names = "--parallelism",
      paramLabel = "N",
      defaultValue = "2",
      description =
          "Tasks per operator on this machine, 1.."
              + MobiflowCommand.MAX_LOCAL_PARALLELISM
              + " (the local cluster's network buffers hold no more). Default ${DEFAULT-VALUE}.")
  int parallelism;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (parallelism < 1 || parallelism > MobiflowCommand.MAX_LOCAL_PARALLELISM) {
      throw new IllegalArgumentException(
          "--parallelism must be within 1.."
              + MobiflowCommand.MAX_LOCAL_PARALLELISM
              + " on one machine");
    }
    MobiflowConfig settings = config.load();
    Places places = PlacesLoader.load(settings);
    if (!ZoneFlowPipeline.topics(settings).isEmpty()) {
      KafkaPreflight.check(settings, ZoneFlowPipeline.topics(settings));
    }
    StreamExecutionEnvironment env = environment(parallelism);
    ZoneFlowPipeline.builder(settings)
        .places(places)
        .bounded(bounded || !settings.readsKafka())
        .build(env);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "Reading %s; writing %s%n",
        settings.readsKafka()
            ? settings.topics().raw().prefix() + "* on " + settings.kafka().bootstrapServers()
            : "the configured snapshots and files",
        writes(settings));
    out.flush();
    long snapshots = -1;
    if (!settings.readsKafka()) {
      List<SnapshotFile> files = ZoneFlowPipeline.replayFiles(settings.sources());
      snapshots =
          files.stream().filter(file -> ZoneFlowJob.FEED_KINDS.contains(file.kind())).count();
      checkKinds(files, settings, spec.commandLine().getErr());
    }
    JobExecutionResult result =
        new ReplayProgress(spec.commandLine().getErr(), snapshots)
            .follow(env.executeAsync("mobiflow run: zone flows"), Duration.ofSeconds(2));
    return RunSummary.of(result.getAllAccumulatorResults())
        .report(
            out,
            spec.commandLine().getErr(),
            settings.limits().maxRejectedShare(),
            settings.writesKafka()
                ? settings.topics().deadLetters()
                : settings.outputs().sideFiles().resolve("dead-letters").toString());
  }

  /**
   * Refuses input whose places are not configured (every record of it would be an unknown
   * reference), and says which snapshots of a snapshot directory the job does not read (reference
   * data, kinds it has no decoder for): they are not lost silently.
   */
  private static void checkKinds(
      List<SnapshotFile> files, MobiflowConfig settings, PrintWriter err) {
    for (SnapshotFile file : files) {
      String key = settings.missingPlaces(file.kind());
      if (key != null) {
        throw new IllegalArgumentException(
            settings.file()
                + ": key '"
                + key
                + "' is missing: it places the "
                + file.kind().name().toLowerCase(Locale.ROOT)
                + " records of "
                + file.path());
      }
    }
    Map<FeedKind, Long> skipped =
        files.stream()
            .filter(file -> !ZoneFlowJob.FEED_KINDS.contains(file.kind()))
            .collect(
                Collectors.groupingBy(
                    SnapshotFile::kind,
                    () -> new EnumMap<>(FeedKind.class),
                    Collectors.counting()));
    if (!skipped.isEmpty()) {
      err.println(
          "note: snapshots of kinds the job does not read are skipped: "
              + skipped.entrySet().stream()
                  .map(e -> e.getKey().name().toLowerCase(Locale.ROOT) + " (" + e.getValue() + ")")
                  .collect(Collectors.joining(", ")));
      err.flush();
    }
  }

  private static String writes(MobiflowConfig settings) {
    MobiflowConfig.Outputs outputs = settings.outputs();
    if (settings.writesKafka()) {
      return outputs.units().stream()
              .map(settings.topics()::flows)
              .collect(Collectors.joining(", "))
          + " and "
          + settings.topics().deadLetters()
          + ", exactly once";
    }
    List<String> parts = new ArrayList<>();
    if (outputs.jsonLines() != null) {
      parts.add(
          outputs.jsonLines()
              + "/{"
              + outputs.units().stream()
                  .map(unit -> unit.slug() + "-flows,")
                  .collect(Collectors.joining())
              + "dead-letters}/*.jsonl");
    }
    parts.add("the flow tables in " + FlowStores.open(outputs.flowTables()).describe());
    return String.join(" and ", parts);
  }

  /** The environment of a production command: records must serialize without Kryo. */
  static StreamExecutionEnvironment environment(int parallelism) {
    Configuration configuration = new Configuration();
    configuration.set(PipelineOptions.GENERIC_TYPES, false);
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(configuration);
    env.setParallelism(parallelism);
    return env;
  }
}
