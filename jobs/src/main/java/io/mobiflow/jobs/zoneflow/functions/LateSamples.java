package io.mobiflow.jobs.zoneflow.functions;

import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.common.Rejection;
import io.mobiflow.connectors.common.SourceRef;
import io.mobiflow.jobs.metrics.JobMetrics;
import io.mobiflow.jobs.zoneflow.ZoneSample;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;

/**
 * Samples that arrived after their windows closed (and their allowed lateness passed): each a LATE
 * dead letter naming the observation, and counted ({@link JobMetrics#LATE_SAMPLES}: a sample has no
 * feed any more).
 */
public final class LateSamples extends RichMapFunction<ZoneSample, Rejection> {

  private static final long serialVersionUID = 1L;

  private transient Counter late;

  @Override
  public void open(OpenContext openContext) {
    late = JobMetrics.LATE_SAMPLES.counter(getRuntimeContext().getMetricGroup());
  }

  @Override
  public Rejection map(ZoneSample sample) {
    late.inc();
    return new Rejection(
        RejectReason.LATE,
        SourceRef.file("zone-flow-window", null),
        sample.observation()
            + " at "
            + sample.observedAt()
            + " in "
            + sample.unit().slug()
            + " "
            + sample.unitId());
  }
}
