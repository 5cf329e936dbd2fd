package io.mobiflow.jobs.zoneflow.functions;

import io.mobiflow.connectors.counters.model.MatchedCounterReading;
import io.mobiflow.jobs.common.DeadLetters;
import io.mobiflow.jobs.common.OperatorFailures;
import io.mobiflow.jobs.zoneflow.RoadReading;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Learns each counter site's free-flow speed (the key is the site) and attaches it to the site's
 * readings. The free-flow speed is the 85th percentile of the speeds the site has reported — the
 * traffic engineer's usual proxy, as most readings of a road are not congested — once {@link
 * #MIN_SPEEDS} speeds were seen. The state is a histogram of 1 km/h bins: its size is fixed
 * whatever the run's length, all counts are halved when they reach {@link #DECAY_AT} (older
 * readings weigh less as new ones come), and it expires {@link #STATE_TTL} after the site's last
 * speed, in event time: a speed later than that starts a new histogram, and an event-time timer
 * clears the state when the watermark gets there first. Never in processing time: a replay, or a
 * restore from a savepoint, gives the same free-flow speeds however long it takes. (A histogram
 * restored from a savepoint that has no time for it, one written before this, is kept and timed
 * from its next speed.)
 *
 * <p>Readings are applied in event-time order, not as they arrive: each waits in keyed state until
 * the watermark reaches its time (readings of the same time are taken in content order), so the
 * free-flow speed a reading gets does not depend on the order the documents came in.
 */
public final class RoadBaselineFunction
    extends KeyedProcessFunction<String, MatchedCounterReading, RoadReading> {

  /** Fewer speeds than this give no free-flow speed. */
  public static final int MIN_SPEEDS = 12;

  /** The percentile of speeds taken as free-flow speed. */
  public static final double PERCENTILE = 0.85;

  /** When the histogram holds this many speeds, every bin is halved. */
  public static final int DECAY_AT = 10_000;

  /** A site without a speed for this long (event time) starts learning afresh. */
  public static final Duration STATE_TTL = Duration.ofDays(30);

  /** Speeds are binned by whole km/h up to this (the readings' upper bound). */
  static final int MAX_KMH = 300;

  private static final long serialVersionUID = 1L;

  private transient ValueState<int[]> histogram;
  private transient ValueState<Long> lastSpeedAt;
  private transient MapState<Long, List<MatchedCounterReading>> pending;

  @Override
  public void open(OpenContext openContext) {
    pending =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "pending-readings",
                    Types.LONG,
                    Types.LIST(TypeInformation.of(MatchedCounterReading.class))));
    // once written with a processing-time TTL: Flink restores such state without it
    histogram =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>(
                    "speed-histogram", PrimitiveArrayTypeInfo.INT_PRIMITIVE_ARRAY_TYPE_INFO));
    lastSpeedAt =
        getRuntimeContext().getState(new ValueStateDescriptor<>("last-speed-time", Types.LONG));
  }

  @Override
  public void processElement(
      MatchedCounterReading matched, Context context, Collector<RoadReading> out) throws Exception {
    OperatorFailures.guard(
        "road-baseline",
        context.getCurrentKey(),
        rejection -> context.output(DeadLetters.TAG, rejection),
        () -> {
          long at = matched.reading().observedAt().toEpochMilli();
          List<MatchedCounterReading> waiting = pending.get(at);
          List<MatchedCounterReading> updated =
              waiting == null ? new ArrayList<>() : new ArrayList<>(waiting);
          updated.add(matched);
          pending.put(at, updated);
          context.timerService().registerEventTimeTimer(at);
        });
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<RoadReading> out)
      throws Exception {
    OperatorFailures.guard(
        "road-baseline",
        context.getCurrentKey(),
        rejection -> context.output(DeadLetters.TAG, rejection),
        () -> {
          List<MatchedCounterReading> waiting = pending.get(timestamp);
          List<MatchedCounterReading> due =
              waiting == null ? new ArrayList<>() : new ArrayList<>(waiting);
          pending.remove(timestamp);
          due.sort(Comparator.comparing(MatchedCounterReading::toString));
          Long before = lastSpeedAt.value();
          for (MatchedCounterReading matched : due) {
            out.collect(new RoadReading(matched, apply(timestamp, matched.reading().speedKmh())));
          }
          Long last = lastSpeedAt.value();
          if (expired(last, timestamp)) {
            histogram.clear(); // no speed since: nothing newer can use it
            lastSpeedAt.clear();
          } else if (last != null && !last.equals(before)) {
            context.timerService().registerEventTimeTimer(last + STATE_TTL.toMillis() + 1);
          }
        });
  }

  /**
   * Adds the speed (if any) of a reading at {@code at} to the site's histogram, unless it expired;
   * the free-flow speed after it, or null.
   */
  private Double apply(long at, Double speed) throws Exception {
    int[] bins = histogram.value();
    if (expired(lastSpeedAt.value(), at)) {
      bins = null; // start afresh
      histogram.clear();
      lastSpeedAt.clear();
    }
    if (speed != null) {
      if (bins == null) {
        bins = new int[MAX_KMH + 2]; // the last entry is the total
      }
      add(bins, speed);
      histogram.update(bins);
      lastSpeedAt.update(at);
    }
    return bins == null ? null : freeFlowSpeed(bins);
  }

  /**
   * Whether a histogram whose last speed was at {@code last} (null: unknown) expired at {@code at}.
   */
  private static boolean expired(Long last, long at) {
    return last != null && at - last > STATE_TTL.toMillis();
  }

  static void add(int[] bins, double speedKmh) {
    int total = MAX_KMH + 1;
    bins[(int) Math.round(speedKmh)]++;
    bins[total]++;
    if (bins[total] >= DECAY_AT) {
      int kept = 0;
      for (int i = 0; i < total; i++) {
        bins[i] /= 2;
        kept += bins[i];
      }
      bins[total] = kept;
    }
  }

  /** The speed under which {@link #PERCENTILE} of the binned speeds lie (nearest rank), or null. */
  static Double freeFlowSpeed(int[] bins) {
    int total = bins[MAX_KMH + 1];
    if (total < MIN_SPEEDS) {
      return null;
    }
    long rank = (long) Math.ceil(PERCENTILE * total);
    long seen = 0;
    for (int kmh = 0; kmh <= MAX_KMH; kmh++) {
      seen += bins[kmh];
      if (seen >= rank) {
        return (double) kmh;
      }
    }
    throw new IllegalStateException("histogram total " + total + " exceeds its bins");
  }
}
