package io.mobiflow.jobs.zoneflow.functions;

import io.mobiflow.jobs.common.DeadLetters;
import io.mobiflow.jobs.common.OperatorFailures;
import io.mobiflow.jobs.zoneflow.Departure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The headway of each departure (the key is route and stop, {@link #KEY}): the time since the
 * previous departure of the same route at the same stop. Departures may arrive out of order (trips
 * are tracked in parallel); each waits until the watermark reaches its time, then they are taken in
 * time order (departures of the same time in content order, never in order of arrival). Departures
 * without a route get no headway. The state is the last departure time and the departures waiting
 * for the watermark. The last departure expires in event time, never in processing time (a replay,
 * or a restore from a savepoint, gives the same headways however long it takes): an event-time
 * timer clears it once the watermark is {@link #STATE_TTL} past it with no departure since.
 */
public final class HeadwayFunction extends KeyedProcessFunction<String, Departure, Departure> {

  /** Route and stop; departures without a route share a key per stop. */
  public static final KeySelector<Departure, String> KEY =
      d ->
          (d.matched().update().routeId() == null ? "" : d.matched().update().routeId())
              + '|'
              + d.matched().stopId();

  /** Longer than any headway: the last departure is forgotten this long after it (event time). */
  public static final Duration STATE_TTL = Duration.ofHours(3);

  private static final long serialVersionUID = 1L;

  private transient ListState<Departure> waiting;
  private transient ValueState<Long> lastDeparture;

  @Override
  public void open(OpenContext openContext) {
    waiting =
        getRuntimeContext()
            .getListState(
                new ListStateDescriptor<>(
                    "waiting-departures", TypeInformation.of(Departure.class)));
    // once written with a processing-time TTL: Flink restores such state without it
    lastDeparture =
        getRuntimeContext().getState(new ValueStateDescriptor<>("last-departure", Types.LONG));
  }

  @Override
  public void processElement(Departure departure, Context context, Collector<Departure> out)
      throws Exception {
    OperatorFailures.guard(
        "headways",
        context.getCurrentKey(),
        rejection -> context.output(DeadLetters.TAG, rejection),
        () -> {
          waiting.add(departure);
          context.timerService().registerEventTimeTimer(departure.at().toEpochMilli());
        });
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<Departure> out)
      throws Exception {
    OperatorFailures.guard(
        "headways",
        context.getCurrentKey(),
        rejection -> context.output(DeadLetters.TAG, rejection),
        () -> {
          List<Departure> due = new ArrayList<>();
          List<Departure> later = new ArrayList<>();
          for (Departure departure : waiting.get()) {
            (departure.at().toEpochMilli() <= timestamp ? due : later).add(departure);
          }
          due.sort(Comparator.comparing(Departure::at).thenComparing(d -> d.matched().toString()));
          waiting.update(later);
          for (Departure departure : due) {
            long at = departure.at().toEpochMilli();
            Long previous = lastDeparture.value();
            Integer headway = null;
            if (departure.matched().update().routeId() != null
                && previous != null
                && at - previous <= Departure.MAX_HEADWAY_SECONDS * 1000L) {
              headway = (int) ((at - previous) / 1000);
            }
            lastDeparture.update(at);
            out.collect(departure.withHeadway(headway));
          }
          Long last = lastDeparture.value();
          if (last != null && timestamp >= last + STATE_TTL.toMillis()) {
            lastDeparture.clear(); // expired: no departure since
          } else if (last != null && !due.isEmpty()) {
            context.timerService().registerEventTimeTimer(last + STATE_TTL.toMillis());
          }
        });
  }
}
