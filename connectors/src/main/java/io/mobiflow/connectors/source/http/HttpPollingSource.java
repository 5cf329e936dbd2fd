package io.mobiflow.connectors.source.http;

import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A FLIP-27 source polling live GTFS-Realtime, GBFS and counter endpoints over HTTP. Each feed is a
 * split with its own interval (or GBFS ttl), conditional requests, timeout, size limit and backoff
 * (see {@link FeedPoller}); its poll state is checkpointed. Every poll emits a {@link PollResult}:
 * a health record, with the new document when there is one; the record's timestamp is the poll
 * time.
 */
public final class HttpPollingSource
    implements Source<PollResult, HttpFeedSplit, Collection<HttpFeedSplit>> {

  private static final long serialVersionUID = 1L;

  private final List<HttpFeed> feeds;
  private final long pollsPerFeed;

  private HttpPollingSource(List<HttpFeed> feeds, long pollsPerFeed) {
    if (feeds.isEmpty()) {
      throw new IllegalArgumentException("no feed to poll");
    }
    if (feeds.stream().map(HttpFeed::feedId).distinct().count() != feeds.size()) {
      throw new IllegalArgumentException("feed ids must be unique");
    }
    this.feeds = List.copyOf(feeds);
    this.pollsPerFeed = pollsPerFeed;
  }

  /** A live source: polls for as long as the job runs. */
  public static HttpPollingSource live(List<HttpFeed> feeds) {
    return new HttpPollingSource(feeds, Long.MAX_VALUE);
  }

  /** A bounded source that stops after {@code polls} polls of each feed (tests, recordings). */
  public static HttpPollingSource bounded(List<HttpFeed> feeds, long polls) {
    return new HttpPollingSource(feeds, polls);
  }

  @Override
  public Boundedness getBoundedness() {
    return pollsPerFeed == Long.MAX_VALUE ? Boundedness.CONTINUOUS_UNBOUNDED : Boundedness.BOUNDED;
  }

  @Override
  public SourceReader<PollResult, HttpFeedSplit> createReader(SourceReaderContext context) {
    return new HttpPollingReader();
  }

  @Override
  public SplitEnumerator<HttpFeedSplit, Collection<HttpFeedSplit>> createEnumerator(
      SplitEnumeratorContext<HttpFeedSplit> context) {
    return new HttpPollingEnumerator(
        context,
        feeds.stream().map(f -> new HttpFeedSplit(f, PollState.initial(), pollsPerFeed)).toList());
  }

  @Override
  public SplitEnumerator<HttpFeedSplit, Collection<HttpFeedSplit>> restoreEnumerator(
      SplitEnumeratorContext<HttpFeedSplit> context, Collection<HttpFeedSplit> checkpoint) {
    return new HttpPollingEnumerator(context, checkpoint);
  }

  @Override
  public SimpleVersionedSerializer<HttpFeedSplit> getSplitSerializer() {
    return HttpFeedSplitSerializer.INSTANCE;
  }

  @Override
  public SimpleVersionedSerializer<Collection<HttpFeedSplit>> getEnumeratorCheckpointSerializer() {
    return new HttpFeedSplitSerializer.Checkpoint();
  }
}
