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
import org.apache.flink.api.common.state.StateTtlConfig;
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
 * without a route get no headway. The state is the last departure time, expired after {@link
 * #STATE_TTL}, and the departures waiting for the watermark.
 */
public final class HeadwayFunction extends KeyedProcessFunction<String, Departure, Departure> {

  /** Route and stop; departures without a route share a key per stop. */
  public static final KeySelector<Departure, String> KEY =
      d ->
          (d.matched().update().routeId() == null ? "" : d.matched().update().routeId())
              + '|'
              + d.matched().stopId();

  /** Longer than any headway: the last departure is forgotten after this. */
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
    ValueStateDescriptor<Long> last = new ValueStateDescriptor<>("last-departure", Types.LONG);
    last.enableTimeToLive(StateTtlConfig.newBuilder(STATE_TTL).build());
    lastDeparture = getRuntimeContext().getState(last);
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
        });
  }
}
