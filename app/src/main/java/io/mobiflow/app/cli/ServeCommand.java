package io.mobiflow.app.cli;

import io.mobiflow.app.serve.ApiKeys;
import io.mobiflow.app.serve.ApiSettings;
import io.mobiflow.app.serve.TravellerApi;
import io.mobiflow.app.serve.TravellerService;
import io.mobiflow.jobs.config.ConfigLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mobiflow serve}: the traveller-information API over the published suggestions. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serves what a run published, read-only over HTTP: the zones with their latest"
          + " indicators (GeoJSON), stops, the suggestions valid now (JSON and a GTFS-Realtime"
          + " Alerts feed), a server-sent-events stream of updates, /healthz and /readyz. Reads a"
          + " run's output folder (--from: flows.gpkg, suggestions/) or what a configuration writes"
          + " (--config: its flow tables, its suggestions topic or files), and follows new records.",
      "",
      "With --metrics-port, Prometheus metrics (requests per endpoint and status, latency, event"
          + " streams open, the JVM) are served at /metrics on that port, apart from the API and"
          + " without API keys, on loopback unless --metrics-host says otherwise.",
      "",
      "Open on loopback by default. API keys (one a line in --api-keys-file, or comma-separated"
          + " in the environment variable "
          + ServeCommand.KEYS_VARIABLE
          + ") are then required as"
          + " 'Authorization: Bearer KEY' or 'X-API-Key: KEY' (not for /healthz, /readyz). A"
          + " --host reachable from other machines needs keys or --allow-unauthenticated-remote."
          + " The TLS keystore's password comes from --tls-password-file or "
          + ServeCommand.TLS_PASSWORD_VARIABLE
          + ". See docs/api.md."
    })
final class ServeCommand implements Callable<Integer> {

  /** The environment variable holding API keys, comma-separated. */
  static final String KEYS_VARIABLE = "MOBIFLOW_API_KEYS";

  /** The environment variable holding the TLS keystore's password. */
  static final String TLS_PASSWORD_VARIABLE = "MOBIFLOW_TLS_PASSWORD";

  private static final ApiSettings.Limits DEFAULT = ApiSettings.Limits.DEFAULT;

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

  @Option(
      names = "--api-keys-file",
      paramLabel = "FILE",
      description =
          "API keys, one a line (at least 16 characters; '#' starts a comment): required of"
              + " every request but /healthz and /readyz. Default: "
              + KEYS_VARIABLE
              + " if set, else none.")
  Path apiKeysFile;

  @Option(
      names = "--allow-unauthenticated-remote",
      description = "Serve a --host other machines can reach without API keys (with a warning).")
  boolean allowUnauthenticatedRemote;

  @Option(
      names = "--tls-keystore",
      paramLabel = "FILE",
      description = "Serve HTTPS with the key and certificate of this PKCS12 keystore.")
  Path tlsKeystore;

  @Option(
      names = "--tls-password-file",
      paramLabel = "FILE",
      description = "The keystore's password (first line); default: " + TLS_PASSWORD_VARIABLE + ".")
  Path tlsPasswordFile;

  @Option(
      names = "--cors-origin",
      paramLabel = "ORIGIN",
      description =
          "A web origin whose pages may call the API (e.g. https://app.example.org); repeat for"
              + " more. Default: none (same origin only).")
  List<String> corsOrigins = new ArrayList<>();

  @Option(
      names = "--access-log",
      paramLabel = "FILE",
      description =
          "Append the access log (one line per request, no client address, no query values) to"
              + " this file; default: the application log.")
  Path accessLog;

  @Option(
      names = "--rate",
      paramLabel = "N",
      description =
          "Requests a second per client address (0: no limit); more get 429. Default: "
              + "${DEFAULT-VALUE}.")
  int rate = DEFAULT.requestsPerSecond();

  @Option(
      names = "--burst",
      paramLabel = "N",
      description = "Requests a client may send at once above --rate; default: ${DEFAULT-VALUE}.")
  int burst = DEFAULT.burst();

  @Option(
      names = "--max-connections",
      paramLabel = "N",
      description = "Connections open at once in all; default: ${DEFAULT-VALUE}.")
  int maxConnections = DEFAULT.maxConnections();

  @Option(
      names = "--max-connections-per-client",
      paramLabel = "N",
      description = "Connections open at once from one address; default: ${DEFAULT-VALUE}.")
  int maxConnectionsPerClient = DEFAULT.maxConnectionsPerClient();

