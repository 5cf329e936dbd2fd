package io.mobiflow.connectors.source.http;

import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.Require;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;

/**
 * A live feed endpoint to poll.
 *
 * @param feedId the configured feed id, as snapshots and sources name it
 * @param kind what the endpoint serves
 * @param url the endpoint
 * @param interval the time between polls; for GBFS feeds with {@code followTtl}, the shortest
 * @param followTtl for GBFS: poll again when the document's {@code last_updated + ttl} is reached
 *     (never sooner than {@code interval})
 * @param timeout the longest a request may take, connection and body included
 * @param maxBytes the largest body accepted
 */
public record HttpFeed(
    String feedId,
    FeedKind kind,
    URI url,
    Duration interval,
    boolean followTtl,
    Duration timeout,
    long maxBytes)
    implements Serializable {

  public HttpFeed {
    Require.id(feedId, "feedId");
    Require.present(kind, "kind");
    Require.present(url, "url");
    if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
      throw new IllegalArgumentException("feed " + feedId + ": url must be http or https: " + url);
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
  }

  /** A feed polled every {@code interval}, 10 s timeout, 64 MiB limit. */
  public static HttpFeed every(String feedId, FeedKind kind, URI url, Duration interval) {
    return new HttpFeed(feedId, kind, url, interval, false, Duration.ofSeconds(10), 64L << 20);
  }
}
