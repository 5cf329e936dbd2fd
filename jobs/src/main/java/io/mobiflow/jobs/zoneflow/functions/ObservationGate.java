package io.mobiflow.jobs.zoneflow.functions;

import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.common.Rejection;
import io.mobiflow.connectors.common.SourceRef;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Where the observations of one feed kind enter event time (the key is the observed entity: a
 * counter site, a vehicle, a trip's stop): an observation more than the allowed lateness behind its
 * kind's watermark is a LATE dead letter here, counted ({@code mobiflow.<kind>.late}).
 *
 * <p>Deciding lateness here, once, is what makes the job's outputs the same whatever the
 * parallelism and the timing: the kind's watermarks come from one task at parallelism 1, emitted
 * with each event, so every key sees the same sequence of events and watermarks in every run.
 * Downstream operators merge several channels (whose interleaving varies); they never see an event
 * behind its own channel's watermark, so none of them has to decide lateness against a merged
 * watermark.
 *
 * @param <M> the matched observation
 */
public final class ObservationGate<M> extends KeyedProcessFunction<String, M, M> {

  private static final long serialVersionUID = 1L;

  private final String kind;
  private final long allowedLatenessMillis;

  private transient Counter late;

  /**
   * @param kind the feed kind, for the metric and the dead letters ({@code counter}, ...)
   * @param allowedLateness how far behind the watermark an observation is still taken
   */
  public ObservationGate(String kind, Duration allowedLateness) {
    this.kind = kind;
    this.allowedLatenessMillis = allowedLateness.toMillis();
  }

  @Override
  public void open(OpenContext openContext) {
    late =
        getRuntimeContext()
            .getMetricGroup()
            .addGroup("mobiflow")
            .addGroup(kind.replace('-', '_').toLowerCase(Locale.ROOT))
            .counter("late");
  }

  @Override
  public void processElement(M observation, Context context, Collector<M> out) {
    long at = context.timestamp();
    long watermark = context.timerService().currentWatermark();
    if (at + allowedLatenessMillis <= watermark) {
      late.inc();
      context.output(
          DecodeAndMatchFunction.DEAD_LETTERS,
          new Rejection(
              RejectReason.LATE,
              SourceRef.file(kind + "-event-time", null),
              "observation of "
                  + Instant.ofEpochMilli(at)
                  + " came after the "
                  + kind
                  + " watermark reached "
                  + Instant.ofEpochMilli(watermark)
                  + ": "
                  + observation));
      return;
    }
    out.collect(observation);
  }
}
