package io.mobiflow.jobs.zoneflow.functions;

import io.mobiflow.connectors.gtfsrt.model.MatchedStopTimeUpdate;
import io.mobiflow.connectors.gtfsrt.model.StopRelationship;
import io.mobiflow.connectors.gtfsrt.model.StopTimeUpdate;
import io.mobiflow.jobs.common.DeadLetters;
import io.mobiflow.jobs.common.OperatorFailures;
import io.mobiflow.jobs.metrics.JobMetrics;
import io.mobiflow.jobs.zoneflow.Departure;
import java.time.Instant;
import java.util.Comparator;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple4;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Realtime departures (the key is trip, service day and stop, {@link #KEY}): each stop time update
 * that predicts a time replaces the trip's prediction at the stop if it was made later (of two made
 * at the same time, the greater by content replaces: the order of arrival never decides), and when
 * the feed's event time reaches the last prediction, that is the departure. A prediction already
 * past when it arrives is not a departure to wait for (counted: {@code predictions_already_past});
 * skipped and cancelled stops have none. The state is one update per trip and stop still to come.
 *
 * <p>The feed's event time is the feed's watermark each update carries ({@link
 * FeedClock#watermark}, from {@link DecodeAndMatchFunction}), not the operator's watermark: that
 * one merges the tasks of several feeds and arrives between the updates at moments that vary from
 * run to run. A timer at the prediction still emits the departure when the operator's watermark
 * passes it first (it is never above the feed's watermark of the updates still to come), so both
 * give the same departure.
 */
public final class DepartureFunction
    extends KeyedProcessFunction<
        String, Tuple4<String, Long, Long, MatchedStopTimeUpdate>, Departure> {

  /** Trip, service day (start_date) and stop. */
  public static final KeySelector<MatchedStopTimeUpdate, String> KEY =
      m -> m.update().tripId() + '|' + m.update().startDate() + '|' + m.stopId();

  private static final long serialVersionUID = 1L;

  private transient ValueState<MatchedStopTimeUpdate> prediction;
  private transient Counter alreadyPast;

  @Override
  public void open(OpenContext openContext) {
    prediction =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>(
                    "predicted-departure", TypeInformation.of(MatchedStopTimeUpdate.class)));
    alreadyPast = JobMetrics.PREDICTIONS_ALREADY_PAST.counter(getRuntimeContext().getMetricGroup());
  }

  @Override
  public void processElement(
      Tuple4<String, Long, Long, MatchedStopTimeUpdate> event,
      Context context,
      Collector<Departure> out)
      throws Exception {
    MatchedStopTimeUpdate update = event.f3;
    long feedWatermark = event.f2;
    OperatorFailures.guard(
        "departures",
        context.getCurrentKey(),
        rejection -> context.output(DeadLetters.TAG, rejection),
        () -> {
          MatchedStopTimeUpdate previous = prediction.value();
          if (previous != null) {
            long due = predictedTime(previous.update()).toEpochMilli();
            if (due <= feedWatermark) { // the feed's time passed it: as if its timer had fired
              context.timerService().deleteEventTimeTimer(due);
              depart(previous, due, out);
              previous = null;
            }
          }
          Instant at = predictedTime(update.update());
          if (at == null) {
            return;
          }
          if (at.toEpochMilli() <= feedWatermark) {
            alreadyPast.inc();
            return;
          }
          if (previous != null) {
            if (PREDICTION_ORDER.compare(update, previous) <= 0) {
              return; // made before the prediction held, or the same
            }
            Instant before = predictedTime(previous.update());
            if (!before.equals(at)) {
              context.timerService().deleteEventTimeTimer(before.toEpochMilli());
            }
          }
          prediction.update(update);
          context.timerService().registerEventTimeTimer(at.toEpochMilli());
        });
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<Departure> out)
      throws Exception {
    OperatorFailures.guard(
        "departures",
        context.getCurrentKey(),
        rejection -> context.output(DeadLetters.TAG, rejection),
        () -> {
          MatchedStopTimeUpdate last = prediction.value();
          if (last != null) {
            depart(last, timestamp, out);
          }
        });
  }

  private void depart(MatchedStopTimeUpdate last, long at, Collector<Departure> out) {
    out.collect(new Departure(last, Instant.ofEpochMilli(at), null));
    prediction.clear();
  }

  /** Predictions by the time they were made, then by content (a fixed order). */
  private static final Comparator<MatchedStopTimeUpdate> PREDICTION_ORDER =
      Comparator.comparing((MatchedStopTimeUpdate m) -> m.update().observedAt())
          .thenComparing(MatchedStopTimeUpdate::toString);

  /** Whether the update predicts a time (a departure to wait for). */
  public static boolean predictsTime(MatchedStopTimeUpdate update) {
    return predictedTime(update.update()) != null;
  }

  /** The predicted departure, else arrival, of a served stop; null otherwise. */
  static Instant predictedTime(StopTimeUpdate update) {
    if (update.relationship() == StopRelationship.SKIPPED
        || update.relationship() == StopRelationship.TRIP_CANCELED) {
      return null;
    }
    return update.departureTime() != null ? update.departureTime() : update.arrivalTime();
  }
}
