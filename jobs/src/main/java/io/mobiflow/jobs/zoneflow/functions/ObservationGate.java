package io.mobiflow.jobs.zoneflow.functions;

import io.mobiflow.connectors.common.DeadLetterRedaction;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.common.Rejection;
import io.mobiflow.connectors.common.SourceRef;
import io.mobiflow.jobs.common.DeadLetters;
import io.mobiflow.jobs.common.OperatorFailures;
import io.mobiflow.jobs.metrics.FeedMetrics;
import io.mobiflow.jobs.metrics.JobMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Where the observations of one feed kind enter event time (the key is the observed entity: a
 * counter site, a vehicle, a trip's stop), letting each through once and on time:
 *
 * <ul>
 *   <li>the same observation seen again (the same entity and time: a counter reading of the same
 *       period in the next file, a vehicle position of the same timestamp in the next document, a
 *       stop's prediction of the same time) is dropped and counted ({@link JobMetrics#DUPLICATES}).
 *       A repeat is not an error, so it is not a dead letter. The times seen are kept until the
 *       watermark passes them by {@code remembered} (the window length and the allowed lateness);
 *   <li>an observation late for its own feed ({@link FeedClock#isLateFor}, when the gate is given
 *       the feed of each observation: {@link #lateForFeed}) and not a repeat is a LATE dead letter
 *       naming its feed. The feed's clock passes such observations on only while the times seen are
 *       still remembered, so telling a repeat from a late observation does not depend on when
 *       watermarks arrive;
 *   <li>an observation at or behind the watermark is a LATE dead letter naming the gate.
 * </ul>
 *
 * <p>Both kinds of late observations are counted per feed ({@link JobMetrics#LATE} and {@link
 * JobMetrics#REJECTED} for LATE), under the kind label of {@link #ofKinds}.
 *
 * <p>Lateness is decided before, per feed ({@link FeedClock}, in {@link DecodeAndMatchFunction}),
 * and the watermarks are made of the feeds' bounds ({@link PerFeedWatermarks}): an observation let
 * through there is never behind a watermark here, whatever the parallelism and however the tasks
 * interleave. The check here is a safety net, with its own metric and dead letters naming the gate:
 * it catches what the feeds' bounds cannot promise, a feed first seen, or resuming after it fell
 * idle, behind the watermark the other feeds made. Downstream operators merge several channels
 * (whose interleaving varies); they never see an event behind its own channel's watermark, so none
 * of them has to decide lateness against a merged watermark.
 *
 * @param <M> the matched observation
 */
public final class ObservationGate<M> extends KeyedProcessFunction<String, M, M> {

  private static final long serialVersionUID = 1L;

  private final String kind;
  private final long rememberedMillis;
  private String kindLabel;
  private boolean vehicleKeys;
  private FeedClock clock;
  private SerializableFunction<M, String> feed;
  private SerializableFunction<M, Long> feedWatermark;

  private transient MapState<Long, Boolean> seen;
  private transient FeedMetrics metrics;

  /**
   * A gate for lateness only: every observation is new.
   *
   * @param kind the feed kind, for the metrics and the dead letters ({@code counter}, ...)
   */
  public static <M> ObservationGate<M> onTime(String kind) {
    return new ObservationGate<>(kind, null);
  }

  /**
   * A gate that also drops repeats: observations of the same key and event time.
   *
   * @param kind the feed kind, for the metrics and the dead letters ({@code counter}, ...)
   * @param remembered how long past the watermark an observation's time is remembered
   */
  public static <M> ObservationGate<M> onceAndOnTime(String kind, Duration remembered) {
    return new ObservationGate<>(kind, remembered);
  }

  /**
   * This gate's keys are ids of vehicles: a dead letter names its key as {@link
   * DeadLetterRedaction#vehicle}, so that redaction pseudonymises it.
   */
  public ObservationGate<M> keyedByVehicle() {
    this.vehicleKeys = true;
    return this;
  }

  /**
   * Observations late for their own feed are LATE dead letters here, unless they are repeats:
   * {@code feed} and {@code feedWatermark} give each observation's feed and that feed's watermark
   * when it was let through ({@link DecodeAndMatchFunction}).
   */
  public ObservationGate<M> lateForFeed(
      FeedClock clock,
      SerializableFunction<M, String> feed,
      SerializableFunction<M, Long> feedWatermark) {
    this.clock = clock;
    this.feed = feed;
    this.feedWatermark = feedWatermark;
    return this;
  }

  /**
   * The feed kinds whose observations pass this gate, for the {@code kind} label of its metrics
   * ({@link JobMetrics#kindLabel(Collection)}); without it, the gate's own kind.
   */
  public ObservationGate<M> ofKinds(Collection<FeedKind> kinds) {
    this.kindLabel = JobMetrics.kindLabel(kinds);
    return this;
  }

  private ObservationGate(String kind, Duration remembered) {
    this.kind = kind;
    this.kindLabel = kind.replace('-', '_');
    this.rememberedMillis = remembered == null ? -1 : remembered.toMillis();
  }

  @Override
  public void open(OpenContext openContext) {
    metrics = new FeedMetrics(getRuntimeContext().getMetricGroup());
    seen =
        getRuntimeContext()
            .getMapState(new MapStateDescriptor<>("seen-times", Types.LONG, Types.BOOLEAN));
  }

  @Override
  public void processElement(M observation, Context context, Collector<M> out) throws Exception {
    OperatorFailures.guard(
        "event-time-gate",
        entity(context.getCurrentKey()),
        rejection -> context.output(DeadLetters.TAG, rejection),
        () -> {
          long at = context.timestamp();
          String feedId = feed == null ? FeedMetrics.OTHER_FEED : feed.apply(observation);
          long feedAt = clock == null ? FeedClock.NONE : feedWatermark.apply(observation);
          boolean lateForFeed = clock != null && clock.isLateFor(at, feedAt);
          if (rememberedMillis >= 0) {
            if (seen.contains(at)) {
              metrics.duplicate(kindLabel, feedId);
              return;
            }
            if (!lateForFeed) {
              seen.put(at, true);
              context.timerService().registerEventTimeTimer(at + rememberedMillis);
            }
          }
          if (lateForFeed) {
            late(feedId);
            context.output(
                DeadLetters.TAG,
                new Rejection(
                    RejectReason.LATE,
                    SourceRef.file(feedId, null),
                    "observation of "
                        + Instant.ofEpochMilli(at)
                        + " came after feed "
                        + feedId
                        + " had passed "
                        + Instant.ofEpochMilli(feedAt)
                        + " (out of order by more than "
                        + clock.outOfOrderness().plus(clock.allowedLateness())
                        + "), and is not a repeat: "
                        + observation));
            return;
          }
          long watermark = context.timerService().currentWatermark();
          if (at <= watermark) {
            late(feedId);
            context.output(
                DeadLetters.TAG,
                new Rejection(
                    RejectReason.LATE,
                    SourceRef.file(kind + "-gate", null),
                    "observation of "
                        + Instant.ofEpochMilli(at)
                        + " came after the "
                        + kind
                        + " watermark of the other feeds reached "
                        + Instant.ofEpochMilli(watermark)
                        + " (its feed started or resumed behind them): "
                        + observation));
            return;
          }
          out.collect(observation);
        });
  }

  private void late(String feedId) {
    metrics.late(kindLabel, feedId);
    metrics.rejected(kindLabel, feedId, RejectReason.LATE);
  }

  private String entity(String key) {
    return vehicleKeys ? DeadLetterRedaction.vehicle(key) : key;
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<M> out) throws Exception {
    OperatorFailures.guard(
        "event-time-gate",
        entity(context.getCurrentKey()),
        rejection -> context.output(DeadLetters.TAG, rejection),
        () -> {
          seen.remove(timestamp - rememberedMillis);
        });
  }
}
