package io.mobiflow.jobs.zoneflow.functions;

import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.common.FeedDecoder;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.common.Rejection;
import io.mobiflow.jobs.zoneflow.match.Matcher;
import io.mobiflow.jobs.zoneflow.match.PlaceIndex;
import io.mobiflow.jobs.zoneflow.match.Places;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Decodes the snapshots of one feed kind and matches each event to a place. Snapshots of other
 * kinds pass by (other instances handle them). Every rejection, whether of the decoder or the
 * matcher, goes to the {@link #DEAD_LETTERS} side output and is counted in the metric group {@code
 * mobiflow.<kind>.rejected.<REASON>}; events that match are emitted and counted as {@code matched}.
 *
 * @param <T> the decoded event
 * @param <M> its matched form
 */
public final class DecodeAndMatchFunction<T, M> extends ProcessFunction<FeedSnapshot, M> {

  /** Rejected input of every stage and kind. */
  public static final OutputTag<Rejection> DEAD_LETTERS =
      new OutputTag<>("dead-letters") {
        private static final long serialVersionUID = 1L;
      };

  private static final long serialVersionUID = 1L;

  private final FeedKind kind;
  private final FeedDecoder<T> decoder;
  private final Matcher<T, M> matcher;
  private final Places places;

  private transient PlaceIndex index;
  private transient Counter matched;
  private transient Map<RejectReason, Counter> rejected;

  public DecodeAndMatchFunction(
      FeedKind kind, FeedDecoder<T> decoder, Matcher<T, M> matcher, Places places) {
    this.kind = kind;
    this.decoder = decoder;
    this.matcher = matcher;
    this.places = places;
  }

  @Override
  public void open(OpenContext openContext) {
    index = places.index();
    MetricGroup group =
        getRuntimeContext()
            .getMetricGroup()
            .addGroup("mobiflow")
            .addGroup(kind.name().toLowerCase());
    matched = group.counter("matched");
    rejected = new EnumMap<>(RejectReason.class);
    MetricGroup rejectedGroup = group.addGroup("rejected");
    for (RejectReason reason : RejectReason.values()) {
      rejected.put(reason, rejectedGroup.counter(reason.name()));
    }
  }

  @Override
  public void processElement(FeedSnapshot snapshot, Context context, Collector<M> out) {
    if (snapshot.kind() != kind) {
      return;
    }
    for (Decoded<T> decoded : decoder.decode(snapshot)) {
      Decoded<M> result = decoded.flatMap(event -> matcher.match(event, decoded.source(), index));
      if (result.isOk()) {
        matched.inc();
        out.collect(result.value());
      } else {
        rejected.get(result.reason()).inc();
        context.output(DEAD_LETTERS, result.rejection());
      }
    }
  }
}
