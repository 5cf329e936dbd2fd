package io.mobiflow.jobs.zoneflow.functions;

import io.mobiflow.jobs.zoneflow.ZoneSample;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Adds the samples of one zone and window into counts and sums, incrementally. */
public final class ZoneFlowAggregator
    implements AggregateFunction<ZoneSample, ZoneFlowAccumulator, ZoneFlowAccumulator> {

  private static final long serialVersionUID = 1L;

  @Override
  public ZoneFlowAccumulator createAccumulator() {
    return new ZoneFlowAccumulator();
  }

  @Override
  public ZoneFlowAccumulator add(ZoneSample sample, ZoneFlowAccumulator accumulator) {
    accumulator.add(sample);
    return accumulator;
  }

  @Override
  public ZoneFlowAccumulator getResult(ZoneFlowAccumulator accumulator) {
    return accumulator;
  }

  @Override
  public ZoneFlowAccumulator merge(ZoneFlowAccumulator a, ZoneFlowAccumulator b) {
    a.addAll(b);
    return a;
  }
}
