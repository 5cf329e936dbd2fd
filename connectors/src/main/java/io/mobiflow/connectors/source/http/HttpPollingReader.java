package io.mobiflow.connectors.source.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.core.io.InputStatus;

/**
 * Polls its feeds off the task thread: a poll due is run on a thread of its own, its result queued,
 * and the task thread emits it with the poll time as the record's timestamp. The task thread never
 * waits on the network; it is woken when a result arrives or a poll falls due. A feed has at most
 * one poll under way, so there are at most as many polling threads as feeds, and a feed whose
 * server hangs or trickles (each poll ends by the feed's timeout) never delays another.
 */
final class HttpPollingReader implements SourceReader<PollResult, HttpFeedSplit> {

  private static final Duration IDLE_CHECK = Duration.ofSeconds(1);

  private final Clock clock = Clock.systemUTC();
  private final Map<String, HttpFeedSplit> splits = new LinkedHashMap<>();
  private final Set<String> inFlight = new HashSet<>();
  private final ConcurrentLinkedQueue<Completed> completed = new ConcurrentLinkedQueue<>();
  private final ExecutorService polls = Executors.newCachedThreadPool(daemon("mobiflow-http-poll"));
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(daemon("mobiflow-http-timer"));
  private final FeedPoller poller = new FeedPoller(clock);
  private CompletableFuture<Void> available = new CompletableFuture<>();
  private boolean noMoreSplits;

  private record Completed(String splitId, FeedPoller.Outcome outcome) {}

  @Override
  public void start() {}

  @Override
  public synchronized InputStatus pollNext(ReaderOutput<PollResult> output) {
    Completed done = completed.poll();
    if (done != null) {
      inFlight.remove(done.splitId());
      HttpFeedSplit split = splits.get(done.splitId());
      if (split != null) {
        splits.put(done.splitId(), split.after(done.outcome().next()));
      }
      PollResult result = done.outcome().result();
      output.collect(result, result.health().polledAt().toEpochMilli());
      return InputStatus.MORE_AVAILABLE;
    }
    startDuePolls();
    if (noMoreSplits
        && inFlight.isEmpty()
        && splits.values().stream().allMatch(s -> s.pollsLeft() <= 0)) {
      return InputStatus.END_OF_INPUT;
    }
    return InputStatus.NOTHING_AVAILABLE;
  }

  private void startDuePolls() {
    Instant now = clock.instant();
    Instant earliest = now.plus(IDLE_CHECK);
    for (HttpFeedSplit split : splits.values()) {
      if (inFlight.contains(split.splitId()) || split.pollsLeft() <= 0) {
        continue;
      }
      if (!split.state().nextPollAt().isAfter(now)) {
        inFlight.add(split.splitId());
        polls.execute(
            () -> {
              completed.add(
                  new Completed(split.splitId(), poller.poll(split.feed(), split.state())));
              wakeUp();
            });
      } else if (split.state().nextPollAt().isBefore(earliest)) {
        earliest = split.state().nextPollAt();
      }
    }
    long delay = Math.max(1, Duration.between(now, earliest).toMillis());
    timer.schedule(this::wakeUp, delay, TimeUnit.MILLISECONDS);
  }

  private synchronized void wakeUp() {
    available.complete(null);
  }

  @Override
  public synchronized CompletableFuture<Void> isAvailable() {
    if (!completed.isEmpty() || available.isDone()) {
      available = new CompletableFuture<>();
      return CompletableFuture.completedFuture(null);
    }
    return available;
  }

  @Override
  public synchronized List<HttpFeedSplit> snapshotState(long checkpointId) {
    return new ArrayList<>(splits.values());
  }

  @Override
  public synchronized void addSplits(List<HttpFeedSplit> newSplits) {
    for (HttpFeedSplit split : newSplits) {
      splits.put(split.splitId(), split);
    }
    wakeUp();
  }

  @Override
  public synchronized void notifyNoMoreSplits() {
    noMoreSplits = true;
    wakeUp();
  }

  @Override
  public void close() {
    timer.shutdownNow();
    polls.shutdownNow();
    poller.close();
  }

  private static ThreadFactory daemon(String name) {
    return r -> {
      Thread thread = new Thread(r, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
