package io.mobiflow.app.cluster;

import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.PackagedProgram;
import org.apache.flink.client.program.PackagedProgramUtils;
import org.apache.flink.client.program.ProgramInvocationException;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.client.JobStatusMessage;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.util.ExceptionUtils;

/**
 * The jobs of a Flink session cluster, through Flink's own REST client ({@link RestClusterClient}):
 * submit a job graph, list the jobs, stop one with a savepoint. A JobManager that does not answer
 * is one {@link ClusterException} within {@link #CONNECT_TIMEOUT}, not retried for minutes. Also
 * builds the job graph of the job jar here, on the client ({@link #jobGraph}).
 */
public final class ClusterJobs implements AutoCloseable {

  /** How long a JobManager has to accept a connection. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** How long a request may take once connected (a stop waits for its savepoint). */
  private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(10);

  /** What the job graph's code takes from this JVM's class path rather than from the jar. */
  private static final List<String> SHARED_WITH_LAUNCHER =
      List.of("org.apache.kafka.", "org.sqlite.", "org.postgresql.");

  private final String restUrl;
  private final RestClusterClient<StandaloneClusterId> client;

  private ClusterJobs(String restUrl, RestClusterClient<StandaloneClusterId> client) {
    this.restUrl = restUrl;
    this.client = client;
  }

  /**
   * A client of the JobManager at {@code restUrl} ({@code http://host:port}), checked to answer.
   *
   * @throws IllegalArgumentException when the URL is not {@code http://host:port}
   * @throws ClusterException when no JobManager answers there
   */
  public static ClusterJobs connect(String restUrl) throws ClusterException {
    URI uri = restUri(restUrl);
    Configuration configuration = new Configuration();
    configuration.set(RestOptions.ADDRESS, uri.getHost());
    configuration.set(RestOptions.PORT, uri.getPort());
    configuration.set(RestOptions.CONNECTION_TIMEOUT, CONNECT_TIMEOUT);
    configuration.set(RestOptions.RETRY_MAX_ATTEMPTS, 0);
    String url = "http://" + uri.getHost() + ":" + uri.getPort();
    RestClusterClient<StandaloneClusterId> client;
    try {
      client = new RestClusterClient<>(configuration, StandaloneClusterId.getInstance());
    } catch (Exception e) {
      throw new ClusterException("cannot open a client of " + url + ": " + e.getMessage(), e);
    }
    ClusterJobs jobs = new ClusterJobs(url, client);
    try {
      jobs.await(client.getClusterOverview(), CONNECT_TIMEOUT.plusSeconds(5));
    } catch (ClusterException e) {
      jobs.close();
      throw e;
    }
    return jobs;
  }

  private static URI restUri(String restUrl) {
    try {
      URI uri = new URI(restUrl);
      if ("http".equals(uri.getScheme()) && uri.getHost() != null && uri.getPort() > 0) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // refused below
    }
    throw new IllegalArgumentException(
        "--rest takes the JobManager's REST address as http://host:port, not '" + restUrl + "'");
  }

  /** The JobManager's REST address, {@code http://host:port}. */
  public String restUrl() {
    return restUrl;
  }

  /**
   * The job graph of the job jar's entry point run with {@code arguments}, built here as {@code
   * flink run} builds it: the entry point runs in this JVM in the jar's own class loader, so
   * configuration errors show before anything is submitted.
   *
   * @param parallelism the job's default parallelism, or -1 for the cluster's
   * @param restore the savepoint to start from, or {@link SavepointRestoreSettings#none()}
   */
  public static JobGraph jobGraph(
      Path jar, List<String> arguments, int parallelism, SavepointRestoreSettings restore)
      throws ClusterException {
    // Flink loads its own packages parent-first, the Kafka connector among them, and in this JVM
    // the connector is on the class path: the Kafka client it speaks to must come from there too
    // (a loader constraint violation otherwise). The JDBC drivers likewise: DriverManager, here,
    // refuses a driver class of the jar's loader when it registered the class path's. On a
    // cluster all of them are the jar's.
    Configuration loading = new Configuration();
    loading.set(CoreOptions.ALWAYS_PARENT_FIRST_LOADER_PATTERNS_ADDITIONAL, SHARED_WITH_LAUNCHER);
    try (PackagedProgram program =
        PackagedProgram.newBuilder()
            .setConfiguration(loading)
            .setJarFile(jar.toFile())
            .setArguments(arguments.toArray(String[]::new))
            .setSavepointRestoreSettings(restore)
            .build()) {
      return PackagedProgramUtils.createJobGraph(program, new Configuration(), parallelism, false);
    } catch (ProgramInvocationException e) {
      throw new ClusterException(
          "the job jar " + jar + " did not build the job: " + firstLine(rootCause(e)), e);
    }
  }

  /** Submits the job graph (its jar is uploaded with it) and returns the job's id. */
  public JobID submit(JobGraph job) throws ClusterException {
    return await(client.submitJob(job), REQUEST_TIMEOUT);
  }

  /** The cluster's jobs: running, finished, failed and cancelled, as the JobManager keeps them. */
  public Collection<JobStatusMessage> list() throws ClusterException {
    return await(client.listJobs(), REQUEST_TIMEOUT);
  }

  /** The job's status now. */
  public JobStatus status(JobID job) throws ClusterException {
    return await(client.getJobStatus(job), REQUEST_TIMEOUT);
  }

  /**
   * Stops the job with a savepoint in {@code directory} (a path or URL the JobManager and the
   * TaskManagers can write), without draining: open windows stay in the savepoint and continue
   * where the job is resumed. Returns the savepoint's path.
   */
  public String stopWithSavepoint(JobID job, String directory) throws ClusterException {
    return await(
        client.stopWithSavepoint(job, false, directory, SavepointFormatType.CANONICAL),
        REQUEST_TIMEOUT);
  }

  private <T> T await(CompletableFuture<T> future, Duration timeout) throws ClusterException {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClusterException("interrupted while waiting for " + restUrl, e);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new ClusterException(
          "no JobManager answers at " + restUrl + " (no answer in " + timeout.toSeconds() + " s)",
          e);
    } catch (ExecutionException e) {
      throw failure(e.getCause());
    }
  }

  private ClusterException failure(Throwable failure) {
    var connect = ExceptionUtils.findThrowable(failure, ConnectException.class);
    if (connect.isPresent()) {
      // Netty's connect timeout is a ConnectException too.
      boolean timedOut = connect.get().getClass().getSimpleName().contains("Timeout");
      return new ClusterException(
          "no JobManager answers at "
              + restUrl
              + (timedOut
                  ? " (no connection in " + CONNECT_TIMEOUT.toSeconds() + " s)"
                  : " (connection refused)"),
          failure);
    }
    return new ClusterException(
        "the JobManager at " + restUrl + " refused: " + firstLine(rootCause(failure)), failure);
  }

  private static Throwable rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }

  private static String firstLine(Throwable e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    return message.lines().findFirst().orElse(e.getClass().getSimpleName());
  }

  @Override
  public void close() {
    client.close();
  }
}
