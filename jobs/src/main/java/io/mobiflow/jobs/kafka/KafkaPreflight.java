package io.mobiflow.jobs.kafka;

import io.mobiflow.jobs.config.ConfigException;
import io.mobiflow.jobs.config.MobiflowConfig;
import java.io.IOException;
import java.util.Collection;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Checks, before a job is submitted, that the brokers answer within the configured time and that
 * the topics the job needs exist, so that a wrong address or a missing topic is one clear message
 * rather than a job that waits forever.
 */
public final class KafkaPreflight {

  private KafkaPreflight() {}

  /**
   * @throws IOException when the brokers do not answer in time (the message says so)
   * @throws ConfigException when topics are missing (naming them and the configuration file)
   */
  public static void check(MobiflowConfig config, Collection<String> topics) throws IOException {
    Properties properties = config.kafka().clientProperties();
    long timeoutMs = config.kafka().connectTimeout().toMillis();
    properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeoutMs, 30_000));
    properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeoutMs);
    Set<String> existing;
    try (Admin admin = Admin.create(properties)) {
      admin.describeCluster().nodes().get(timeoutMs, TimeUnit.MILLISECONDS);
      existing = admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      throw new IOException(
          "cannot reach Kafka at "
              + config.kafka().bootstrapServers()
              + " within "
              + config.kafka().connectTimeout().toSeconds()
              + " s (kafka.bootstrap_servers in "
              + config.file()
              + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while connecting to Kafka");
    }
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
}
