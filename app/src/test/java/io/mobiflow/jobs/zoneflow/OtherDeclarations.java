package io.mobiflow.jobs.zoneflow;

import io.mobiflow.jobs.zoneflow.functions.ZoneFlowAggregator;
import java.util.List;

/**
 * For tests outside the job's package: a job whose window sums are laid out as another build would
 * declare its observations and measures (through {@link ZoneFlowJob}'s package-private hook).
 */
public final class OtherDeclarations {

  private OtherDeclarations() {}

  /** {@code job}, summing windows in slots of these ids. */
  public static ZoneFlowJob sumsLaidOutAs(ZoneFlowJob job, List<String> slotIds) {
    return job.windowSums(new ZoneFlowAggregator(slotIds));
  }
}
