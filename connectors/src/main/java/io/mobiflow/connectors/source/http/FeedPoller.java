package io.mobiflow.connectors.source.http;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.Sha256;
import io.mobiflow.connectors.common.SourceRef;
import io.mobiflow.connectors.feeds.FeedFamily;
import io.mobiflow.connectors.feeds.FeedFormats;
import io.mobiflow.connectors.gbfs.decode.GbfsEnvelope;
import io.mobiflow.connectors.source.http.PollHealth.Status;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Polls one HTTP feed once, as a well-behaved and wary client: conditional requests (If-None-Match
 * with the last ETag, If-Modified-Since with the last Last-Modified); a deadline covering the whole
 * answer (redirects and every byte of the body included, so a server trickling its body is cut at
 * the deadline); redirects followed only as {@link HttpFeed#redirectRefusal} allows, at most
 * {@value #MAX_REDIRECTS}; bodies bounded while they stream, gzip included ({@link BoundedBody}); a
 * document with the same bytes as the last one (SHA-256) is STALE whatever its ETag says; freshness
 * checked against the document's own time (a GTFS-RT header timestamp or GBFS last_updated not
 * newer than the last one is STALE); exponential backoff after errors (interval × 2^errors, at most
 * {@link #MAX_BACKOFF}).
 *
 * <p>A document's own time more than {@link #MAX_AHEAD} after the poll (or beyond any date) is set
 * aside, not remembered: it would make every later document look stale. The document itself is
 * still delivered, the health saying which time was ignored, so that its decoder turns what is
 * wrong in it into dead letters with their source; so is a document that is not of its kind's
 * format (an HTML error page served with 200, say), the health saying so. Every poll gives a {@link
 * PollHealth}, whatever the server sends: no exception leaves {@link #poll}. Thread-safe; one
 * instance can serve many feeds at once.
 */
public final class FeedPoller implements AutoCloseable {

  /** The longest wait between polls of a failing feed. */
  public static final Duration MAX_BACKOFF = Duration.ofMinutes(10);

  /** The most redirects followed in one poll. */
  public static final int MAX_REDIRECTS = 5;

  /** How far after the poll a document's own time may lie and still be believed. */
  public static final Duration MAX_AHEAD = Duration.ofDays(1);

  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

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
            .followRedirects(HttpClient.Redirect.NEVER) // followed in follow(), by the feed's rules
            .connectTimeout(Duration.ofSeconds(10))
            .executor(bodyReaders)
            .build();
  }

  /** One poll and the state to keep for the next one. */
  public record Outcome(PollResult result, PollState next) {}

  /** Polls {@code feed} now, given what was remembered of it. Never throws. */
  public Outcome poll(HttpFeed feed, PollState state) {
    Instant start = clock.instant();
    try {
      return fetch(feed, state, start);
    } catch (PollFailed failure) {
      return error(feed, state, start, failure.status, failure.getMessage());
    } catch (RuntimeException e) { // an answer nobody foresaw: this poll fails, nothing else
      return error(feed, state, start, 0, "poll failed: " + describe(e));
    }
  }

  private Outcome fetch(HttpFeed feed, PollState state, Instant start) throws PollFailed {
    long deadline = System.nanoTime() + feed.timeout().toNanos();
    HttpResponse<InputStream> response = follow(feed, state, deadline);
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
              state.contentSha256(),
              0,
              start.plus(feed.interval())));
    }
    if (status != 200) {
      closeQuietly(response.body());
      throw new PollFailed(status, "HTTP " + status);
    }
    long declared = declaredLength(response);
    if (declared > feed.maxBytes()) {
      closeQuietly(response.body());
      throw new PollFailed(
          status, "body of " + declared + " bytes, over the limit of " + feed.maxBytes());
    }
    String encoding = response.headers().firstValue("Content-Encoding").orElse(null);
    byte[] body =
        await(
            CompletableFuture.supplyAsync(
                () -> readBody(response.body(), encoding, declared, feed.maxBytes()), bodyReaders),
            deadline,
            status,
            "body not complete within " + feed.timeout().toMillis() + " ms",
            () -> closeQuietly(response.body()));
    String hash = Sha256.hex(body);
    DocumentTime time = DocumentTime.of(feed, body, start);
    Instant next = nextPoll(feed, start, time);
    PollState kept =
        new PollState(
            response.headers().firstValue("ETag").orElse(null),
            response.headers().firstValue("Last-Modified").orElse(null),
            time.value() != null ? time.value() : state.lastDocumentTime(),
            hash,
            0,
            next);
    if (hash.equals(state.contentSha256())) {
      return stale(
          feed,
          start,
          status,
          "unchanged content (SHA-256 " + hash.substring(0, 16) + "...)",
          body.length,
          kept);
    }
    if (time.value() != null
        && state.lastDocumentTime() != null
        && !time.value().isAfter(state.lastDocumentTime())) {
      return stale(
          feed,
          start,
          status,
          "document time "
              + time.value()
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
            time.note(),
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

  /** Sends the request, following the redirects the feed allows, by the deadline. */
  private HttpResponse<InputStream> follow(HttpFeed feed, PollState state, long deadline)
      throws PollFailed {
    URI target = feed.url();
    for (int redirects = 0; ; redirects++) {
      HttpResponse<InputStream> response =
          await(
              client.sendAsync(
                  request(target, state, deadline), HttpResponse.BodyHandlers.ofInputStream()),
              deadline,
              0,
              "no answer within " + feed.timeout().toMillis() + " ms",
              () -> {});
      int status = response.statusCode();
      if (!REDIRECTS.contains(status)) {
        return response;
      }
      closeQuietly(response.body());
      if (redirects == MAX_REDIRECTS) {
        throw new PollFailed(status, "more than " + MAX_REDIRECTS + " redirects");
      }
      URI next = location(response, target);
      Optional<String> refusal = feed.redirectRefusal(target, next);
      if (refusal.isPresent()) {
        throw new PollFailed(status, refusal.get());
      }
      target = next;
    }
  }

  private static HttpRequest request(URI target, PollState state, long deadline) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(target).timeout(Duration.ofNanos(remaining(deadline))).GET();
    request.header("User-Agent", "Mobiflow (https://github.com/mobiflow)");
    request.header("Accept-Encoding", "gzip");
    if (state.etag() != null) {
      request.header("If-None-Match", state.etag());
    }
    if (state.lastModified() != null) {
      request.header("If-Modified-Since", state.lastModified());
    }
    return request.build();
  }

  private static URI location(HttpResponse<?> response, URI from) throws PollFailed {
    String location =
        response
            .headers()
            .firstValue("Location")
            .orElseThrow(
                () ->
                    new PollFailed(
                        response.statusCode(),
                        "HTTP " + response.statusCode() + " without a Location"));
    try {
      return from.resolve(location);
    } catch (IllegalArgumentException e) {
      throw new PollFailed(response.statusCode(), "redirect to an invalid url: " + location);
    }
  }

  private static long declaredLength(HttpResponse<?> response) throws PollFailed {
    Optional<String> header = response.headers().firstValue("Content-Length");
    try {
      return header.isEmpty() ? -1 : Long.parseLong(header.get().trim());
    } catch (NumberFormatException e) {
      throw new PollFailed(response.statusCode(), "malformed Content-Length: " + header.get());
    }
  }

  private static byte[] readBody(
      InputStream in, String contentEncoding, long declaredLength, long maxBytes) {
    try {
      return BoundedBody.read(in, contentEncoding, declaredLength, maxBytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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

  /**
   * A document's own time (GTFS-RT header timestamp, GBFS last_updated) and, for GBFS, when its
   * publisher will have new data; or what kept them from being read.
   *
   * @param value the time, or {@code null} when the document has none or it was set aside
   * @param nextUpdate {@code last_updated + ttl}, or {@code null}
   * @param note why a time was set aside, or that the document is not of its kind's format (its
   *     decoder will say more), or {@code null}
   */
  private record DocumentTime(Instant value, Instant nextUpdate, String note) {

    static final DocumentTime NONE = new DocumentTime(null, null, null);

    static DocumentTime of(HttpFeed feed, byte[] body, Instant polledAt) {
      Instant latest = polledAt.plus(MAX_AHEAD);
      String tooLate = " ignored: more than " + MAX_AHEAD.toHours() + " h after the poll";
      if (FeedFormats.of(feed.kind()).family() == FeedFamily.GTFS_RT) {
        long seconds;
        try {
          FeedMessage message = FeedMessage.parseFrom(body);
          if (!message.getHeader().hasTimestamp()) {
            return NONE;
          }
          seconds = message.getHeader().getTimestamp();
        } catch (InvalidProtocolBufferException e) {
          return noted("not a GTFS-Realtime FeedMessage: " + e.getMessage());
        }
        return seconds >= 0 && seconds <= latest.getEpochSecond()
            ? new DocumentTime(Instant.ofEpochSecond(seconds), null, null)
            : noted("header timestamp " + Long.toUnsignedString(seconds) + tooLate);
      }
      if (FeedFormats.of(feed.kind()).family() != FeedFamily.GBFS) {
        return NONE;
      }
      GbfsEnvelope envelope = GbfsEnvelope.read(body);
      if (envelope == null) {
        return noted("not a GBFS document: not a JSON object");
      }
      if (envelope.lastUpdatedProblem() != null) {
        return noted(envelope.lastUpdatedProblem() + " (ignored)");
      }
      if (envelope.lastUpdated() == null) {
        return NONE;
      }
      return envelope.lastUpdated().isAfter(latest)
          ? noted("last_updated " + envelope.lastUpdated() + tooLate)
          : new DocumentTime(envelope.lastUpdated(), envelope.nextUpdateAt(), null);
    }

    private static DocumentTime noted(String note) {
      return new DocumentTime(null, null, note);
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
        new PollState(
            state.etag(),
            state.lastModified(),
            state.lastDocumentTime(),
            state.contentSha256(),
            errors,
            next));
  }

  private static Instant nextPoll(HttpFeed feed, Instant start, DocumentTime time) {
    Instant byInterval = start.plus(feed.interval());
    if (!feed.followTtl()) {
      return byInterval;
    }
    Instant byTtl = time.nextUpdate();
    return byTtl != null && byTtl.isAfter(byInterval) ? byTtl : byInterval;
  }

  private static String describe(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null
        && cause.getCause() != cause
        && (cause instanceof UncheckedIOException || cause instanceof CompletionException)) {
      cause = cause.getCause();
    }
    if (cause instanceof BoundedBody.Refused) {
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