  @Option(
      names = "--max-streams",
      paramLabel = "N",
      description = "Event streams (/events) open at once; default: ${DEFAULT-VALUE}.")
  int maxStreams = DEFAULT.maxStreams();

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Request threads; default: ${DEFAULT-VALUE}.")
  int threads = DEFAULT.threads();

  @Option(
      names = "--idle-timeout",
      paramLabel = "SECONDS",
      description = "Close a connection silent this long; default: ${DEFAULT-VALUE}.")
  long idleTimeoutSeconds = DEFAULT.idleTimeout().toSeconds();

  @Option(
      names = "--header-timeout",
      paramLabel = "SECONDS",
      description =
          "Close a connection that has not sent a whole request header this long after opening"
              + " or after its last answer; default: ${DEFAULT-VALUE}.")
  long headerTimeoutSeconds = DEFAULT.requestHeaderTimeout().toSeconds();

  @Option(
      names = "--ready-stale-after",
      paramLabel = "SECONDS",
      description =
          "/readyz answers 503 when the flow tables were last written longer ago (0: never);"
              + " default: ${DEFAULT-VALUE}.")
  long staleAfterSeconds = ApiSettings.STALE_AFTER.toSeconds();

  @Option(
      names = "--metrics-port",
      paramLabel = "PORT",
      description =
          "Serve Prometheus metrics (requests, latency per endpoint, event streams, the JVM) at"
              + " /metrics on this port (0: any free one), without API keys. Default: none.")
  Integer metricsPort;

  @Option(
      names = "--metrics-host",
      paramLabel = "HOST",
      defaultValue = "127.0.0.1",
      description =
          "Address the metrics listen on (with --metrics-port; 0.0.0.0 for a scraper on another"
              + " machine or pod); default ${DEFAULT-VALUE}.")
  String metricsHost;

