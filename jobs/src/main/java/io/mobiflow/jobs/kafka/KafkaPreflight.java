package io.mobiflow.jobs.kafka;

import io.mobiflow.jobs.config.ConfigException;
import io.mobiflow.jobs.config.MobiflowConfig;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;

/**
 * Checks, before a job is submitted, that the brokers answer within the configured time, accept the
 * client's TLS and SASL settings, and hold the topics the job needs, so that a wrong address,
 * password or truststore, or a missing topic, is one clear message rather than a job that waits
 * forever or fails with a stack trace.
 */
public final class KafkaPreflight {

  private KafkaPreflight() {}

  /**
   * @throws IOException when the brokers do not answer in time, or refuse the TLS handshake or the
   *     credentials (the message says which and names the properties to check)
   * @throws ConfigException when the client refuses {@code kafka.properties}, or topics are missing
   *     (naming them and the configuration file)
   */
  public static void check(MobiflowConfig config, Collection<String> topics) throws IOException {
    Set<String> existing =
        ask(
            config,
            (admin, timeoutMs) -> {
              admin.describeCluster().nodes().get(timeoutMs, TimeUnit.MILLISECONDS);
              return admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS);
            });
    Set<String> missing = new TreeSet<>(topics);
    missing.removeAll(existing);
    if (!missing.isEmpty()) {
      throw new ConfigException(
          config.file()
              + ": key 'topics': missing on "
              + config.kafka().bootstrapServers()
              + ": "
              + missing
              + " (create them first; see docs/topics.md)");
    }
  }

  /**
   * The partitions of {@code topics} together: how many splits a Kafka source reading them has.
   *
   * @throws IOException as {@link #check} does, and when a topic does not exist
   */
  public static int partitions(MobiflowConfig config, Collection<String> topics)
      throws IOException {
    Map<String, TopicDescription> described =
        ask(
            config,
            (admin, timeoutMs) ->
                admin.describeTopics(topics).allTopicNames().get(timeoutMs, TimeUnit.MILLISECONDS));
    return described.values().stream().mapToInt(topic -> topic.partitions().size()).sum();
  }

  /** A question to the brokers through an admin client, answered within {@code timeoutMs}. */
  private interface Question<T> {
    T ask(Admin admin, long timeoutMs)
        throws ExecutionException, TimeoutException, InterruptedException;
  }

  /** Asks the brokers with the configured client settings; failures as {@link #check} says. */
  private static <T> T ask(MobiflowConfig config, Question<T> question) throws IOException {
    Properties properties = config.kafka().clientProperties();
    long timeoutMs = config.kafka().connectTimeout().toMillis();
    properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeoutMs, 30_000));
    properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeoutMs);
    try (Admin admin = create(config, properties)) {
      return question.ask(admin, timeoutMs);
    } catch (ExecutionException e) {
      throw refused(config, e.getCause());
    } catch (TimeoutException e) {
      throw unreachable(config);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while connecting to Kafka");
    }
  }

  private static Admin create(MobiflowConfig config, Properties properties) throws ConfigException {
    try {
      return Admin.create(properties);
    } catch (KafkaException e) {
      throw new ConfigException(
          config.file()
              + ": key 'kafka': the Kafka client refuses the settings: "
              + innermostMessage(e));
    }
  }

  /** The TLS handshake or the SASL login failed, the brokers did not answer, or said no. */
  private static IOException refused(MobiflowConfig config, Throwable cause) {
    String brokers = config.kafka().bootstrapServers();
    if (cause instanceof SslAuthenticationException) {
      return new IOException(
          "the TLS handshake with Kafka at "
              + brokers
              + " failed: "
              + innermostMessage(cause)
              + " (check kafka.properties security.protocol and ssl.truststore.* in "
              + config.file()
              + ")");
    }
    if (cause instanceof AuthenticationException) {
      return new IOException(
          "Kafka at "
              + brokers
              + " refused the credentials: "
              + cause.getMessage()
              + " (check kafka.properties sasl.mechanism and sasl.jaas.config in "
              + config.file()
              + ")");
    }
    if (cause instanceof org.apache.kafka.common.errors.TimeoutException || cause == null) {
      return unreachable(config);
    }
    return new IOException(
        "Kafka at "
            + brokers
            + " answered: "
            + innermostMessage(cause)
            + " ("
            + config.file()
            + ")");
  }

  private static IOException unreachable(MobiflowConfig config) {
    return new IOException(
        "cannot reach Kafka at "
            + config.kafka().bootstrapServers()
            + " within "
            + config.kafka().connectTimeout().toSeconds()
            + " s (kafka.bootstrap_servers, or kafka.properties security.protocol when the brokers"
            + " want TLS or SASL, in "
            + config.file()
            + ")");
  }

  /** The message of the innermost cause that has one: the TLS or configuration detail. */
  private static String innermostMessage(Throwable e) {
    String message = e.getMessage();
    for (Throwable cause = e.getCause(); cause != null && cause != e; cause = cause.getCause()) {
      if (cause.getMessage() != null) {
        message = cause.getMessage();
      }
      e = cause;
    }
    return message == null ? e.getClass().getSimpleName() : message;
  }
}
