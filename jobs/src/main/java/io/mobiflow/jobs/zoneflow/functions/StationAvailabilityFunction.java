package io.mobiflow.jobs.zoneflow.functions;

import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.common.Rejection;
import io.mobiflow.connectors.common.SourceRef;
import io.mobiflow.connectors.gbfs.model.MatchedStationStatus;
import io.mobiflow.jobs.common.DeadLetters;
import io.mobiflow.jobs.common.OperatorFailures;
import io.mobiflow.jobs.metrics.JobMetrics;
import io.mobiflow.jobs.zoneflow.StationInterval;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The state of each station over time (the key is the station): a report's counts hold from its
 * time until the station's next report, for at most {@link #HOLD} (a station whose feed falls
 * silent is then no longer counted, and its state is cleared). The held time is emitted as {@link
 * StationInterval}s cut at pane boundaries (the window slide), so that windows can weight counts by
 * time.
 *
 * <p>Reports may arrive out of order (documents are decoded in parallel): each waits until the
 * watermark reaches its time, then takes over from the previous one. A timer at the last
 * millisecond of every pane emits the state held up to the pane's end just before the pane's
 * windows fire. At the end of a bounded input the last report holds to the end of its pane.
 *
 * <p>A report older than the state already emitted for its station is LATE (a dead letter,
 * counted); the others are passed on as they come on the {@link #REPORTS} side output. Of two
 * reports of the same time, the one reported last counts (and of two reported at the same time too,
 * the greater by content), whatever their order of arrival.
 *
 * <p>A station's report is counted once however many documents repeat it: as they take over, in
 * event-time order, the reports whose {@code last_reported} is newer than the last one counted go
 * to the {@link #NEW_REPORTS} side output; the others are counted as {@code duplicate_reports} (a
 * repeat is not an error: no dead letter). The last one counted is remembered as long as the
 * station's state is (a station silent for longer than the hold starts afresh). A repeat still
 * holds the station's counts: a station that last reported an hour ago still has its bikes at the
 * time of the document.
 */
public final class StationAvailabilityFunction
    extends KeyedProcessFunction<String, MatchedStationStatus, StationInterval> {

  /** How long a report holds without a newer one. */
  public static final Duration HOLD = Duration.ofMinutes(15);

  /** The reports that are not late, as they come. */
  public static final OutputTag<MatchedStationStatus> REPORTS =
      new OutputTag<>("station-reports", TypeInformation.of(MatchedStationStatus.class));

  /**
   * The reports that take over with a newer {@code last_reported} than the station's last: each
   * report once, in event-time order.
   */
  public static final OutputTag<MatchedStationStatus> NEW_REPORTS =
      new OutputTag<>("new-station-reports", TypeInformation.of(MatchedStationStatus.class));

  private static final long serialVersionUID = 1L;

  private final long pane;

  private transient MapState<Long, MatchedStationStatus> pending;
  private transient ValueState<MatchedStationStatus> current;
  private transient ValueState<Long> emittedUntil;
  private transient ValueState<Long> lastReported;
  private transient Counter late;
  private transient Counter duplicates;

  /**
   * @param pane the windows' slide (their length when tumbling): intervals never cross a multiple
   *     of it
   */
  public StationAvailabilityFunction(Duration pane) {
    this.pane = pane.toMillis();
  }

  @Override
  public void open(OpenContext openContext) {
    TypeInformation<MatchedStationStatus> report = TypeInformation.of(MatchedStationStatus.class);
    pending =
        getRuntimeContext()
            .getMapState(new MapStateDescriptor<>("pending-reports", Types.LONG, report));
    current = getRuntimeContext().getState(new ValueStateDescriptor<>("station-report", report));
    emittedUntil =
        getRuntimeContext().getState(new ValueStateDescriptor<>("emitted-until", Types.LONG));
    lastReported =
        getRuntimeContext().getState(new ValueStateDescriptor<>("last-reported", Types.LONG));
    late = JobMetrics.STATION_LATE_REPORTS.counter(getRuntimeContext().getMetricGroup());
    duplicates = JobMetrics.STATION_DUPLICATE_REPORTS.counter(getRuntimeContext().getMetricGroup());
  }

  @Override
  public void processElement(
      MatchedStationStatus report, Context context, Collector<StationInterval> out)
      throws Exception {
    OperatorFailures.guard(
        "station-availability",
        context.getCurrentKey(),
        rejection -> context.output(DeadLetters.TAG, rejection),
        () -> {
          long at = report.status().observedAt().toEpochMilli();
          Long until = emittedUntil.value();
          if ((until != null && at < until) || at <= context.timerService().currentWatermark()) {
            late.inc();
            context.output(
                DeadLetters.TAG,
                new Rejection(
                    RejectReason.LATE,
                    SourceRef.file("station-availability", null),
                    "station "
                        + report.status().stationId()
                        + " report of "
                        + report.status().observedAt()
                        + " came after the station's state was published up to "
                        + Instant.ofEpochMilli(
                            Math.max(
                                until == null ? 0 : until,
                                context.timerService().currentWatermark()))));
            return;
          }
          context.output(REPORTS, report);
          MatchedStationStatus other = pending.get(at);
          if (other == null || SAME_TIME_ORDER.compare(report, other) > 0) {
            pending.put(at, report);
          }
          context.timerService().registerEventTimeTimer(at);
        });
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<StationInterval> out)
      throws Exception {
    OperatorFailures.guard(
        "station-availability",
        context.getCurrentKey(),
        rejection -> context.output(DeadLetters.TAG, rejection),
        () -> {
          MatchedStationStatus arriving = pending.get(timestamp);
          if (arriving != null) {
            pending.remove(timestamp);
            long reported = arriving.status().reportedAt().toEpochMilli();
            Long counted = lastReported.value();
            if (counted == null || reported > counted) {
              lastReported.update(reported);
              context.output(NEW_REPORTS, arriving);
            } else {
              duplicates.inc();
            }
            holdUntil(timestamp, out);
            current.update(arriving);
            emittedUntil.update(timestamp);
            context.timerService().registerEventTimeTimer(paneEnd(timestamp) - 1);
          }
          if ((timestamp + 1) % pane == 0) {
            endOfPane(timestamp + 1, context, out);
          }
        });
  }

  /** Emits the current report's counts up to {@code end} (capped by its hold). */
  private void holdUntil(long end, Collector<StationInterval> out) throws Exception {
    MatchedStationStatus last = current.value();
    if (last == null) {
      return;
    }
    long from = emittedUntil.value();
    long to = Math.min(end, holdEnd(last));
    for (long start = from; start < to; ) {
      long stop = Math.min(to, paneEnd(start));
      out.collect(
          new StationInterval(last, Instant.ofEpochMilli(start), Instant.ofEpochMilli(stop)));
      start = stop;
    }
    emittedUntil.update(Math.max(from, to));
  }

  private void endOfPane(long end, OnTimerContext context, Collector<StationInterval> out)
      throws Exception {
    MatchedStationStatus last = current.value();
    if (last == null) {
      return;
    }
    holdUntil(end, out);
    boolean inputEnded = context.timerService().currentWatermark() == Long.MAX_VALUE;
    if (holdEnd(last) <= end || (inputEnded && pending.isEmpty())) {
      current.clear();
      emittedUntil.clear();
      lastReported.clear();
    } else if (!inputEnded) {
      context.timerService().registerEventTimeTimer(end + pane - 1);
    } // else a pending report takes over and sets its own pane timer
  }

  /** Of two reports of the same time: by last_reported, then by content (a fixed order). */
  private static final Comparator<MatchedStationStatus> SAME_TIME_ORDER =
      Comparator.comparing((MatchedStationStatus m) -> m.status().reportedAt())
          .thenComparing(MatchedStationStatus::toString);

  private long holdEnd(MatchedStationStatus report) {
    return report.status().observedAt().toEpochMilli() + HOLD.toMillis();
  }

  private long paneEnd(long time) {
    return Math.floorDiv(time, pane) * pane + pane;
  }
}