  /** The environment (a test replaces it). */
  UnaryOperator<String> environment = System::getenv;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if ((from == null) == (config == null)) {
      throw usage("give one of --from DIR or --config FILE");
    }
    Instant clock = at == null ? null : time(at);
    ApiSettings settings = settings(spec.commandLine().getErr());
    PrintWriter out = spec.commandLine().getOut();
    try (TravellerService service =
            from != null
                ? TravellerService.fromDirectory(from, clock)
                : TravellerService.fromConfig(ConfigLoader.load(config), clock);
        TravellerApi api = service.start(settings)) {
      service.sources().forEach(source -> out.println("Serving " + source));
      out.printf(
          "Listening on %s://%s:%d/ : /zones (GeoJSON), /stops/{id}, /suggestions,"
              + " /gtfs-rt/alerts.pb, /events (SSE), /healthz, /readyz, /openapi.json%n",
          settings.tls() == null ? "http" : "https", host, api.port());
      api.metricsPort()
          .ifPresent(
              port ->
                  out.printf(
                      "Metrics on http://%s:%d/metrics (Prometheus text format)%n",
                      metricsHost, port));
      out.flush();
      new CountDownLatch(1).await(); // serves until the process is stopped
    }
    return 0;
  }

  /**
   * The settings the options give; a bad value is a usage error, a risky but allowed choice a
   * warning line on {@code err}.
   */
  ApiSettings settings(PrintWriter err) throws IOException {
    within("--port", port, 0, 65535);
    within("--rate", rate, 0, 1_000_000);
    within("--burst", burst, 1, 1_000_000);
    within("--max-connections", maxConnections, 1, 100_000);
    within("--max-connections-per-client", maxConnectionsPerClient, 1, maxConnections);
    within("--max-streams", maxStreams, 0, maxConnections);
    within("--threads", threads, 8, 1000);
    within("--idle-timeout", idleTimeoutSeconds, 1, 3600);
    within("--header-timeout", headerTimeoutSeconds, 1, 3600);
    within("--ready-stale-after", staleAfterSeconds, 0, 366 * 24 * 3600L);
    checkMetricsAddress();
    ApiSettings.Limits limits =
        new ApiSettings.Limits(
            threads,
            maxConnections,
            maxConnectionsPerClient,
            Duration.ofSeconds(idleTimeoutSeconds),
            Duration.ofSeconds(headerTimeoutSeconds),
            maxStreams,
            rate,
            burst);
    ApiKeys keys = keys();
    ApiSettings.Tls tls = tls();
    corsOrigins.forEach(this::checkOrigin);
    boolean loopback;
    try {
      loopback = ApiSettings.isLoopback(host);
    } catch (UnknownHostException e) {
      throw usage("--host '" + host + "' is not a known address");
    }
    if (!loopback && !keys.required()) {
      if (!allowUnauthenticatedRemote) {
        throw usage(
            "--host "
                + host
                + " can be reached from other machines: give API keys (--api-keys-file or "
                + KEYS_VARIABLE
                + ") or --allow-unauthenticated-remote");
      }
      err.println(
          "serve: warning: anyone who can reach "
              + host
              + " may read the API (no API keys: --allow-unauthenticated-remote)");
    } else if (!loopback && tls == null) {
      err.println(
          "serve: warning: API keys cross the network in clear text without --tls-keystore"
              + " (or a TLS reverse proxy in front, see docs/api.md)");
    }
    return new ApiSettings(
        host,
        port,
        limits,
        keys,
        corsOrigins,
        tls,
        accessLog,
        Duration.ofSeconds(staleAfterSeconds),
        metricsPort == null ? null : new ApiSettings.Metrics(metricsHost, metricsPort));
  }

  /** The metrics' address is checked as the API's is; the two never share a port. */
  private void checkMetricsAddress() {
    if (metricsPort == null) {
      if (spec.commandLine().getParseResult().hasMatchedOption("--metrics-host")) {
        throw usage("--metrics-host needs --metrics-port");
      }
      return;
    }
    within("--metrics-port", metricsPort, 0, 65535);
    if (metricsPort != 0 && metricsPort == port) {
      throw usage("--metrics-port must differ from --port (" + port + ")");
    }
    try {
      InetAddress.getAllByName(metricsHost);
    } catch (UnknownHostException e) {
      throw usage("--metrics-host '" + metricsHost + "' is not a known address");
    }
  }

  private ApiKeys keys() throws IOException {
    try {
      if (apiKeysFile != null) {
        return ApiKeys.read(apiKeysFile);
      }
      String variable = environment.apply(KEYS_VARIABLE);
      return variable == null ? ApiKeys.NONE : ApiKeys.parse(variable);
    } catch (IllegalArgumentException e) {
      throw usage(
          (apiKeysFile != null ? "--api-keys-file: " : KEYS_VARIABLE + ": ") + e.getMessage());
    }
  }

  private ApiSettings.Tls tls() throws IOException {
    if (tlsKeystore == null) {
      if (tlsPasswordFile != null) {
        throw usage("--tls-password-file needs --tls-keystore");
      }
      return null;
    }
    if (!Files.isRegularFile(tlsKeystore)) {
      throw usage("--tls-keystore " + tlsKeystore + " is not a file");
    }
    String password =
        tlsPasswordFile != null
            ? Files.readAllLines(tlsPasswordFile, StandardCharsets.UTF_8).stream()
                .findFirst()
                .orElse("")
            : environment.apply(TLS_PASSWORD_VARIABLE);
    if (password == null) {
      throw usage(
          "--tls-keystore needs its password: --tls-password-file or " + TLS_PASSWORD_VARIABLE);
    }
    try (InputStream in = Files.newInputStream(tlsKeystore)) {
      KeyStore.getInstance("PKCS12").load(in, password.toCharArray());
    } catch (IOException | GeneralSecurityException e) {
      throw usage(
          "--tls-keystore "
              + tlsKeystore
              + " is not a PKCS12 keystore that its password opens (check the file and"
              + " --tls-password-file or "
              + TLS_PASSWORD_VARIABLE
              + ")");
    }
    return new ApiSettings.Tls(tlsKeystore, password);
  }

  private void checkOrigin(String origin) {
    try {
      URI uri = new URI(origin);
      boolean web = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme());
      if (web
          && uri.getHost() != null
          && uri.getRawPath().isEmpty()
          && uri.getRawQuery() == null
          && uri.getRawUserInfo() == null
          && uri.getRawFragment() == null) {
        return;
      }
    } catch (URISyntaxException e) {
      // said below
    }
    throw usage(
        "--cors-origin '" + origin + "' is not an origin like https://app.example.org[:port]");
  }

  private void within(String option, long value, long min, long max) {
    if (value < min || value > max) {
      throw usage(option + " must be within " + min + ".." + max);
    }
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }

  private Instant time(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw usage(
          "--at '"
              + text
              + "' is not an ISO-8601 time with offset, e.g. 2026-01-13T07:30:00+01:00");
    }
  }
}
