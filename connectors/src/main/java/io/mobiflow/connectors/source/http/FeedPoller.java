package io.mobiflow.connectors.source.http;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.SourceRef;
import io.mobiflow.connectors.gbfs.decode.GbfsEnvelope;
import io.mobiflow.connectors.source.http.PollHealth.Status;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Polls one HTTP feed once, as a well-behaved client: conditional requests (If-None-Match with the
 * last ETag, If-Modified-Since with the last Last-Modified), a deadline covering the whole answer,
 * a size limit enforced while reading, freshness checked against the document's own time (a GTFS-RT
 * header timestamp or GBFS last_updated not newer than the last one is STALE), and exponential
 * backoff after errors (interval × 2^errors, at most {@link #MAX_BACKOFF}). Every poll gives a
 * {@link PollHealth}. Thread-safe; one instance can serve many feeds.
 */
public final class FeedPoller implements AutoCloseable {

  /** The longest wait between polls of a failing feed. */
  public static final Duration MAX_BACKOFF = Duration.ofMinutes(10);

  private final Clock clock;
  private final HttpClient client;
  private final ExecutorService bodyReaders;

  public FeedPoller(Clock clock) {
    this.clock = clock;
    this.bodyReaders =
        Executors.newCachedThreadPool(
            r -> {
              Thread thread = new Thread(r, "mobiflow-feed-body");
              thread.setDaemon(true);
              return thread;
            });
    this.client =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(10))
            .executor(bodyReaders)
            .build();
  }

  /** One poll and the state to keep for the next one. */
  public record Outcome(PollResult result, PollState next) {}

  /** Polls {@code feed} now, given what was remembered of it. */
  public Outcome poll(HttpFeed feed, PollState state) {
    Instant start = clock.instant();
    try {
      return fetch(feed, state, start);
    } catch (PollFailed failure) {
      return error(feed, state, start, failure.status, failure.getMessage());
    }
  }

  private Outcome fetch(HttpFeed feed, PollState state, Instant start) throws PollFailed {
    long deadline = System.nanoTime() + feed.timeout().toNanos();
    HttpRequest.Builder request = HttpRequest.newBuilder(feed.url()).timeout(feed.timeout()).GET();
    request.header("User-Agent", "Mobiflow (https://github.com/mobiflow)");
    if (state.etag() != null) {
      request.header("If-None-Match", state.etag());
    }
    if (state.lastModified() != null) {
      request.header("If-Modified-Since", state.lastModified());
    }
    HttpResponse<InputStream> response =
        await(
            client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream()),
            deadline,
            0,
            "no answer within " + feed.timeout().toMillis() + " ms",
            () -> {});
    int status = response.statusCode();
    if (status == 304) {
      closeQuietly(response.body());
      return stale(
          feed,
          start,
          304,
          "304 Not Modified",
          0,
          new PollState(
              state.etag(),
              state.lastModified(),
              state.lastDocumentTime(),
              0,
              start.plus(feed.interval())));
    }
    if (status != 200) {
      closeQuietly(response.body());
      throw new PollFailed(status, "HTTP " + status);
    }
    long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
    if (declared > feed.maxBytes()) {
      closeQuietly(response.body());
      throw new PollFailed(
          status, "body of " + declared + " bytes, over the limit of " + feed.maxBytes());
    }
    byte[] body =
        await(
            CompletableFuture.supplyAsync(
                () -> readLimited(response.body(), feed.maxBytes()), bodyReaders),
            deadline,
            status,
            "body not complete within " + feed.timeout().toMillis() + " ms",
            () -> closeQuietly(response.body()));
    if (declared >= 0 && body.length != declared) {
      throw new PollFailed(status, "truncated body: " + body.length + " of " + declared + " bytes");
    }
    String etag = response.headers().firstValue("ETag").orElse(null);
    String lastModified = response.headers().firstValue("Last-Modified").orElse(null);
    GbfsEnvelope envelope = feed.kind().isGbfs() ? GbfsEnvelope.read(body) : null;
    Instant documentTime = documentTime(feed, body, envelope);
    Instant next = nextPoll(feed, start, envelope);
    PollState kept =
        new PollState(
            etag,
            lastModified,
            documentTime != null ? documentTime : state.lastDocumentTime(),
            0,
            next);
    if (documentTime != null
        && state.lastDocumentTime() != null
        && !documentTime.isAfter(state.lastDocumentTime())) {
      return stale(
          feed,
          start,
          status,
          "document time "
              + documentTime
              + " is not after the last one, "
              + state.lastDocumentTime(),
          body.length,
          kept);
    }
    PollHealth health =
        new PollHealth(
            feed.feedId(),
            feed.url().toString(),
            start,
            Status.OK,
            status,
            null,
            body.length,
            millisSince(start),
            next);
    FeedSnapshot snapshot =
        new FeedSnapshot(
            feed.feedId(),
            feed.kind(),
            start,
            SourceRef.file(feed.feedId(), feed.url().toString()),
            body);
    return new Outcome(new PollResult(health, snapshot), kept);
  }

  /** The future's value by the deadline, or the poll's failure with its reason. */
  private static <T> T await(
      CompletableFuture<T> future, long deadline, int status, String late, Runnable onTimeout)
      throws PollFailed {
    try {
      return future.get(remaining(deadline), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      onTimeout.run();
      throw new PollFailed(status, late);
    } catch (ExecutionException e) {
      throw new PollFailed(status, describe(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PollFailed(status, "interrupted");
    }
  }

  /** A poll that ended in an error, with the HTTP status (0 if none) and the reason. */
  private static final class PollFailed extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;

    PollFailed(int status, String reason) {
      super(reason, null, false, false);
      this.status = status;
    }
  }

  private Outcome stale(
      HttpFeed feed, Instant start, int status, String reason, long bytes, PollState next) {
    PollHealth health =
        new PollHealth(
            feed.feedId(),
            feed.url().toString(),
            start,
            Status.STALE,
            status,
            reason,
            bytes,
            millisSince(start),
            next.nextPollAt());
    return new Outcome(new PollResult(health, null), next);
  }

  private Outcome error(HttpFeed feed, PollState state, Instant start, int status, String reason) {
    int errors = state.consecutiveErrors() + 1;
    Duration wait = feed.interval().multipliedBy(1L << Math.min(errors, 20));
    if (wait.compareTo(MAX_BACKOFF) > 0) {
      wait = MAX_BACKOFF.compareTo(feed.interval()) > 0 ? MAX_BACKOFF : feed.interval();
    }
    Instant next = start.plus(wait);
    PollHealth health =
        new PollHealth(
            feed.feedId(),
            feed.url().toString(),
            start,
            Status.ERROR,
            status,
            reason,
            0,
            millisSince(start),
            next);
    return new Outcome(
        new PollResult(health, null),
        new PollState(state.etag(), state.lastModified(), state.lastDocumentTime(), errors, next));
  }

  /** The document's own time: GTFS-RT header timestamp or GBFS last_updated; null otherwise. */
  private static Instant documentTime(HttpFeed feed, byte[] body, GbfsEnvelope envelope) {
    if (feed.kind().isGtfsRealtime()) {
      try {
        FeedMessage message = FeedMessage.parseFrom(body);
        return message.getHeader().hasTimestamp()
            ? Instant.ofEpochSecond(message.getHeader().getTimestamp())
            : null;
      } catch (InvalidProtocolBufferException e) {
        return null; // the decoder will reject it with its reason
      }
    }
    return envelope == null ? null : envelope.lastUpdated();
  }

  private static Instant nextPoll(HttpFeed feed, Instant start, GbfsEnvelope envelope) {
    Instant byInterval = start.plus(feed.interval());
    if (!feed.followTtl()) {
      return byInterval;
    }
    Instant byTtl = envelope == null ? null : envelope.nextUpdateAt();
    return byTtl != null && byTtl.isAfter(byInterval) ? byTtl : byInterval;
  }

  private static byte[] readLimited(InputStream in, long maxBytes) {
    try (in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[1 << 16];
      long total = 0;
      int n;
      while ((n = in.read(buffer)) >= 0) {
        total += n;
        if (total > maxBytes) {
          throw new BodyTooLarge(maxBytes);
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static final class BodyTooLarge extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BodyTooLarge(long maxBytes) {
      super("body over the limit of " + maxBytes + " bytes", null, false, false);
    }
  }

  private static String describe(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null
        && cause.getCause() != cause
        && (cause instanceof java.io.UncheckedIOException
            || cause instanceof java.util.concurrent.CompletionException)) {
      cause = cause.getCause();
    }
    if (cause instanceof BodyTooLarge) {
      return cause.getMessage();
    }
    String message = cause.getMessage();
    String kind = cause.getClass().getSimpleName();
    return message == null ? kind : kind + ": " + message;
  }

  private long millisSince(Instant start) {
    return Duration.between(start, clock.instant()).toMillis();
  }

  private static long remaining(long deadlineNanos) {
    return Math.max(1, deadlineNanos - System.nanoTime());
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // the answer is already decided; nothing to add
    }
  }

  @Override
  public void close() {
    bodyReaders.shutdownNow();
  }
}
