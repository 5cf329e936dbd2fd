package io.mobiflow.connectors.source.http;

import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One polled feed as a split of {@link HttpPollingSource}: the feed, what the poller remembers of
 * it (checkpointed, so a restarted job keeps its ETags, freshness and backoff), and how many polls
 * are left ({@link Long#MAX_VALUE} for a live source).
 *
 * @param feed the endpoint
 * @param state the poller's memory of it
 * @param pollsLeft polls still to make
 */
public record HttpFeedSplit(HttpFeed feed, PollState state, long pollsLeft) implements SourceSplit {

  @Override
  public String splitId() {
    return feed.feedId();
  }

  HttpFeedSplit after(PollState next) {
    return new HttpFeedSplit(feed, next, pollsLeft == Long.MAX_VALUE ? pollsLeft : pollsLeft - 1);
  }
}
