package io.mobiflow.jobs.zoneflow;

import io.mobiflow.connectors.common.Require;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * One observation in one spatial unit at one time, with its few measures: the common form the feed
 * kinds take before they are windowed together. One record per observation and unit (not one per
 * measure) keeps the records crossing the key-by few. Which measure is in which slot depends on the
 * observation:
 *
 * <ul>
 *   <li>{@link Metric#COUNTER_READING}: flow (veh/h), occupancy (%), speed (km/h), the site's
 *       free-flow speed (km/h)
 *   <li>{@link Metric#VEHICLE_POSITION}: 1 if the vehicle is crowded (standing room only or
 *       fuller), 0 if not
 *   <li>{@link Metric#STOP_TIME_UPDATE}: delay (s), 1 if the stop is not served (else 0)
 *   <li>{@link Metric#DEPARTURE}: delay (s), headway (s)
 *   <li>{@link Metric#STATION_STATUS}: vehicles disabled
 *   <li>{@link Metric#STATION_INTERVAL}: vehicles available, docks available, the interval's length
 *       in seconds (it starts at {@code observedAt})
 *   <li>{@link Metric#PICK_UP}, {@link Metric#DROP_OFF}: none
 * </ul>
 *
 * A measure the observation does not have is NaN.
 *
 * @param unit what kind of place {@code unitId} is
 * @param unitId the zone, cell, site, stop, route or station
 * @param observation what was observed (a presence metric)
 * @param observedAt event time; the window is chosen by it
 * @param first the first measure, or NaN
 * @param second the second measure, or NaN
 * @param third the third measure, or NaN
 * @param fourth the fourth measure, or NaN
 */
@TypeInfo(ZoneSampleSerializer.Factory.class)
public record ZoneSample(
    SpatialUnit unit,
    String unitId,
    Metric observation,
    Instant observedAt,
    double first,
    double second,
    double third,
    double fourth) {

  public ZoneSample {
    Require.present(unit, "unit");
    Require.id(unitId, "unitId");
    Require.present(observation, "observation");
    Require.present(observedAt, "observedAt");
    if (Double.isInfinite(first)
        || Double.isInfinite(second)
        || Double.isInfinite(third)
        || Double.isInfinite(fourth)) {
      throw new IllegalArgumentException(observation + " measure is infinite");
    }
  }

  /** An observation of a configured zone without measures. */
  public static ZoneSample presence(String zoneId, Metric observation, Instant observedAt) {
    return new ZoneSample(
        SpatialUnit.ZONE,
        zoneId,
        observation,
        observedAt,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN);
  }

  /** The same observation and measures for another unit. */
  public ZoneSample in(SpatialUnit otherUnit, String otherId) {
    return new ZoneSample(
        otherUnit, otherId, observation, observedAt, first, second, third, fourth);
  }

  /** The key of this sample's unit in the keyed stream. */
  public String key() {
    return unit.key(unitId);
  }

  /** A measure as a slot value: null becomes NaN. */
  public static double slot(Number value) {
    return value == null ? Double.NaN : value.doubleValue();
  }
}
