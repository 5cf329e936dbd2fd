package io.mobiflow.jobs.zoneflow.functions;

import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.common.FeedDecoder;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.common.Rejection;
import io.mobiflow.jobs.common.DeadLetters;
import io.mobiflow.jobs.common.JobAccumulators;
import io.mobiflow.jobs.common.OperatorFailures;
import io.mobiflow.jobs.metrics.FeedMetrics;
import io.mobiflow.jobs.metrics.JobMetrics;
import io.mobiflow.jobs.zoneflow.EventTimeBounds;
import io.mobiflow.jobs.zoneflow.match.Matcher;
import io.mobiflow.jobs.zoneflow.match.PlaceIndex;
import io.mobiflow.jobs.zoneflow.match.Places;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple4;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Decodes the snapshots of the feed kinds it has a decoder for (several formats can give one event
 * type: counters come as generic CSV, Paris files or DATEX II) and matches each event to a place.
 * Snapshots of other kinds pass by. The events of one snapshot are emitted in event-time order, so
 * that a file whose rows are not sorted (the Paris archives, a GBFS file's last_reported) is not
 * mostly late for its feed's clock.
 *
 * <p>Keyed by feed: each feed's event time is its own {@link FeedClock} (keyed state {@code
 * feed-clock}, the feed's newest event time); an event late for it is a {@link RejectReason#LATE}
 * dead letter with the event's source, unless its gate may still know it as a repeat ({@link
 * FeedClock#rejectsHere}): then the gate decides ({@link ObservationGate}). Events go out as {@code
 * (feed id, source watermark, the feed's watermark before the event, event)}: {@link
 * PerFeedWatermarks} makes the tasks' watermarks of them, {@link DepartureFunction} decides by the
 * feed's watermark. An event whose time lies too far from its document's fetch time ({@link
 * EventTimeBounds}) is rejected as {@link RejectReason#INVALID_VALUE}; an exception thrown while
 * decoding a document, or matching one of its events, rejects that document or event as {@link
 * RejectReason#OPERATOR_FAILURE} and the job goes on. Every rejection goes to the {@link
 * DeadLetters#TAG} side output. Per kind and feed ({@link FeedMetrics}), the documents read, the
 * events let through, the rejections per reason and the late events are counted, and the seconds
 * since the feed's last document measured.
 *
 * @param <T> the decoded event
 * @param <M> its matched form
 */
public final class DecodeAndMatchFunction<T, M>
    extends KeyedProcessFunction<String, FeedSnapshot, Tuple4<String, Long, Long, M>> {

  private static final long serialVersionUID = 1L;

  private final String name;
  private final EnumMap<FeedKind, FeedDecoder<T>> decoders;
  private final Matcher<T, M> matcher;
  private final SerializableFunction<M, Instant> eventTime;
  private final EventTimeBounds bounds;
  private final FeedClock clock;
  private final Places places;

  private transient PlaceIndex index;
  private transient ValueState<Long> feedNewest;
  private final LongCounter snapshotsRead = new LongCounter();
  private final LongCounter eventsMatched = new LongCounter();
  private transient FeedMetrics metrics;

  /**
   * @param name the operator's name in dead letters of {@link RejectReason#OPERATOR_FAILURE}
   * @param decoders the decoder of each kind read
   * @param matcher places a decoded event
   * @param eventTime the event time of a matched event
   * @param bounds how far from its document's fetch time an event time may be
   * @param clock which events are late for their feed
   * @param places the reference data
   */
  public DecodeAndMatchFunction(
      String name,
      Map<FeedKind, FeedDecoder<T>> decoders,
      Matcher<T, M> matcher,
      SerializableFunction<M, Instant> eventTime,
      EventTimeBounds bounds,
      FeedClock clock,
      Places places) {
    this.name = name;
    this.decoders = new EnumMap<>(decoders);
    this.matcher = matcher;
    this.eventTime = eventTime;
    this.bounds = bounds;
    this.clock = clock;
    this.places = places;
  }

  @Override
  public void open(OpenContext openContext) {
    index = places.index();
    feedNewest = getRuntimeContext().getState(new ValueStateDescriptor<>("feed-clock", Types.LONG));
    String kinds = decoders.keySet().toString();
    getRuntimeContext().addAccumulator(JobAccumulators.SNAPSHOTS_READ + kinds, snapshotsRead);
    getRuntimeContext().addAccumulator(JobAccumulators.EVENTS_MATCHED + kinds, eventsMatched);
    metrics = new FeedMetrics(getRuntimeContext().getMetricGroup());
  }

  @Override
  public void processElement(
      FeedSnapshot snapshot, Context context, Collector<Tuple4<String, Long, Long, M>> out)
      throws IOException {
    FeedDecoder<T> decoder = decoders.get(snapshot.kind());
    if (decoder == null) {
      return;
    }
    snapshotsRead.add(1);
    String kind = JobMetrics.kindLabel(snapshot.kind());
    metrics.document(kind, snapshot.feedId());
    List<Decoded<T>> decoded;
    try {
      decoded = decoder.decode(snapshot);
    } catch (RuntimeException e) {
      reject(snapshot, OperatorFailures.rejection(name, snapshot.source(), e), context);
      return;
    }
    List<Decoded<M>> events = new ArrayList<>();
    for (Decoded<T> entity : decoded) {
      Decoded<M> result;
      try {
        result = entity.flatMap(event -> matcher.match(event, entity.source(), index));
        if (result.isOk()) {
          String violation =
              bounds.violation(eventTime.apply(result.value()), snapshot.fetchedAt());
          if (violation != null) {
            result = Decoded.rejected(result.source(), RejectReason.INVALID_VALUE, violation);
          }
        }
      } catch (RuntimeException e) {
        reject(snapshot, OperatorFailures.rejection(name, entity.source(), e), context);
        continue;
      }
      if (result.isOk()) {
        events.add(result);
      } else {
        reject(snapshot, result.rejection(), context);
      }
    }
    eventsMatched.add(events.size());
    // stable: a document's order on ties
    events.sort(Comparator.comparing(event -> eventTime.apply(event.value())));
    Long stored = feedNewest.value();
    long newest = stored == null ? FeedClock.NONE : stored;
    long sourceWatermark = context.timerService().currentWatermark();
    for (Decoded<M> event : events) {
      long at = eventTime.apply(event.value()).toEpochMilli();
      if (clock.rejectsHere(at, newest)) {
        metrics.late(kind, snapshot.feedId());
        reject(snapshot, late(event, at, newest, snapshot.feedId()), context);
        continue;
      }
      metrics.event(kind, snapshot.feedId());
      out.collect(
          Tuple4.of(snapshot.feedId(), sourceWatermark, clock.watermark(newest), event.value()));
      newest = Math.max(newest, at);
    }
    if (newest != FeedClock.NONE) {
      feedNewest.update(newest);
    }
  }

  private Rejection late(Decoded<M> event, long at, long newest, String feedId) {
    return new Rejection(
        RejectReason.LATE,
        event.source(),
        "observation of "
            + Instant.ofEpochMilli(at)
            + " came after feed "
            + feedId
            + " reached "
            + Instant.ofEpochMilli(newest)
            + " (out of order by more than "
            + clock.outOfOrderness().plus(clock.allowedLateness())
            + "): "
            + event.value());
  }

  private void reject(FeedSnapshot snapshot, Rejection rejection, Context context) {
    metrics.rejected(JobMetrics.kindLabel(snapshot.kind()), snapshot.feedId(), rejection.reason());
    context.output(DeadLetters.TAG, rejection);
  }
}
