package io.mobiflow.connectors.source.http;

import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.Sha256;
import io.mobiflow.connectors.feeds.FeedFormats;
import io.mobiflow.connectors.source.SnapshotDirectory;
import io.mobiflow.connectors.source.http.PollHealth.Status;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Records live feeds into the snapshot layout of {@link SnapshotDirectory}, so that what was
 * recorded replays later with {@link io.mobiflow.connectors.source.SnapshotReplaySource}: every new
 * document becomes {@code <out>/<feed-id>/<kind>/<epoch-seconds>.<ext>} (written to a temporary
 * name, then moved, so a replay never sees half a file); polls that bring nothing new write
 * nothing. Each poll's health goes to a listener.
 *
 * <p>Each feed is polled on its own thread and schedule (one thread per feed of the list), so a
 * server that hangs or trickles its body (each poll ends by the feed's timeout) never delays the
 * other feeds. Whatever one poll meets (a poison document, an error, a file that cannot be written)
 * is that feed's health line; the other feeds go on.
 *
 * <p>Identical content is stored once, whatever the server's ETag or Last-Modified say: {@link
 * FeedPoller} compares each document's SHA-256 with the last one's. At start, the last one is the
 * newest file already in the feed's folder (one file read per feed), so a recording restarted into
 * the same folder does not store again the document it stored last.
 *
 * <p>With a retention ({@code mobiflow record --keep}), each feed's thread deletes the snapshots of
 * its folder fetched longer ago than the retention (by the epoch seconds of their names), at its
 * first poll and then at most once a minute: a recording left running keeps a rolling window of
 * documents. Other files in the folder are left alone.
 */
public final class SnapshotRecorder {

  /** How often a feed's folder is looked through for snapshots past the retention. */
  static final Duration DELETE_EVERY = Duration.ofMinutes(1);

  private final Path out;
  private final Clock clock;
  private final Duration keep;
  private final Consumer<PollHealth> health;
  private final Object reporting = new Object();

  /** A recorder that keeps every snapshot. */
  public SnapshotRecorder(Path out, Clock clock, Consumer<PollHealth> health) {
    this(out, clock, null, health);
  }

  /**
   * @param out the snapshot folder to write into
   * @param clock the time of polls and file names
   * @param keep how long a snapshot is kept after its fetch, or {@code null}: for ever
   * @param health called once per poll, one call at a time, from the feeds' threads
   */
  public SnapshotRecorder(Path out, Clock clock, Duration keep, Consumer<PollHealth> health) {
    this.out = out;
    this.clock = clock;
    this.keep = keep;
    this.health = health;
  }

  /**
   * Polls {@code feeds} until {@code duration} has passed or each feed was polled {@code polls}
   * times, whichever comes first (a poll under way at the end finishes, within its timeout).
   *
   * @return the files written
   * @throws IOException when a feed's folder cannot be read at start
   */
  public List<Path> record(List<HttpFeed> feeds, Duration duration, long polls)
      throws IOException, InterruptedException {
    Instant end = clock.instant().plus(duration);
    List<PollState> initial = new ArrayList<>();
    for (HttpFeed feed : feeds) {
      initial.add(initialState(feed));
    }
    ExecutorService threads =
        Executors.newFixedThreadPool(
            Math.max(1, feeds.size()),
            r -> {
              Thread thread = new Thread(r, "mobiflow-record");
              thread.setDaemon(true);
              return thread;
            });
    try (FeedPoller poller = new FeedPoller(clock)) {
      List<Future<List<Path>>> recordings = new ArrayList<>();
      for (int i = 0; i < feeds.size(); i++) {
        HttpFeed feed = feeds.get(i);
        PollState state = initial.get(i);
        recordings.add(threads.submit(() -> recordFeed(poller, feed, state, end, polls)));
      }
      List<Path> written = new ArrayList<>();
      for (Future<List<Path>> recording : recordings) {
        try {
          written.addAll(recording.get());
        } catch (ExecutionException e) { // only the health listener can throw
          throw e.getCause() instanceof RuntimeException runtime
              ? runtime
              : new IllegalStateException(e.getCause());
        }
      }
      return written;
    } finally {
      threads.shutdownNow();
    }
  }

