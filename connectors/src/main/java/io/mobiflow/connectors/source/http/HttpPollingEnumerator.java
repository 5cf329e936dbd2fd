package io.mobiflow.connectors.source.http;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

/**
 * Hands each feed to one reader, fixed by the feed id's hash, when that reader registers; splits of
 * a failed reader come back and go to it again when it re-registers. Feeds are not discovered at
 * run time: the list is the configuration.
 */
final class HttpPollingEnumerator
    implements SplitEnumerator<HttpFeedSplit, Collection<HttpFeedSplit>> {

  private final SplitEnumeratorContext<HttpFeedSplit> context;
  private final List<HttpFeedSplit> unassigned;

  HttpPollingEnumerator(
      SplitEnumeratorContext<HttpFeedSplit> context, Collection<HttpFeedSplit> splits) {
    this.context = context;
    this.unassigned = new ArrayList<>(splits);
  }

  @Override
  public void start() {}

  @Override
  public void handleSplitRequest(int subtaskId, String requesterHostname) {}

  @Override
  public void addSplitsBack(List<HttpFeedSplit> splits, int subtaskId) {
    unassigned.addAll(splits);
  }

  @Override
  public void addReader(int subtaskId) {
    List<HttpFeedSplit> mine = new ArrayList<>();
    int readers = context.currentParallelism();
    unassigned.removeIf(
        split -> {
          boolean its = Math.floorMod(split.splitId().hashCode(), readers) == subtaskId;
          if (its) {
            mine.add(split);
          }
          return its;
        });
    for (HttpFeedSplit split : mine) {
      context.assignSplit(split, subtaskId);
    }
    context.signalNoMoreSplits(subtaskId);
  }

  @Override
  public Collection<HttpFeedSplit> snapshotState(long checkpointId) {
    return new ArrayList<>(unassigned);
  }

  @Override
  public void close() {}
}
