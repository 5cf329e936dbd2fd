package io.mobiflow.jobs.cli;

import io.mobiflow.jobs.config.ConfigLoader;
import io.mobiflow.jobs.config.MobiflowConfig;
import io.mobiflow.jobs.kafka.KafkaPreflight;
import io.mobiflow.jobs.serve.SuggestionBoard;
import io.mobiflow.jobs.serve.SuggestionFiles;
import io.mobiflow.jobs.serve.SuggestionTopicReader;
import io.mobiflow.jobs.serve.TravellerApi;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mobiflow serve}: the traveller-information API over the published suggestions. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description =
        "Serves the suggestions a run published, read-only over HTTP: a GTFS-Realtime Alerts"
            + " feed (/gtfs-rt/alerts.pb) and JSON (/suggestions). Reads them from the"
            + " suggestions topic (--config) or a run's JSON lines (--from), and follows new ones.")
final class ServeCommand implements Callable<Integer> {

  @Option(
      names = "--from",
      paramLabel = "DIR",
      description =
          "A run's output folder (with suggestions/) or a folder of suggestion JSON lines.")
  Path from;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "The YAML configuration whose Kafka suggestions topic to follow.")
  Path config;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "Address to listen on; default ${DEFAULT-VALUE}.")
  String host;

  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "Port to listen on (0: any free one); default ${DEFAULT-VALUE}.")
  int port;

  @Option(
      names = "--at",
      paramLabel = "TIME",
      description =
          "Serve the suggestions as they stood at this time (ISO-8601 with offset, e.g."
              + " 2026-01-13T07:30:00+01:00); default: the time of the newest record.")
  String at;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if ((from == null) == (config == null)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "give one of --from DIR or --config FILE");
    }
    if (port < 0 || port > 65535) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--port must be within 0..65535");
    }
    Instant clock = at == null ? null : time(at);
    SuggestionBoard board = new SuggestionBoard(clock);
    PrintWriter out = spec.commandLine().getOut();
    Thread follower;
    AutoCloseable source;
    if (from != null) {
      SuggestionFiles files = new SuggestionFiles(from, board);
      out.printf("Read %d suggestion records from %s%n", files.poll(), from);
      follower = new Thread(() -> follow(files), "suggestion-files");
      source = follower::interrupt;
    } else {
      MobiflowConfig settings = ConfigLoader.load(config);
      KafkaPreflight.check(settings, List.of(settings.topics().suggestions()));
      SuggestionTopicReader reader = new SuggestionTopicReader(settings, board);
      follower = new Thread(reader, "suggestion-topic");
      source = reader;
      out.printf(
          "Following %s on %s%n",
          settings.topics().suggestions(), settings.kafka().bootstrapServers());
    }
    follower.setDaemon(true);
    follower.start();
    try (TravellerApi api = new TravellerApi(board, host, port);
        source) {
      out.printf(
          "Serving http://%s:%d/ : /gtfs-rt/alerts.pb (GTFS-Realtime Alerts), /suggestions (JSON)%n",
          host, api.port());
      out.flush();
      new CountDownLatch(1).await(); // serves until the process is stopped
    }
    return 0;
  }

  private Instant time(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--at '"
              + text
              + "' is not an ISO-8601 time with offset, e.g. 2026-01-13T07:30:00+01:00");
    }
  }

  private static void follow(SuggestionFiles files) {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        Thread.sleep(1000);
        files.poll();
      }
    } catch (InterruptedException stopping) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      LoggerFactory.getLogger(ServeCommand.class).error("stopped following suggestion files", e);
    }
  }
}
