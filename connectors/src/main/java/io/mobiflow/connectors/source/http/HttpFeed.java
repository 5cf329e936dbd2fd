package io.mobiflow.connectors.source.http;

import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.Require;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A live feed endpoint to poll.
 *
 * @param feedId the configured feed id, as snapshots and sources name it: it becomes a folder name,
 *     so it is made of letters, digits, '.', '_' and '-', does not start with a dot and is at most
 *     {@value #MAX_ID_LENGTH} characters long
 * @param kind what the endpoint serves
 * @param url the endpoint
 * @param interval the time between polls; for GBFS feeds with {@code followTtl}, the shortest
 * @param followTtl for GBFS: poll again when the document's {@code last_updated + ttl} is reached
 *     (never sooner than {@code interval})
 * @param timeout the longest a request may take, connection, redirects and body included
 * @param maxBytes the largest body accepted (decompressed, when it comes gzipped)
 * @param allowRedirectsTo the hosts besides the url's own that a redirect may lead to (lower case)
 */
public record HttpFeed(
    String feedId,
    FeedKind kind,
    URI url,
    Duration interval,
    boolean followTtl,
    Duration timeout,
    long maxBytes,
    List<String> allowRedirectsTo)
    implements Serializable {

  /** The longest feed id. */
  public static final int MAX_ID_LENGTH = 100;

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");

  public HttpFeed {
    Require.id(feedId, "feedId");
    if (!ID.matcher(feedId).matches() || feedId.contains("..") || feedId.length() > MAX_ID_LENGTH) {
      throw new IllegalArgumentException(
          "feed id \""
              + feedId
              + "\" is not a safe folder name: use letters, digits, '.', '_' and '-', not"
              + " starting with a dot, no \"..\", at most "
              + MAX_ID_LENGTH
              + " characters");
    }
    Require.present(kind, "kind");
    Require.present(url, "url");
    if (!isHttp(url)) {
      throw new IllegalArgumentException(
          "feed " + feedId + ": url must be http or https, with a host: " + url);
    }
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("feed " + feedId + ": interval must be positive");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("feed " + feedId + ": timeout must be positive");
    }
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("feed " + feedId + ": maxBytes must be positive");
    }
    allowRedirectsTo =
        allowRedirectsTo.stream()
            .map(
                host -> {
                  if (host == null || host.isBlank() || !host.matches("[^/:\\s]+")) {
                    throw new IllegalArgumentException(
                        "feed " + feedId + ": \"" + host + "\" is not a host name");
                  }
                  return host.toLowerCase(Locale.ROOT);
                })
            .toList();
  }

  /**
   * A feed polled every {@code interval}, 10 s timeout, 64 MiB limit, redirects on its own host
   * only.
   */
  public static HttpFeed every(String feedId, FeedKind kind, URI url, Duration interval) {
    return new HttpFeed(
        feedId, kind, url, interval, false, Duration.ofSeconds(10), 64L << 20, List.of());
  }

  /**
   * Why a redirect from {@code from} to {@code to} is not followed, or empty when it is: it must
   * stay on http(s), never go from https to http, and lead to the url's own host or to one of
   * {@link #allowRedirectsTo} (host names compared without case, ports not compared).
   */
  public Optional<String> redirectRefusal(URI from, URI to) {
    if (!isHttp(to)) {
      return Optional.of("redirect to " + to + ", not an http(s) url");
    }
    if ("https".equalsIgnoreCase(from.getScheme()) && "http".equalsIgnoreCase(to.getScheme())) {
      return Optional.of("redirect from https to http refused: " + to);
    }
    String host = to.getHost().toLowerCase(Locale.ROOT);
    if (!host.equalsIgnoreCase(url.getHost()) && !allowRedirectsTo.contains(host)) {
      return Optional.of(
          "redirect to another host refused: "
              + to
              + " (list "
              + host
              + " in the feed's allow_redirects_to to follow it)");
    }
    return Optional.empty();
  }

  private static boolean isHttp(URI uri) {
    return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
        && uri.getHost() != null;
  }
}
