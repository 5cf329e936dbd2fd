package io.mobiflow.jobs.zoneflow.functions;

import io.mobiflow.jobs.zoneflow.ZoneSample;
import io.mobiflow.jobs.zoneflow.indicators.Indicators;
import java.util.List;
import org.apache.flink.api.common.functions.AggregateFunction;

/**
 * Adds the samples of one zone and window into counts and sums, incrementally. Accumulators it
 * creates carry the ids of their slots; one restored from a savepoint of another layout is laid out
 * again by id before its first use ({@link ZoneFlowAccumulator#conform}).
 */
public final class ZoneFlowAggregator
    implements AggregateFunction<ZoneSample, ZoneFlowAccumulator, ZoneFlowAccumulator> {

  private static final long serialVersionUID = 1L;

  private final List<String> slotIds;
  private transient String[] layout;

  /** Sums laid out as this build declares its observations and measures. */
  public ZoneFlowAggregator() {
    this(Indicators.SLOT_IDS);
  }

  /**
   * Sums laid out as {@code slotIds}: for tests, a stand-in for a build that declares other
   * observations or measures, or in another order (a job takes it through a package-private hook
   * only).
   */
  public ZoneFlowAggregator(List<String> slotIds) {
    this.slotIds = List.copyOf(slotIds);
  }

  private String[] layout() {
    if (layout == null) {
      layout = ZoneFlowAccumulator.layout(slotIds);
    }
    return layout;
  }

  @Override
  public ZoneFlowAccumulator createAccumulator() {
    return new ZoneFlowAccumulator(layout());
  }

  @Override
  public ZoneFlowAccumulator add(ZoneSample sample, ZoneFlowAccumulator accumulator) {
    accumulator.conform(layout());
    accumulator.add(sample);
    return accumulator;
  }

  @Override
  public ZoneFlowAccumulator getResult(ZoneFlowAccumulator accumulator) {
    accumulator.conform(layout());
    return accumulator;
  }

  @Override
  public ZoneFlowAccumulator merge(ZoneFlowAccumulator a, ZoneFlowAccumulator b) {
    a.conform(layout());
    a.addAll(b);
    return a;
  }
}
