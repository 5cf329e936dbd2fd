package io.mobiflow.app.serve;

import io.mobiflow.jobs.config.MobiflowConfig;
import io.mobiflow.jobs.kafka.KafkaPreflight;
import io.mobiflow.jobs.store.FlowStore;
import io.mobiflow.jobs.store.FlowStores;
import io.mobiflow.jobs.store.FlowTables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code mobiflow serve} serves, and the followers that keep it current: the suggestions (from
 * the Kafka topic, or a run's JSON lines) and the indicators (from the flow tables), each read
 * every second; the {@link TravellerApi} over them.
 */
public final class TravellerService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TravellerService.class);

  private final Events events = new Events();
  private final SuggestionBoard suggestions;
  private final FlowBoard flows;
  private final List<AutoCloseable> followers = new ArrayList<>();
  private final ScheduledExecutorService polling =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "mobiflow-serve-follow");
            thread.setDaemon(true);
            return thread;
          });
  private final List<SourceHealth> sources = new ArrayList<>();

  private TravellerService(Instant clock, FlowStore store) throws IOException {
    this.suggestions = new SuggestionBoard(clock, events);
    this.flows = store == null ? null : new FlowBoard(store, events);
    if (flows != null) {
      SourceHealth health =
          new SourceHealth("indicators", "indicators from " + store.describe(), flows::newestWrite);
      flows.poll();
      health.read(Instant.now());
      follow(flows::poll, health);
    }
  }

  /**
   * A run's output folder (the demo's {@code out/}): {@code suggestions/} and {@code flows.gpkg},
   * each if present; or a folder of suggestion JSON lines.
   */
  public static TravellerService fromDirectory(Path directory, Instant clock) throws IOException {
    if (!Files.isDirectory(directory)) {
      throw new IOException("no such directory: " + directory);
    }
    Path gpkg = directory.resolve("flows.gpkg");
    TravellerService service =
        new TravellerService(
            clock,
            Files.exists(gpkg) ? FlowStores.open(new FlowTables.GeoPackageFile(gpkg)) : null);
    service.followFiles(directory);
    return service;
  }

  /**
   * What a run configuration writes: the flow-table store if one is configured, and the suggestions
   * topic (Kafka outputs) or the suggestion JSON lines.
   */
  public static TravellerService fromConfig(MobiflowConfig config, Instant clock)
      throws IOException {
    MobiflowConfig.Outputs outputs = config.outputs();
    TravellerService service =
        new TravellerService(
            clock, outputs.flowTables() == null ? null : FlowStores.open(outputs.flowTables()));
    if (config.writesKafka()) {
      KafkaPreflight.check(config, List.of(config.topics().suggestions()));
      SourceHealth health =
          new SourceHealth(
              "suggestions",
              "suggestions from "
                  + config.topics().suggestions()
                  + " on "
                  + config.kafka().bootstrapServers(),
              null);
      SuggestionTopicReader reader = new SuggestionTopicReader(config, service.suggestions, health);
      Thread thread = new Thread(reader, "mobiflow-serve-topic");
      thread.setDaemon(true);
      thread.start();
      service.followers.add(reader);
      service.sources.add(health);
    } else {
      Path files = outputs.sideFiles();
      if (files != null && config.suggestions() != null) {
        Files.createDirectories(files.resolve("suggestions")); // the run writes there
        service.followFiles(files);
      }
    }
    return service;
  }

  private void followFiles(Path directory) throws IOException {
    if (!Files.isDirectory(directory.resolve("suggestions")) && flows != null) {
      return; // a run's folder without suggestions
    }
    SuggestionFiles files = new SuggestionFiles(directory, suggestions);
    SourceHealth health = new SourceHealth("suggestions", "suggestions from " + directory, null);
    files.poll();
    health.read(Instant.now());
    follow(files::poll, health);
  }

  private interface Poll {
    int poll() throws IOException;
  }

  private void follow(Poll poll, SourceHealth health) {
    sources.add(health);
    polling.scheduleWithFixedDelay(
        () -> {
          try {
            poll.poll();
            health.read(Instant.now());
          } catch (IOException | RuntimeException e) {
            health.failed(e.getMessage());
            LOG.warn("serve: cannot follow {}: {}", health.name(), e.getMessage());
          }
        },
        1,
        1,
        TimeUnit.SECONDS);
  }

  /** Starts the API as {@code settings} say. */
  public TravellerApi start(ApiSettings settings) throws IOException {
    TravellerApi api = new TravellerApi(suggestions, flows, events, sources, settings);
    followers.add(api);
    return api;
  }

  /** What is served, for the command's first lines. */
  public List<String> sources() {
    return sources.stream().map(SourceHealth::name).toList();
  }

  @Override
  public void close() throws Exception {
    polling.shutdownNow();
    for (AutoCloseable follower : followers) {
      follower.close();
    }
  }
}
