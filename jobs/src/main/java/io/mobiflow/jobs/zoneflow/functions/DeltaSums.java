package io.mobiflow.jobs.zoneflow.functions;

import java.util.Objects;
import org.apache.flink.api.common.functions.AggregateFunction;

/**
 * Adds the sources' deltas of one unit and window into the window's sums: what one window over all
 * the samples would have summed ({@link ZoneFlowAggregator}).
 */
public final class DeltaSums
    implements AggregateFunction<SourceDelta, ZoneFlowAccumulator, ZoneFlowAccumulator> {

  private static final long serialVersionUID = 1L;

  private final ZoneFlowAggregator sums;

  public DeltaSums(ZoneFlowAggregator sums) {
    this.sums = Objects.requireNonNull(sums, "sums");
  }

  @Override
  public ZoneFlowAccumulator createAccumulator() {
    return sums.createAccumulator();
  }

  @Override
  public ZoneFlowAccumulator add(SourceDelta delta, ZoneFlowAccumulator accumulator) {
    return sums.merge(accumulator, delta.sums());
  }

  @Override
  public ZoneFlowAccumulator getResult(ZoneFlowAccumulator accumulator) {
    return sums.getResult(accumulator);
  }

  @Override
  public ZoneFlowAccumulator merge(ZoneFlowAccumulator a, ZoneFlowAccumulator b) {
    return sums.merge(a, b);
  }
}
