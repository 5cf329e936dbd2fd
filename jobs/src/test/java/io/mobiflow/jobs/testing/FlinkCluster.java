package io.mobiflow.jobs.testing;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.rest.messages.EmptyMessageParameters;
import org.apache.flink.runtime.rest.messages.EmptyRequestBody;
import org.apache.flink.runtime.rest.messages.JobMessageParameters;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointingStatistics;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointingStatisticsHeaders;
import org.apache.flink.runtime.rest.messages.job.JobDetailsInfo;
import org.apache.flink.runtime.rest.messages.taskmanager.TaskManagerInfo;
import org.apache.flink.runtime.rest.messages.taskmanager.TaskManagersHeaders;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real standalone Flink session cluster for integration tests: a JobManager and TaskManagers,
 * each a separate JVM on loopback and free ports, started from the class path a Flink distribution
 * holds ({@code testing/flink-cluster} resolves it from Maven Central; system property {@code
 * mobiflow.flink.cluster.classpath}). A job jar reaches the cluster only by submission, as on a
 * user's cluster. No mocks, no Docker.
 *
 * <p>Every process runs Flink's Prometheus reporter on a port of its own ({@link
 * #jobManagerMetrics()}, {@link TaskManager#metrics()}; the reporter binds every interface, it has
 * no host setting: tests scrape it on loopback).
 *
 * <p>Its folder ({@link #dir()}, under {@code target/}) holds {@code conf/config.yaml}, a log per
 * process and the processes' pids. The TaskManagers have 2 slots each and a 1 GB process size, the
 * JobManager 768 MB; heartbeats every second and a 4 s timeout, so a killed TaskManager is noticed
 * in seconds; restarts with a fixed delay. Every process is stopped and the folder removed after
 * the test class (SIGTERM, SIGKILL after 10 s), or by a shutdown hook if the test JVM exits first.
 *
 * <pre>{@code
 * @RegisterExtension static final FlinkCluster cluster = new FlinkCluster();
 * ...
 * cluster.client().submitJob(jobGraph).get();
 * cluster.kill(cluster.taskManagers().get(0));
 * cluster.startTaskManager();
 * }</pre>
 */
public final class FlinkCluster implements BeforeAllCallback, AfterAllCallback {

  /** The slots of every TaskManager. */
  public static final int SLOTS_PER_TASK_MANAGER = 2;

  /** Generous: on two cores shared with other builds, a start was seen to take 90 s. */
  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

  private static final Duration STOP_GRACE = Duration.ofSeconds(10);
  private static final String METRICS_PORT = "metrics.reporter.prom.port";
  private static final String LOG4J =
      """
      rootLogger.level = INFO
      rootLogger.appenderRef.file.ref = FileAppender
      appender.file.name = FileAppender
      appender.file.type = File
      appender.file.fileName = ${sys:log.file}
      appender.file.layout.type = PatternLayout
      appender.file.layout.pattern = %d{HH:mm:ss,SSS} %-5p %c{1.} - %m%n
      """;

  private final int initialTaskManagers;
  private final Map<String, String> settings = new LinkedHashMap<>();
  private final List<TaskManager> taskManagers = new ArrayList<>();
  private final List<Process> processes = new ArrayList<>();
  private Thread shutdownHook;
  private String classpath;
  private Path dir;
  private Process jobManager;
  private int restPort;
  private int jobManagerMetricsPort;
  private List<String> taskManagerJvmOptions;
  private List<String> taskManagerProperties;
  private RestClusterClient<StandaloneClusterId> client;

  /** A JobManager and two TaskManagers (4 slots). */
  public FlinkCluster() {
    this(2);
  }

  /** A JobManager and {@code taskManagers} TaskManagers. */
  public FlinkCluster(int taskManagers) {
    this.initialTaskManagers = taskManagers;
  }

  /**
   * Adds or overrides one entry of the cluster's {@code config.yaml} (before it starts), e.g.
   * {@code with("taskmanager.memory.process.size", "1536m")}.
   */
  public FlinkCluster with(String key, String value) {
    settings.put(key, value);
    return this;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  /**
   * Starts the JobManager and the initial TaskManagers and waits until all of them are registered.
   * On failure, stops what was started and throws with the tails of the logs.
   */
  public void start() throws Exception {
    String classpathFile = System.getProperty("mobiflow.flink.cluster.classpath");
    if (classpathFile == null || !Files.exists(Path.of(classpathFile))) {
      throw new IllegalStateException(
          "no Flink class path at " + classpathFile + ": build testing/flink-cluster first");
    }
    classpath = Files.readString(Path.of(classpathFile)).strip();
    Files.createDirectories(Path.of("target"));
    dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "flink-cluster-");
    shutdownHook = new Thread(this::destroyAll, "flink-cluster-cleanup");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    try {
      startJobManager();
      ResourceParams params = resourceParams("GET_TM_RESOURCE_PARAMS");
      taskManagerJvmOptions = params.jvmOptions();
      taskManagerProperties = params.dynamicProperties();
      if (!awaitJobManager()) {
        if (!lostPortRace()) {
          throw new IllegalStateException("the JobManager exited");
        }
        startJobManager(); // once more, on other free ports
        if (!awaitJobManager()) {
          throw new IllegalStateException("the JobManager exited");
        }
      }
      for (int i = 0; i < initialTaskManagers; i++) {
        startTaskManager();
      }
      awaitInfos(
          initialTaskManagers + " TaskManagers",
          infos -> {
            if (taskManagers.stream().anyMatch(t -> !t.process().isAlive())) {
              throw new IllegalStateException("a TaskManager exited");
            }
            return infos.size() == initialTaskManagers;
          });
    } catch (Exception | AssertionError e) {
      String logs = logTails();
      stop();
      throw new IllegalStateException("Flink cluster did not start: " + e.getMessage() + logs, e);
    }
  }

  /** Stops the TaskManagers, then the JobManager, and removes the folder; safe to call twice. */
  public void stop() {
    closeClient();
    destroyAll();
    if (shutdownHook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs anyway
      }
      shutdownHook = null;
    }
  }

  private synchronized void closeClient() {
    if (client != null) {
      client.close();
      client = null;
    }
  }

  private synchronized void destroyAll() {
    List<Process> taskManagerProcesses = processes.stream().filter(p -> p != jobManager).toList();
    terminate(taskManagerProcesses);
    if (jobManager != null) {
      terminate(List.of(jobManager));
    }
    if (dir != null && processes.stream().noneMatch(Process::isAlive)) {
      deleteRecursively(dir);
      dir = null;
    }
  }

  /** SIGTERM to each, then SIGKILL to those still alive after {@link #STOP_GRACE}. */
  private static void terminate(List<Process> group) {
    group.forEach(Process::destroy);
    long deadline = System.nanoTime() + STOP_GRACE.toNanos();
    for (Process process : group) {
      try {
        long left = Math.max(0, deadline - System.nanoTime());
        if (!process.waitFor(left, TimeUnit.NANOSECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  private void startJobManager() throws Exception {
    Path conf = Files.createDirectories(dir.resolve("conf"));
    Files.writeString(conf.resolve("log4j.properties"), LOG4J);
    restPort = freePort();
    writeConfig(conf, freePort());
    ResourceParams params = resourceParams("GET_JM_RESOURCE_PARAMS");
    Path tmp = Files.createDirectories(dir.resolve("tmp/jobmanager"));
    List<String> command = java("jobmanager", params.jvmOptions());
    command.add("org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint");
    command.addAll(List.of("--configDir", conf.toString()));
    command.addAll(params.dynamicProperties());
    command.addAll(List.of("-D", "io.tmp.dirs=" + tmp, "-D", "web.tmpdir=" + tmp));
    jobManagerMetricsPort = freePort();
    command.addAll(List.of("-D", METRICS_PORT + "=" + jobManagerMetricsPort));
    jobManager = launch("jobmanager", command);
  }

  /** True when the JobManager exited because one of its free ports was taken meanwhile. */
  private boolean lostPortRace() throws IOException {
    Path log = dir.resolve("jobmanager.log");
    if (!Files.exists(log) || !Files.readString(log).contains("BindException")) {
      return false;
    }
    processes.remove(jobManager);
    Files.move(log, dir.resolve("jobmanager-port-race.log"));
    closeClient();
    return true;
  }

  private void writeConfig(Path conf, int rpcPort) throws IOException {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("jobmanager.rpc.address", "127.0.0.1");
    config.put("jobmanager.bind-host", "127.0.0.1");
    config.put("jobmanager.rpc.port", String.valueOf(rpcPort));
    config.put("jobmanager.memory.process.size", "768m");
    config.put("rest.address", "127.0.0.1");
    config.put("rest.bind-address", "127.0.0.1");
    config.put("rest.port", String.valueOf(restPort));
    config.put("taskmanager.host", "127.0.0.1");
    config.put("taskmanager.bind-host", "127.0.0.1");
    config.put("taskmanager.rpc.port", "0");
    config.put("taskmanager.data.port", "0");
    config.put("taskmanager.numberOfTaskSlots", String.valueOf(SLOTS_PER_TASK_MANAGER));
    // 1 GB: of Flink's defaults, a metaspace of 256 MB, an overhead of 192 MB and 40 % managed
    // memory leave 26 MB of task heap; these leave 237 MB and RocksDB 141 MB of managed memory.
    config.put("taskmanager.memory.process.size", "1g");
    config.put("taskmanager.memory.jvm-metaspace.size", "192m");
    config.put("taskmanager.memory.jvm-overhead.min", "128m");
    config.put("taskmanager.memory.managed.fraction", "0.2");
    config.put("heartbeat.interval", "1 s");
    config.put("heartbeat.timeout", "4 s");
    config.put("restart-strategy.type", "fixed-delay");
    config.put("restart-strategy.fixed-delay.attempts", "20");
    config.put("restart-strategy.fixed-delay.delay", "500 ms");
    config.put(
        "metrics.reporter.prom.factory.class",
        "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
    config.putAll(settings);
    String yaml =
        config.entrySet().stream()
            .map(e -> e.getKey() + ": " + e.getValue())
            .collect(Collectors.joining("\n", "", "\n"));
    Files.writeString(conf.resolve("config.yaml"), yaml);
  }

  /** The JVM options and dynamic properties Flink's scripts compute for a process. */
  private record ResourceParams(List<String> jvmOptions, List<String> dynamicProperties) {}

  /** Runs Flink's {@code BashJavaUtils} as its start scripts do and reads its two result lines. */
  private ResourceParams resourceParams(String command) throws Exception {
    Path output = dir.resolve(command.toLowerCase() + ".out");
    Process process =
        new ProcessBuilder(
                javaBinary(),
                "-cp",
                classpath,
                "org.apache.flink.runtime.util.bash.BashJavaUtils",
                command,
                "--configDir",
                dir.resolve("conf").toString())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException(command + " failed: " + tail(output, 10));
    }
    String prefix = "BASH_JAVA_UTILS_EXEC_RESULT:";
    List<String> results =
        Files.readAllLines(output).stream()
            .filter(line -> line.startsWith(prefix))
            .map(line -> line.substring(prefix.length()).strip())
            .toList();
    if (results.size() < 2) {
      throw new IllegalStateException(command + " gave no result: " + tail(output, 10));
    }
    return new ResourceParams(
        List.of(results.get(0).split("\\s+")), dynamicProperties(results.get(1)));
  }

  /** "-D a=1 -D b=2" as the arguments {@code -D}, {@code a=1}, {@code -D}, {@code b=2}. */
  private static List<String> dynamicProperties(String line) {
    return Stream.of(line.split("\\s+")).filter(Predicate.not(String::isEmpty)).toList();
  }

  /**
   * Starts one more TaskManager ({@code taskmanager-<n>}, also its resource id) and returns at
   * once; {@link #awaitTaskManagers} waits for its registration.
   */
  public synchronized TaskManager startTaskManager() throws IOException {
    String name = "taskmanager-" + (taskManagers.size() + 1);
    Path tmp = Files.createDirectories(dir.resolve("tmp").resolve(name));
    List<String> command = java(name, taskManagerJvmOptions);
    command.add("org.apache.flink.runtime.taskexecutor.TaskManagerRunner");
    command.addAll(List.of("--configDir", dir.resolve("conf").toString()));
    command.addAll(taskManagerProperties);
    command.addAll(List.of("-D", "taskmanager.resource-id=" + name));
    command.addAll(List.of("-D", "io.tmp.dirs=" + tmp));
    int metricsPort = freePort();
    command.addAll(List.of("-D", METRICS_PORT + "=" + metricsPort));
    TaskManager taskManager =
        new TaskManager(name, launch(name, command), dir.resolve(name + ".log"), metricsPort);
    taskManagers.add(taskManager);
    return taskManager;
  }

  /** Kills a TaskManager with SIGKILL to its own pid (no shutdown) and waits for it to end. */
  public void kill(TaskManager taskManager) throws InterruptedException {
    taskManager.process().destroyForcibly(); // SIGKILL to process.pid() on Unix
    if (!taskManager.process().waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException(taskManager.name() + " still alive after SIGKILL");
    }
  }

  private List<String> java(String name, List<String> jvmOptions) {
    List<String> command = new ArrayList<>();
    command.add(javaBinary());
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(option -> option.startsWith("--add-opens"))
        .forEach(command::add);
    command.addAll(jvmOptions);
    command.add("-Dlog.file=" + dir.resolve(name + ".log"));
    command.add("-Dlog4j.configurationFile=" + dir.resolve("conf/log4j.properties").toUri());
    command.addAll(List.of("-cp", classpath));
    return command;
  }

  private synchronized Process launch(String name, List<String> command) throws IOException {
    Process process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(name + ".out").toFile())
            .start();
    processes.add(process);
    Files.writeString(
        dir.resolve("pids.txt"),
        name + " " + process.pid() + "\n",
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    return process;
  }

  /** Waits for the JobManager's REST endpoint; false if the JobManager exited. */
  private boolean awaitJobManager() throws Exception {
    try {
      awaitInfos("REST endpoint of the JobManager", infos -> true);
      return true;
    } catch (IllegalStateException e) {
      if (jobManager.isAlive()) {
        throw e;
      }
      return false;
    }
  }

  /** Waits until exactly {@code count} TaskManagers are registered (a killed one must be gone). */
  public void awaitTaskManagers(int count) throws Exception {
    awaitInfos(count + " TaskManagers", infos -> infos.size() == count);
  }

  /** Waits until the registered TaskManagers offer exactly {@code count} slots in all. */
  public void awaitSlots(int count) throws Exception {
    awaitInfos(
        count + " slots",
        infos -> infos.stream().mapToInt(TaskManagerInfo::getNumberSlots).sum() == count);
  }

  private void awaitInfos(String what, Predicate<Collection<TaskManagerInfo>> done)
      throws Exception {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      if (!jobManager.isAlive()) {
        throw new IllegalStateException("the JobManager exited" + logTails());
      }
      Collection<TaskManagerInfo> infos;
      try {
        infos = taskManagerInfos();
      } catch (Exception e) {
        last = e;
        Thread.sleep(200);
        continue;
      }
      if (done.test(infos)) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("no " + what + " after " + START_TIMEOUT + logTails(), last);
  }

  /** The TaskManagers the JobManager knows now (REST {@code /taskmanagers}). */
  public Collection<TaskManagerInfo> taskManagerInfos() throws Exception {
    return client()
        .sendRequest(
            TaskManagersHeaders.getInstance(),
            EmptyMessageParameters.getInstance(),
            EmptyRequestBody.getInstance())
        .get(10, TimeUnit.SECONDS)
        .getTaskManagerInfos();
  }

  /**
   * Waits until the job is RUNNING with every task running (a job can be RUNNING while its tasks
   * are still deploying; a stop with a savepoint needs them all running).
   */
  public void awaitAllTasksRunning(JobID job) throws Exception {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    JobDetailsInfo details = null;
    while (System.nanoTime() < deadline) {
      details = client().getJobDetails(job).get(10, TimeUnit.SECONDS);
      if (details.getJobStatus().isGloballyTerminalState()) {
        throw new IllegalStateException("job " + job + " ended: " + details.getJobStatus());
      }
      if (details.getJobStatus() == JobStatus.RUNNING
          && details.getJobVertexInfos().stream()
              .allMatch(vertex -> vertex.getExecutionState() == ExecutionState.RUNNING)) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(
        "job "
            + job
            + " not running after "
            + START_TIMEOUT
            + ": "
            + details.getJobVerticesPerState());
  }

  /** The job's checkpoint statistics now (REST {@code /jobs/:id/checkpoints}). */
  public CheckpointingStatistics checkpoints(JobID job) throws Exception {
    JobMessageParameters parameters =
        CheckpointingStatisticsHeaders.getInstance().getUnresolvedMessageParameters();
    parameters.jobPathParameter.resolve(job);
    return client()
        .sendRequest(
            CheckpointingStatisticsHeaders.getInstance(),
            parameters,
            EmptyRequestBody.getInstance())
        .get(10, TimeUnit.SECONDS);
  }

  /** The JobManager's REST address, e.g. {@code http://127.0.0.1:41234}. */
  public String restAddress() {
    return "http://127.0.0.1:" + restPort;
  }

  /** A client of the cluster (Flink's own), closed when the cluster stops. */
  public synchronized RestClusterClient<StandaloneClusterId> client() throws Exception {
    if (client == null) {
      Configuration configuration = new Configuration();
      configuration.set(RestOptions.ADDRESS, "127.0.0.1");
      configuration.set(RestOptions.PORT, restPort);
      client = new RestClusterClient<>(configuration, StandaloneClusterId.getInstance());
    }
    return client;
  }

  /** Every TaskManager started, in order, the killed ones included. */
  public synchronized List<TaskManager> taskManagers() {
    return List.copyOf(taskManagers);
  }

  /** The JobManager's Prometheus endpoint, e.g. {@code http://127.0.0.1:41235/metrics}. */
  public URI jobManagerMetrics() {
    return metricsUri(jobManagerMetricsPort);
  }

  private static URI metricsUri(int port) {
    return URI.create("http://127.0.0.1:" + port + "/metrics");
  }

  /** The JobManager's process. */
  public Process jobManager() {
    return jobManager;
  }

  /** The cluster's folder (config, logs, pids), under {@code target/}; null once stopped. */
  public Path dir() {
    return dir;
  }

  /**
   * One TaskManager: its name (also its resource id), its process, its log and the port of its
   * Prometheus reporter.
   */
  public record TaskManager(String name, Process process, Path log, int metricsPort) {
    /** The process id. */
    public long pid() {
      return process.pid();
    }

    /** Its Prometheus endpoint, e.g. {@code http://127.0.0.1:41236/metrics}. */
    public URI metrics() {
      return metricsUri(metricsPort);
    }
  }

  /** The last lines of every process's log and output, to explain a failure. */
  public String logTails() {
    if (dir == null) {
      return "";
    }
    StringBuilder tails = new StringBuilder();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file :
          files
              .filter(f -> f.toString().endsWith(".log") || f.toString().endsWith(".out"))
              .sorted()
              .toList()) {
        tails.append("\n--- ").append(file.getFileName()).append('\n').append(tail(file, 20));
      }
    } catch (IOException e) {
      tails.append("\n(no logs: ").append(e.getMessage()).append(')');
    }
    return tails.toString();
  }

  private static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static void deleteRecursively(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new IllegalStateException("could not remove " + root, e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
