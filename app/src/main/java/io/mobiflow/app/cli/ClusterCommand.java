package io.mobiflow.app.cli;

import io.mobiflow.app.cluster.ClusterException;
import io.mobiflow.app.cluster.ClusterJobs;
import io.mobiflow.app.cluster.SavepointCheck;
import io.mobiflow.jobs.config.MobiflowConfig;
import io.mobiflow.jobs.config.PlacesLoader;
import io.mobiflow.jobs.kafka.KafkaPreflight;
import io.mobiflow.jobs.run.ZoneFlowPipeline;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.client.JobStatusMessage;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mobiflow cluster}: the job on a Flink session cluster, through its JobManager's REST
 * address: submit the job jar with a configuration (from a savepoint too), list the jobs, stop one
 * with a savepoint. A JobManager that does not answer, and a savepoint that does not match the job,
 * are one line and a non-zero exit code.
 */
@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    description =
        "Runs the job on a Flink session cluster: submit, list, stop with a savepoint, resume.",
    subcommands = {
      ClusterCommand.Submit.class,
      ClusterCommand.ListJobs.class,
      ClusterCommand.Stop.class
    })
final class ClusterCommand implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterCommand.class);

  private static final String EXIT_CODES = "%nExit codes:%n";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** A cluster operation: its failure is one line on stderr, exit code 1, details in the log. */
  abstract static class Operation implements Callable<Integer> {

    @Option(
        names = "--rest",
        required = true,
        paramLabel = "URL",
        description = "The JobManager's REST address, e.g. http://jobmanager:8081.")
    String rest;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
      checkInput();
      try (ClusterJobs jobs = ClusterJobs.connect(rest)) {
        return run(jobs);
      } catch (ClusterException e) {
        LOG.error("{} failed", spec.qualifiedName(), e);
        spec.commandLine().getErr().println(spec.qualifiedName() + ": " + e.getMessage());
        return MobiflowCommand.FAILURE;
      }
    }

    /** Checks what needs no cluster (arguments, files); throws on bad input. */
    void checkInput() throws Exception {}

    abstract int run(ClusterJobs jobs) throws Exception;
  }

  @Command(
      name = "submit",
      mixinStandardHelpOptions = true,
      description =
          "Submits the job jar with a run configuration: the job graph is built here (the"
              + " configuration and Kafka are checked first), a savepoint to start from is checked"
              + " against it, then the jar and the graph go to the cluster. Prints the job's id."
              + " The configuration's files must be at the same path on every TaskManager.",
      exitCodeListHeading = EXIT_CODES,
      exitCodeList = {
        "0:submitted",
        "1:no JobManager answers, or it refused the job",
        "2:bad arguments or configuration, or the savepoint does not match the job"
      })
  static final class Submit extends Operation {

    @Mixin ConfigOption config;

    @Option(
        names = "--jar",
        paramLabel = "JOBJAR",
        description = "The job jar (default: jobs/target/mobiflow-jobs-*-job.jar of this build).")
    Path jar;

    @Option(
        names = "--parallelism",
        paramLabel = "N",
        description = "The job's parallelism (default: the cluster's parallelism.default).")
    Integer parallelism;

    @Option(
        names = "--from-savepoint",
        paramLabel = "PATH",
        description = "Start from this savepoint (as printed by 'cluster stop').")
    String savepoint;

    @Option(
        names = "--allow-non-restored-state",
        description = "Drop the savepoint's state of operators the job no longer has.")
    boolean allowNonRestoredState;

    @Option(
        names = "--bounded",
        description = "Stop at the raw topics' latest offsets at start (a backfill).")
    boolean bounded;

    @Override
    void checkInput() throws Exception {
      if (parallelism != null && parallelism < 1) {
        throw new IllegalArgumentException("--parallelism must be 1 or more");
      }
      if (allowNonRestoredState && savepoint == null) {
        throw new IllegalArgumentException("--allow-non-restored-state needs --from-savepoint");
      }
      if (jar != null && !Files.isRegularFile(jar)) {
        throw new IllegalArgumentException("no job jar at " + jar);
      }
      MobiflowConfig settings = config.load();
      PlacesLoader.load(settings);
      List<String> topics = ZoneFlowPipeline.topics(settings);
      if (!topics.isEmpty()) {
        KafkaPreflight.check(settings, topics);
      }
    }

    @Override
    int run(ClusterJobs jobs) throws Exception {
      List<String> arguments = new ArrayList<>(List.of("--config", absolute(config.file)));
      if (bounded) {
        arguments.add("--bounded");
      }
      String restorePath = savepoint == null ? null : location(savepoint);
      JobGraph graph =
          ClusterJobs.jobGraph(
              jar != null ? jar.toAbsolutePath() : defaultJobJar(),
              arguments,
              parallelism == null ? -1 : parallelism,
              restorePath == null
                  ? SavepointRestoreSettings.none()
                  : SavepointRestoreSettings.forPath(restorePath, allowNonRestoredState));
      if (restorePath != null && !allowNonRestoredState) {
        Optional<String> mismatch = SavepointCheck.mismatch(restorePath, graph);
        if (mismatch.isPresent()) {
          spec.commandLine().getErr().println(spec.qualifiedName() + ": " + mismatch.get());
          return MobiflowCommand.USAGE_ERROR;
        }
      }
      spec.commandLine().getOut().println(jobs.submit(graph));
      return 0;
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Lists the cluster's jobs, oldest first: id, state, start time (UTC) and name.",
      exitCodeListHeading = EXIT_CODES,
      exitCodeList = {"0:listed", "1:no JobManager answers", "2:bad arguments"})
  static final class ListJobs extends Operation {

    @Override
    int run(ClusterJobs jobs) throws Exception {
      List<JobStatusMessage> all =
          jobs.list().stream()
              .sorted(Comparator.comparing(JobStatusMessage::getStartTime))
              .toList();
      if (all.isEmpty()) {
        spec.commandLine().getOut().println("no jobs on " + jobs.restUrl());
      }
      for (JobStatusMessage job : all) {
        spec.commandLine()
            .getOut()
            .printf(
                "%s  %-11s  %s  %s%n",
                job.getJobId(),
                job.getJobState(),
                Instant.ofEpochMilli(job.getStartTime()),
                job.getJobName());
      }
      return 0;
    }
  }

  @Command(
      name = "stop",
      mixinStandardHelpOptions = true,
      description =
          "Stops a job with a savepoint, without draining (open windows stay in the savepoint),"
              + " and prints the savepoint's path, for 'cluster submit --from-savepoint'.",
      exitCodeListHeading = EXIT_CODES,
      exitCodeList = {
        "0:stopped; the savepoint's path is printed",
        "1:no JobManager answers, or the stop failed",
        "2:bad arguments"
      })
  static final class Stop extends Operation {

    @Parameters(paramLabel = "JOBID", description = "The job's id, as 'cluster list' shows it.")
    String job;

    @Option(
        names = "--savepoint-dir",
        required = true,
        paramLabel = "URL",
        description =
            "Where the savepoint goes: a directory path or URL (file://, s3://) that the"
                + " JobManager and every TaskManager can write.")
    String directory;

    private JobID id;

    @Override
    void checkInput() {
      try {
        id = JobID.fromHexString(job);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("not a job id: '" + job + "' (32 hex digits)");
      }
    }

    @Override
    int run(ClusterJobs jobs) throws Exception {
      spec.commandLine().getOut().println(jobs.stopWithSavepoint(id, location(directory)));
      return 0;
    }
  }

  /** A path as given, made absolute, or a URL (with a scheme) as it is. */
  static String location(String pathOrUrl) {
    try {
      if (new URI(pathOrUrl).getScheme() != null) {
        return pathOrUrl;
      }
    } catch (URISyntaxException e) {
      // a path
    }
    return absolute(Path.of(pathOrUrl));
  }

  private static String absolute(Path path) {
    return path.toAbsolutePath().normalize().toString();
  }

  /**
   * The job jar of this build: {@code jobs/target/mobiflow-jobs-*-job.jar} of the project that
   * holds this class (the launcher's {@code app/target}).
   */
  static Path defaultJobJar() throws IOException, URISyntaxException {
    Path here =
        Path.of(ClusterCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    for (Path dir = here; dir != null; dir = dir.getParent()) {
      Path target = dir.resolve("jobs/target");
      if (Files.isDirectory(target)) {
        try (Stream<Path> files = Files.list(target)) {
          List<Path> jars = files.filter(f -> f.toString().endsWith("-job.jar")).toList();
          if (jars.size() == 1) {
            return jars.get(0);
          }
        }
      }
    }
    throw new IllegalArgumentException(
        "no job jar in jobs/target: build it with 'mvn -B package -pl jobs -am -DskipTests',"
            + " or give --jar");
  }
}