  /** One feed's recording, on its own thread. */
  private List<Path> recordFeed(
      FeedPoller poller, HttpFeed feed, PollState initial, Instant end, long polls)
      throws InterruptedException {
    List<Path> written = new ArrayList<>();
    PollState state = initial;
    Instant deletedAt = null;
    for (long done = 0; done < polls; done++) {
      Instant due = state.nextPollAt().isBefore(end) ? state.nextPollAt() : end;
      long sleep = Duration.between(clock.instant(), due).toMillis();
      if (sleep > 0) {
        Thread.sleep(sleep);
      }
      if (!clock.instant().isBefore(end)) {
        break;
      }
      FeedPoller.Outcome outcome = poller.poll(feed, state);
      PollHealth polled = outcome.result().health();
      FeedSnapshot snapshot = outcome.result().snapshot();
      try {
        if (snapshot != null) {
          written.add(write(snapshot));
        }
        state = outcome.next();
      } catch (IOException | RuntimeException e) {
        // not stored: keep the last validators, so that the next poll fetches it again
        polled = writeFailed(polled, e);
        state = state.pollAgainAt(outcome.next().nextPollAt());
      }
      Instant now = clock.instant();
      if (keep != null && (deletedAt == null || !now.isBefore(deletedAt.plus(DELETE_EVERY)))) {
        deletedAt = now;
        try {
          deleteFetchedBefore(feed, now.minus(keep));
        } catch (IOException | RuntimeException e) {
          polled = withReason(polled, "old snapshots not deleted: " + e);
        }
      }
      synchronized (reporting) {
        health.accept(polled);
      }
    }
    return written;
  }

  private Path write(FeedSnapshot snapshot) throws IOException {
    Path file =
        out.resolve(
            SnapshotDirectory.fileOf(
                snapshot.feedId(),
                snapshot.kind(),
                snapshot.fetchedAt(),
                FeedFormats.of(snapshot.kind()).extension()));
    Files.createDirectories(file.getParent());
    Path partial = Files.createTempFile(file.getParent(), ".recording-", ".part");
    try {
      Files.write(partial, snapshot.payload());
      Files.move(
          partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(partial);
    }
    return file;
  }

  /** Deletes the feed's snapshots fetched before {@code cutoff} (by the seconds of their names). */
  private void deleteFetchedBefore(HttpFeed feed, Instant cutoff) throws IOException {
    Path folder = out.resolve(SnapshotDirectory.folderOf(feed.feedId(), feed.kind()));
    if (!Files.isDirectory(folder)) {
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
      for (Path file : files) {
        long seconds = fetchSeconds(file);
        if (seconds >= 0 && seconds < cutoff.getEpochSecond()) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  /**
   * The epoch seconds a snapshot's name gives, or -1 for another file (hidden, partial, foreign).
   */
  private static long fetchSeconds(Path file) {
    String name = file.getFileName().toString();
    int dot = name.indexOf('.');
    if (dot <= 0 || !Files.isRegularFile(file) || !name.substring(0, dot).matches("\\d{1,18}")) {
      return -1;
    }
    return Long.parseLong(name.substring(0, dot));
  }

  private static PollHealth withReason(PollHealth polled, String problem) {
    return new PollHealth(
        polled.feedId(),
        polled.url(),
        polled.polledAt(),
        polled.status(),
        polled.httpStatus(),
        polled.reason() == null ? problem : polled.reason() + "; " + problem,
        polled.bytes(),
        polled.latencyMillis(),
        polled.nextPollAt());
  }

  private static PollHealth writeFailed(PollHealth polled, Exception e) {
    return new PollHealth(
        polled.feedId(),
        polled.url(),
        polled.polledAt(),
        Status.ERROR,
        polled.httpStatus(),
        "document not written: " + e,
        polled.bytes(),
        polled.latencyMillis(),
        polled.nextPollAt());
  }

  /**
   * A new feed's state, with the hash of the newest document already recorded in its folder (by the
   * epoch seconds of its name; none when the folder is empty or the file is over the feed's size
   * limit).
   */
  private PollState initialState(HttpFeed feed) throws IOException {
    Path folder = out.resolve(SnapshotDirectory.folderOf(feed.feedId(), feed.kind()));
    if (!Files.isDirectory(folder)) {
      return PollState.initial();
    }
    Path newest = null;
    long newestSeconds = Long.MIN_VALUE;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
      for (Path file : files) {
        long seconds =
            fetchSeconds(file); // hidden, partial, foreign: SnapshotDirectory's to report
        if (seconds >= 0 && seconds > newestSeconds) {
          newest = file;
          newestSeconds = seconds;
        }
      }
    }
    if (newest == null || Files.size(newest) > feed.maxBytes()) {
      return PollState.initial();
    }
    return PollState.afterDocument(Sha256.hex(Files.readAllBytes(newest)));
  }
}
