package io.mobiflow.connectors.source.http;

import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.source.SnapshotDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Records live feeds into the snapshot layout of {@link SnapshotDirectory}, so that what was
 * recorded replays later with {@link io.mobiflow.connectors.source.SnapshotReplaySource}: every new
 * document becomes {@code <out>/<feed-id>/<kind>/<epoch-seconds>.<ext>} (written to a temporary
 * name, then moved, so a replay never sees half a file); polls that bring nothing new write
 * nothing. Each poll's health goes to a listener.
 */
public final class SnapshotRecorder {

  private final Path out;
  private final Clock clock;
  private final Consumer<PollHealth> health;

  public SnapshotRecorder(Path out, Clock clock, Consumer<PollHealth> health) {
    this.out = out;
    this.clock = clock;
    this.health = health;
  }

  /**
   * Polls {@code feeds} until {@code duration} has passed or each feed was polled {@code polls}
   * times, whichever comes first.
   *
   * @return the files written
   */
  public List<Path> record(List<HttpFeed> feeds, Duration duration, long polls)
      throws IOException, InterruptedException {
    Instant end = clock.instant().plus(duration);
    List<PollState> states = new ArrayList<>();
    long[] done = new long[feeds.size()];
    feeds.forEach(f -> states.add(PollState.initial()));
    List<Path> written = new ArrayList<>();
    try (FeedPoller poller = new FeedPoller(clock)) {
      while (true) {
        Instant now = clock.instant();
        Instant next = end;
        for (int i = 0; i < feeds.size(); i++) {
          if (done[i] >= polls) {
            continue;
          }
          if (!states.get(i).nextPollAt().isAfter(now)) {
            FeedPoller.Outcome outcome = poller.poll(feeds.get(i), states.get(i));
            states.set(i, outcome.next());
            done[i]++;
            health.accept(outcome.result().health());
            if (outcome.result().snapshot() != null) {
              written.add(write(outcome.result().snapshot()));
            }
          }
          if (done[i] < polls && states.get(i).nextPollAt().isBefore(next)) {
            next = states.get(i).nextPollAt();
          }
        }
        boolean pending = false;
        for (long d : done) {
          pending |= d < polls;
        }
        if (!pending || !clock.instant().isBefore(end)) {
          return written;
        }
        long sleep = Duration.between(clock.instant(), next).toMillis();
        if (sleep > 0) {
          Thread.sleep(sleep);
        }
      }
    }
  }

  private Path write(FeedSnapshot snapshot) throws IOException {
    Path file =
        out.resolve(
            SnapshotDirectory.fileOf(
                snapshot.feedId(),
                snapshot.kind(),
                snapshot.fetchedAt(),
                snapshot.kind().fileExtension()));
    Files.createDirectories(file.getParent());
    Path partial = Files.createTempFile(file.getParent(), ".recording-", ".part");
    Files.write(partial, snapshot.payload());
    Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return file;
  }
}
