package io.mobiflow.jobs.zoneflow;

import io.mobiflow.connectors.common.Require;
import java.time.Instant;

/**
 * One observation in one zone at one time, with its few measures: the common form the feed kinds
 * take before they are windowed together. One record per observation (not one per measure) keeps
 * the records crossing the key-by few. Which measure is in which slot depends on the observation:
 *
 * <ul>
 *   <li>{@link Metric#COUNTER_READING}: flow (veh/h), occupancy (%), speed (km/h)
 *   <li>{@link Metric#STOP_TIME_UPDATE}: delay (s), 1 if the stop is not served (else 0)
 *   <li>{@link Metric#STATION_STATUS}: vehicles available, docks available
 *   <li>{@link Metric#VEHICLE_POSITION}, {@link Metric#PICK_UP}, {@link Metric#DROP_OFF}: none
 * </ul>
 *
 * A measure the observation does not have is NaN.
 *
 * @param zoneId the zone
 * @param observation what was observed (a presence metric)
 * @param observedAt event time
 * @param first the first measure, or NaN
 * @param second the second measure, or NaN
 * @param third the third measure, or NaN
 */
public record ZoneSample(
    String zoneId,
    Metric observation,
    Instant observedAt,
    double first,
    double second,
    double third) {

  public ZoneSample {
    Require.id(zoneId, "zoneId");
    Require.present(observation, "observation");
    Require.present(observedAt, "observedAt");
    if (Double.isInfinite(first) || Double.isInfinite(second) || Double.isInfinite(third)) {
      throw new IllegalArgumentException(observation + " measure is infinite");
    }
  }

  /** An observation without measures. */
  public static ZoneSample presence(String zoneId, Metric observation, Instant observedAt) {
    return new ZoneSample(zoneId, observation, observedAt, Double.NaN, Double.NaN, Double.NaN);
  }

  /** A measure as a slot value: null becomes NaN. */
  public static double slot(Number value) {
    return value == null ? Double.NaN : value.doubleValue();
  }
}
