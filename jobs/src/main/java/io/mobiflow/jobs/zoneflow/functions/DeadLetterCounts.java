package io.mobiflow.jobs.zoneflow.functions;

import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.common.Rejection;
import io.mobiflow.jobs.common.JobAccumulators;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * Counts the dead letters on their way to the sink, per reason, in accumulators named {@link
 * JobAccumulators#DEAD_LETTERS}{@code <REASON>}: the run's closing summary reads them.
 */
public final class DeadLetterCounts extends RichMapFunction<Rejection, Rejection> {

  private static final long serialVersionUID = 1L;

  private transient Map<RejectReason, LongCounter> counts;

  @Override
  public void open(OpenContext openContext) {
    counts = new EnumMap<>(RejectReason.class);
    for (RejectReason reason : RejectReason.values()) {
      LongCounter counter = new LongCounter();
      getRuntimeContext().addAccumulator(JobAccumulators.DEAD_LETTERS + reason.name(), counter);
      counts.put(reason, counter);
    }
  }

  @Override
  public Rejection map(Rejection rejection) {
    counts.get(rejection.reason()).add(1);
    return rejection;
  }
}
