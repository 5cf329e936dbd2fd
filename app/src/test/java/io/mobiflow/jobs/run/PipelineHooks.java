package io.mobiflow.jobs.run;

import io.mobiflow.jobs.zoneflow.ZoneFlowJob;
import java.util.function.UnaryOperator;

/**
 * For tests outside the pipeline's package: a pipeline whose job is changed before it is built
 * (through {@link ZoneFlowPipeline.Builder}'s package-private hook), as {@code OtherDeclarations}
 * changes the layout of its window sums.
 */
public final class PipelineHooks {

  private PipelineHooks() {}

  /** {@code builder}, its job changed by {@code change}. */
  public static ZoneFlowPipeline.Builder withJob(
      ZoneFlowPipeline.Builder builder, UnaryOperator<ZoneFlowJob> change) {
    return builder.job(change);
  }
}
