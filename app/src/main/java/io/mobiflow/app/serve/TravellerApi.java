package io.mobiflow.app.serve;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.CrossOriginHandler;
import org.eclipse.jetty.server.handler.DoSHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The read-only HTTP API of {@code mobiflow serve} (described in {@code /openapi.json}) on Jetty:
 *
 * <ul>
 *   <li>{@code GET /zones[?bbox=w,s,e,n]}: a GeoJSON FeatureCollection of the zones with their
 *       latest indicators;
 *   <li>{@code GET /zones/{id}}: one zone as a Feature; {@code GET /zones/{id}/flows?from=&to=}:
 *       its indicators over a time range;
 *   <li>{@code GET /stops/{id}}: a stop's latest indicators and the suggestions valid there;
 *   <li>{@code GET /suggestions[?type=...]} and {@code GET /gtfs-rt/alerts.pb}: the suggestions
 *       valid now, as JSON and as a GTFS-Realtime Alerts feed;
 *   <li>{@code GET /events}: a server-sent-events stream of new suggestion records ({@code
 *       suggestion}) and new or changed indicators ({@code flow});
 *   <li>{@code GET /healthz} (the process is up) and {@code GET /readyz} (the sources are readable
 *       and the indicators fresh: 200, else 503), both without an API key;
 *   <li>{@code GET /openapi.json}, {@code GET /}.
 * </ul>
 *
 * HEAD answers as GET without the body; other methods 405. Answers are bounded: at most {@link
 * #MAX_ITEMS} items (with {@code truncated}), time ranges of at most {@link #MAX_RANGE}. What
 * clients may hold is bounded by {@link ApiSettings.Limits}: Jetty reads requests without holding a
 * thread, so slow clients cost a connection (bounded per client and in all, and timed out), not a
 * thread. In front of the resources, in order: the {@link ConnectionGuard}, the {@link
 * SecurityHeaders}, CORS for the allowed origins, the per-client rate limit (Jetty's {@link
 * DoSHandler}: 429 with {@code Retry-After}), the {@link ApiKeyCheck}; every answer is a line of
 * the {@link AccessLog} and, when the settings name a metrics address, counted in the {@link
 * ServeMetrics} served there ({@link MetricsEndpoint}).
 */
public final class TravellerApi implements AutoCloseable {

  /** The most items (suggestions, features, flows) one answer carries. */
  public static final int MAX_ITEMS = 5000;

  /** The longest time range of one flows query. */
  public static final Duration MAX_RANGE = Duration.ofDays(31);

  /** A quiet event stream gets a comment this often (or at half the idle timeout if shorter). */
  private static final Duration HEARTBEAT = Duration.ofSeconds(15);

  /** Clients whose request rate is tracked at once; more are let through untracked. */
  private static final int RATE_TRACKED_CLIENTS = 10_000;

  /**
   * Paths with an encoded {@code /} or {@code %} are ambiguous for servers that decode the whole
   * path; the API splits the path as sent and decodes each segment once ({@link Percent}).
   */
  private static final UriCompliance URIS =
      UriCompliance.DEFAULT.with(
          "mobiflow",
          UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR,
          UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING);

  private final Server server;
  private final ServerConnector connector;
  private final AccessLog accessLog;
  private final MetricsEndpoint metrics;
  private final Events events;
  private final long heartbeatMillis;

  /**
   * Binds to {@code host:port} (port 0: any free port) and starts serving, open, with the default
   * limits and no sources to report in {@code /readyz}.
   *
   * @param flows the indicators, or null when no flow tables are served
   */
  public TravellerApi(
      SuggestionBoard suggestions, FlowBoard flows, Events events, String host, int port)
      throws IOException {
    this(suggestions, flows, events, List.of(), ApiSettings.open(host, port));
  }

