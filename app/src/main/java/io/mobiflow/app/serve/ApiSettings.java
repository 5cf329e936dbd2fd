package io.mobiflow.app.serve;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How {@code mobiflow serve} listens and whom it answers: the address, the {@link Limits}, the API
 * keys (none: open), the origins allowed by CORS (none: same origin only), TLS (null: plain HTTP),
 * the access log (null: the application log), how old the indicators may be before {@code /readyz}
 * says stale (zero: never) and where the metrics are served (null: nowhere).
 */
public record ApiSettings(
    String host,
    int port,
    Limits limits,
    ApiKeys keys,
    List<String> corsOrigins,
    Tls tls,
    Path accessLog,
    Duration staleAfter,
    Metrics metrics) {

  /** The default age after which {@code /readyz} calls the indicators stale. */
  public static final Duration STALE_AFTER = Duration.ofMinutes(15);

  public ApiSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(keys, "keys");
    corsOrigins = List.copyOf(corsOrigins);
    Objects.requireNonNull(staleAfter, "staleAfter");
  }

  /** Plain HTTP on {@code host:port} (0: any free port) with the default limits, open, no CORS. */
  public static ApiSettings open(String host, int port) {
    return new ApiSettings(
        host, port, Limits.DEFAULT, ApiKeys.NONE, List.of(), null, null, STALE_AFTER, null);
  }

  /** These settings with other limits. */
  public ApiSettings withLimits(Limits other) {
    return new ApiSettings(
        host, port, other, keys, corsOrigins, tls, accessLog, staleAfter, metrics);
  }

  /** These settings with API keys required. */
  public ApiSettings withKeys(ApiKeys other) {
    return new ApiSettings(
        host, port, limits, other, corsOrigins, tls, accessLog, staleAfter, metrics);
  }

  /** These settings with these origins allowed by CORS. */
  public ApiSettings withCorsOrigins(List<String> origins) {
    return new ApiSettings(host, port, limits, keys, origins, tls, accessLog, staleAfter, metrics);
  }

  /** These settings over TLS. */
  public ApiSettings withTls(Tls other) {
    return new ApiSettings(
        host, port, limits, keys, corsOrigins, other, accessLog, staleAfter, metrics);
  }

  /** These settings with the access log written to {@code file}. */
  public ApiSettings withAccessLog(Path file) {
    return new ApiSettings(host, port, limits, keys, corsOrigins, tls, file, staleAfter, metrics);
  }

  /** These settings with another staleness bound for {@code /readyz}. */
  public ApiSettings withStaleAfter(Duration age) {
    return new ApiSettings(host, port, limits, keys, corsOrigins, tls, accessLog, age, metrics);
  }

  /** These settings with the metrics served on {@code host:port} (0: any free port). */
  public ApiSettings withMetrics(String metricsHost, int metricsPort) {
    return new ApiSettings(
        host,
        port,
        limits,
        keys,
        corsOrigins,
        tls,
        accessLog,
        staleAfter,
        new Metrics(metricsHost, metricsPort));
  }

  /** Whether {@code host} names only this machine (a loopback address). */
  public static boolean isLoopback(String host) throws UnknownHostException {
    for (InetAddress address : InetAddress.getAllByName(host)) {
      if (!address.isLoopbackAddress()) {
        return false;
      }
    }
    return true;
  }

  /**
   * What slow or greedy clients may hold.
   *
   * @param threads the request threads (reading and writing do not hold one; a store query does)
   * @param maxConnections connections open at once in all; further clients wait in the backlog
   * @param maxConnectionsPerClient connections open at once from one address; more are closed
   * @param idleTimeout a connection that sends and receives nothing this long is closed
   * @param requestHeaderTimeout a connection that has not sent a whole request header this long
   *     after it opened (or after its last answer) is closed, however slowly it trickles bytes
   * @param maxStreams event streams open at once; more get 503
   * @param requestsPerSecond requests per second per client address (0: no limit); more get 429
   * @param burst requests a client may send at once above that rate
   */
  public record Limits(
      int threads,
      int maxConnections,
      int maxConnectionsPerClient,
      Duration idleTimeout,
      Duration requestHeaderTimeout,
      int maxStreams,
      int requestsPerSecond,
      int burst) {

    /** The defaults of {@code mobiflow serve}. */
    public static final Limits DEFAULT =
        new Limits(32, 1024, 32, Duration.ofSeconds(30), Duration.ofSeconds(10), 256, 50, 100);

    /** These limits with other connection bounds. */
    public Limits withConnections(int all, int perClient) {
      return new Limits(
          threads,
          all,
          perClient,
          idleTimeout,
          requestHeaderTimeout,
          maxStreams,
          requestsPerSecond,
          burst);
    }

    /** These limits with other timeouts. */
    public Limits withTimeouts(Duration idle, Duration requestHeader) {
      return new Limits(
          threads,
          maxConnections,
          maxConnectionsPerClient,
          idle,
          requestHeader,
          maxStreams,
          requestsPerSecond,
          burst);
    }

    /** These limits with another cap on event streams. */
    public Limits withMaxStreams(int streams) {
      return new Limits(
          threads,
          maxConnections,
          maxConnectionsPerClient,
          idleTimeout,
          requestHeaderTimeout,
          streams,
          requestsPerSecond,
          burst);
    }

    /** These limits with another request rate per client. */
    public Limits withRate(int perSecond, int burstSize) {
      return new Limits(
          threads,
          maxConnections,
          maxConnectionsPerClient,
          idleTimeout,
          requestHeaderTimeout,
          maxStreams,
          perSecond,
          burstSize);
    }
  }

  /**
   * Where the metrics are served, in Prometheus' text format at {@code /metrics}.
   *
   * @param host the address to listen on
   * @param port the port (0: any free one)
   */
  public record Metrics(String host, int port) {

    public Metrics {
      Objects.requireNonNull(host, "host");
    }
  }

  /**
   * TLS from a PKCS12 keystore.
   *
   * @param keystore the keystore file (a key and its certificate chain)
   * @param password its password (and the key's)
   */
  public record Tls(Path keystore, String password) {

    public Tls {
      Objects.requireNonNull(keystore, "keystore");
      Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
      return "Tls[keystore=" + keystore + "]"; // never the password
    }
  }
}
