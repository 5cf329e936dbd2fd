package io.mobiflow.jobs.zoneflow.functions;

import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.common.Rejection;
import io.mobiflow.connectors.common.SourceRef;
import io.mobiflow.jobs.metrics.JobMetrics;
import io.mobiflow.jobs.zoneflow.ZoneSample;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Records that came to a window operator after their windows closed (and their allowed lateness
 * passed): each a LATE dead letter naming the operator and what the record is about, and counted
 * ({@link JobMetrics#LATE_SAMPLES}: such a record has no feed any more).
 *
 * @param <T> the window operator's input
 */
public final class LateRecords<T> extends RichMapFunction<T, Rejection> {

  private static final long serialVersionUID = 1L;

  private final String operator;
  private final SerializableFunction<T, String> describe;

  private transient Counter late;

  /**
   * @param operator the window operator's uid, the dead letter's source
   * @param describe what a record is about, the dead letter's detail
   */
  public LateRecords(String operator, SerializableFunction<T, String> describe) {
    this.operator = Objects.requireNonNull(operator, "operator");
    this.describe = Objects.requireNonNull(describe, "describe");
  }

  /** Late samples of a source's window: the observation, its time and its unit. */
  public static LateRecords<ZoneSample> samples(String operator) {
    return new LateRecords<>(
        operator,
        sample ->
            sample.observation()
                + " at "
                + sample.observedAt()
                + " in "
                + sample.unit().slug()
                + " "
                + sample.unitId());
  }

  @Override
  public void open(OpenContext openContext) {
    late = JobMetrics.LATE_SAMPLES.counter(getRuntimeContext().getMetricGroup());
  }

  @Override
  public Rejection map(T record) {
    late.inc();
    return new Rejection(RejectReason.LATE, SourceRef.file(operator, null), describe.apply(record));
  }
}