  /**
   * Binds to the settings' address and starts serving.
   *
   * @param flows the indicators, or null when no flow tables are served (zone and stop resources
   *     are then 404)
   * @param sources the followed sources, for {@code /readyz}
   */
  TravellerApi(
      SuggestionBoard suggestions,
      FlowBoard flows,
      Events events,
      List<SourceHealth> sources,
      ApiSettings settings)
      throws IOException {
    ApiSettings.Limits limits = settings.limits();
    this.events = events;
    this.heartbeatMillis =
        Math.min(HEARTBEAT.toMillis(), Math.max(1, limits.idleTimeout().toMillis() / 2));
    // at most this many threads; its queue holds a task per connection at most, and they are
    // bounded
    QueuedThreadPool threads = new QueuedThreadPool(limits.threads(), 4);
    threads.setName("mobiflow-serve");
    this.server = new Server(threads);
    boolean tls = settings.tls() != null;
    this.connector = connector(server, settings);
    server.addConnector(connector);
    server.addBean(new NetworkConnectionLimit(limits.maxConnections(), connector));

    Handler handler =
        new ApiRoutes(
            suggestions,
            flows,
            events,
            new Readiness(sources, settings.staleAfter(), Clock.systemUTC()),
            limits.maxStreams(),
            openApi());
    handler = new ApiKeyCheck(handler, settings.keys());
    if (limits.requestsPerSecond() > 0) {
      handler = rateLimit(handler, limits);
    }
    if (!settings.corsOrigins().isEmpty()) {
      handler = cors(handler, settings.corsOrigins());
    }
    handler = new SecurityHeaders(handler, tls);
    ConnectionGuard guard =
        new ConnectionGuard(
            handler,
            limits.maxConnectionsPerClient(),
            limits.requestHeaderTimeout(),
            server.getScheduler());
    connector.addEventListener(guard);
    server.setHandler(guard);
    server.setErrorHandler(new JsonErrors(tls));
    this.accessLog = new AccessLog(settings.accessLog());
    try {
      this.metrics =
          settings.metrics() == null ? null : MetricsEndpoint.start(settings.metrics(), events);
    } catch (IOException e) {
      accessLog.close();
      throw e;
    }
    server.setRequestLog(
        metrics == null ? accessLog : new RequestLog.Collection(accessLog, metrics));
    try {
      server.start();
    } catch (Exception e) {
      close();
      throw ownLine(
          "cannot serve on " + settings.host() + ":" + settings.port() + ": " + e.getMessage(), e);
    }
    server.getScheduler().schedule(this::heartbeat, heartbeatMillis, TimeUnit.MILLISECONDS);
  }

  /**
   * {@code message} as the one line the command prints (it prints a chain's innermost message),
   * with {@code cause} attached for the log.
   */
  static IOException ownLine(String message, Exception cause) {
    IOException e = new IOException(message);
    e.addSuppressed(cause);
    return e;
  }

  private static ServerConnector connector(Server server, ApiSettings settings) {
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    http.setUriCompliance(URIS);
    HttpConnectionFactory http1 = new HttpConnectionFactory(http);
    ServerConnector connector;
    if (settings.tls() == null) {
      connector = new ServerConnector(server, 1, 1, http1);
    } else {
      SslContextFactory.Server ssl = new SslContextFactory.Server();
      ssl.setKeyStorePath(settings.tls().keystore());
      ssl.setKeyStoreType("PKCS12");
      ssl.setKeyStorePassword(settings.tls().password());
      connector =
          new ServerConnector(server, 1, 1, new SslConnectionFactory(ssl, "http/1.1"), http1);
    }
    connector.setHost(settings.host());
    connector.setPort(settings.port());
    connector.setIdleTimeout(settings.limits().idleTimeout().toMillis());
    return connector;
  }

  private static Handler rateLimit(Handler next, ApiSettings.Limits limits) {
    // Jetty's bucket rejects the request that fills it: one more place lets a whole burst through
    DoSHandler.LeakingBucketTrackerFactory buckets =
        new DoSHandler.LeakingBucketTrackerFactory(
            limits.requestsPerSecond(), limits.burst() + 1, Duration.ofSeconds(10));
    Request.Handler tooMany =
        (request, response, callback) -> {
          response.getHeaders().put(HttpHeader.RETRY_AFTER, 1);
          Replies.error(
              response,
              callback,
              429,
              "too many requests: at most "
                  + limits.requestsPerSecond()
                  + " a second per client (bursts of "
                  + limits.burst()
                  + ")");
          return true;
        };
    return new DoSHandler(
        next, DoSHandler.ID_FROM_REMOTE_ADDRESS, buckets, tooMany, RATE_TRACKED_CLIENTS, false);
  }

  private static Handler cors(Handler next, List<String> origins) {
    CrossOriginHandler cors = new CrossOriginHandler();
    cors.setAllowedOriginPatterns(origins.stream().map(Pattern::quote).collect(Collectors.toSet()));
    cors.setAllowedMethods(Set.of("GET", "HEAD"));
    cors.setAllowedHeaders(Set.of("Authorization", "X-API-Key"));
    cors.setAllowCredentials(false);
    cors.setHandler(next);
    return cors;
  }

  private static byte[] openApi() throws IOException {
    try (InputStream in = TravellerApi.class.getResourceAsStream("/openapi.json")) {
      if (in == null) {
        throw new IOException("openapi.json is missing from the class path");
      }
      return in.readAllBytes();
    }
  }

  private void heartbeat() {
    if (server.isRunning()) {
      events.publish(Events.HEARTBEAT);
      server.getScheduler().schedule(this::heartbeat, heartbeatMillis, TimeUnit.MILLISECONDS);
    }
  }

  /** The port served on. */
  public int port() {
    return connector.getLocalPort();
  }

  /** The port the metrics are served on, if the settings ask for them. */
  public OptionalInt metricsPort() {
    return metrics == null ? OptionalInt.empty() : OptionalInt.of(metrics.port());
  }

  @Override
  public void close() throws IOException {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IOException("cannot stop the server: " + e.getMessage(), e);
    } finally {
      if (metrics != null) {
        metrics.close();
      }
      if (accessLog != null) {
        accessLog.close();
      }
    }
  }
}
