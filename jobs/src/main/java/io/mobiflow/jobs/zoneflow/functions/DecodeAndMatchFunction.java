package io.mobiflow.jobs.zoneflow.functions;

import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.common.FeedDecoder;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.common.Rejection;
import io.mobiflow.jobs.zoneflow.ZoneFlowJob;
import io.mobiflow.jobs.zoneflow.match.Matcher;
import io.mobiflow.jobs.zoneflow.match.PlaceIndex;
import io.mobiflow.jobs.zoneflow.match.Places;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Decodes the snapshots of the feed kinds it has a decoder for (several formats can give one event
 * type: counters come as generic CSV, Paris files or DATEX II) and matches each event to a place.
 * Snapshots of other kinds pass by. The events of one snapshot are emitted in event-time order, so
 * that a file whose rows are not sorted (the Paris archives, a GBFS file's last_reported) is not
 * mostly late for the watermark. Every rejection, of the decoder or the matcher, goes to the {@link
 * #DEAD_LETTERS} side output and is counted in the metric group {@code
 * mobiflow.<kind>.rejected.<REASON>}; events that match are counted as {@code matched}.
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

  private final EnumMap<FeedKind, FeedDecoder<T>> decoders;
  private final Matcher<T, M> matcher;
  private final SerializableFunction<M, Instant> eventTime;
  private final Places places;

  private transient PlaceIndex index;
  private final LongCounter snapshotsRead = new LongCounter();
  private final LongCounter eventsMatched = new LongCounter();
  private transient Map<FeedKind, Counter> matched;
  private transient Map<FeedKind, Map<RejectReason, Counter>> rejected;

  public DecodeAndMatchFunction(
      Map<FeedKind, FeedDecoder<T>> decoders,
      Matcher<T, M> matcher,
      SerializableFunction<M, Instant> eventTime,
      Places places) {
    this.decoders = new EnumMap<>(decoders);
    this.matcher = matcher;
    this.eventTime = eventTime;
    this.places = places;
  }

  @Override
  public void open(OpenContext openContext) {
    index = places.index();
    String kinds = decoders.keySet().toString();
    getRuntimeContext().addAccumulator(ZoneFlowJob.SNAPSHOTS_READ + kinds, snapshotsRead);
    getRuntimeContext().addAccumulator(ZoneFlowJob.EVENTS_MATCHED + kinds, eventsMatched);
    matched = new EnumMap<>(FeedKind.class);
    rejected = new EnumMap<>(FeedKind.class);
    for (FeedKind kind : decoders.keySet()) {
      MetricGroup group =
          getRuntimeContext()
              .getMetricGroup()
              .addGroup("mobiflow")
              .addGroup(kind.name().toLowerCase(Locale.ROOT));
      matched.put(kind, group.counter("matched"));
      Map<RejectReason, Counter> byReason = new EnumMap<>(RejectReason.class);
      MetricGroup rejectedGroup = group.addGroup("rejected");
      for (RejectReason reason : RejectReason.values()) {
        byReason.put(reason, rejectedGroup.counter(reason.name()));
      }
      rejected.put(kind, byReason);
    }
  }

  @Override
  public void processElement(FeedSnapshot snapshot, Context context, Collector<M> out) {
    FeedDecoder<T> decoder = decoders.get(snapshot.kind());
    if (decoder == null) {
      return;
    }
    snapshotsRead.add(1);
    List<M> events = new ArrayList<>();
    for (Decoded<T> decoded : decoder.decode(snapshot)) {
      Decoded<M> result = decoded.flatMap(event -> matcher.match(event, decoded.source(), index));
      if (result.isOk()) {
        matched.get(snapshot.kind()).inc();
        events.add(result.value());
      } else {
        rejected.get(snapshot.kind()).get(result.reason()).inc();
        context.output(DEAD_LETTERS, result.rejection());
      }
    }
    eventsMatched.add(events.size());
    events.sort(Comparator.comparing(eventTime::apply));
    events.forEach(out::collect);
  }
}
