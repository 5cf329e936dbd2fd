package io.mobiflow.jobs.zoneflow;

import io.mobiflow.connectors.common.Require;
import java.time.Instant;

/**
 * One measured value in one zone at one time: the common form the three feed kinds take before they
 * are windowed together.
 *
 * @param zoneId the zone
 * @param metric what is measured
 * @param observedAt event time
 * @param value the measure, in the metric's unit (1 for presence metrics)
 */
public record ZoneSample(String zoneId, Metric metric, Instant observedAt, double value) {

  public ZoneSample {
    Require.id(zoneId, "zoneId");
    Require.present(metric, "metric");
    Require.present(observedAt, "observedAt");
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(metric + " value is not finite");
    }
  }

  /** A presence sample (value 1). */
  public static ZoneSample presence(String zoneId, Metric metric, Instant observedAt) {
    return new ZoneSample(zoneId, metric, observedAt, 1);
  }
}
