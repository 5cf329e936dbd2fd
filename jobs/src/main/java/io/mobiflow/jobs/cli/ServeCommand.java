package io.mobiflow.jobs.cli;

import io.mobiflow.jobs.config.ConfigLoader;
import io.mobiflow.jobs.serve.TravellerApi;
import io.mobiflow.jobs.serve.TravellerService;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mobiflow serve}: the traveller-information API over the published suggestions. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description =
        "Serves what a run published, read-only over HTTP: the zones with their latest"
            + " indicators (GeoJSON), stops, the suggestions valid now (JSON and a GTFS-Realtime"
            + " Alerts feed) and a server-sent-events stream of updates. Reads a run's output"
            + " folder (--from: flows.gpkg, suggestions/) or what a configuration writes (--config:"
            + " its flow tables, its suggestions topic or files), and follows new records.")
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
    PrintWriter out = spec.commandLine().getOut();
    try (TravellerService service =
            from != null
                ? TravellerService.fromDirectory(from, clock)
                : TravellerService.fromConfig(ConfigLoader.load(config), clock);
        TravellerApi api = service.start(host, port)) {
      service.sources().forEach(source -> out.println("Serving " + source));
      out.printf(
          "Listening on http://%s:%d/ : /zones (GeoJSON), /stops/{id}, /suggestions,"
              + " /gtfs-rt/alerts.pb, /events (SSE), /openapi.json%n",
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
}
