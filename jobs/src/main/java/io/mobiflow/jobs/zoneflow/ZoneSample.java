package io.mobiflow.jobs.zoneflow;

import io.mobiflow.connectors.common.Require;
import io.mobiflow.jobs.zoneflow.indicators.Measure;
import io.mobiflow.jobs.zoneflow.indicators.Observation;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * One observation in one spatial unit at one time, with its named measures: the common form the
 * feed kinds take before they are windowed together. One record per observation and unit (not one
 * per measure) keeps the records crossing the key-by few. Which measures a sample carries is its
 * {@link Observation}'s declaration; a measure it carries but was not given is NaN ("not known").
 * Immutable: {@link #with} gives a new sample.
 */
@TypeInfo(ZoneSampleSerializer.Factory.class)
public final class ZoneSample {

  private final SpatialUnit unit;
  private final String unitId;
  private final Observation observation;
  private final Instant observedAt;
  private final double[] values; // in the order of observation.measures()

  ZoneSample(
      SpatialUnit unit,
      String unitId,
      Observation observation,
      Instant observedAt,
      double[] values) {
    Require.present(unit, "unit");
    Require.id(unitId, "unitId");
    Require.present(observation, "observation");
    Require.present(observedAt, "observedAt");
    if (values.length != observation.measures().size()) {
      throw new IllegalArgumentException(
          observation.id() + " carries " + observation.measures().size() + " measures");
    }
    for (int i = 0; i < values.length; i++) {
      if (Double.isInfinite(values[i])) {
        throw new IllegalArgumentException(
            observation.id() + " " + observation.measures().get(i).id() + " is infinite");
      }
    }
    this.unit = unit;
    this.unitId = unitId;
    this.observation = observation;
    this.observedAt = observedAt;
    this.values = values;
  }

  /** An observation in a configured zone, its measures not known yet (NaN). */
  public static ZoneSample of(String zoneId, Observation observation, Instant observedAt) {
    double[] values = new double[observation.measures().size()];
    Arrays.fill(values, Double.NaN);
    return new ZoneSample(SpatialUnit.ZONE, zoneId, observation, observedAt, values);
  }

  /**
   * The same sample with {@code measure} set to {@code value} (NaN: not known).
   *
   * @throws IllegalArgumentException when the observation does not carry {@code measure}, or the
   *     value is infinite
   */
  public ZoneSample with(Measure measure, double value) {
    double[] changed = values.clone();
    changed[slot(measure)] = value;
    return new ZoneSample(unit, unitId, observation, observedAt, changed);
  }

  /** {@link #with(Measure, double)} of a number that may be absent: null is NaN. */
  public ZoneSample with(Measure measure, Number value) {
    return with(measure, value == null ? Double.NaN : value.doubleValue());
  }

  /**
   * The value of {@code measure}, NaN when not known.
   *
   * @throws IllegalArgumentException when the observation does not carry {@code measure}
   */
  public double value(Measure measure) {
    return values[slot(measure)];
  }

  private int slot(Measure measure) {
    int slot = observation.indexOf(measure);
    if (slot < 0) {
      throw new IllegalArgumentException(observation.id() + " carries no " + measure.id());
    }
    return slot;
  }

  /** The same observation and measures for another unit. */
  public ZoneSample in(SpatialUnit otherUnit, String otherId) {
    return new ZoneSample(otherUnit, otherId, observation, observedAt, values);
  }

  /** The key of this sample's unit in the keyed stream. */
  public String key() {
    return unit.key(unitId);
  }

  /** What kind of place {@link #unitId()} is. */
  public SpatialUnit unit() {
    return unit;
  }

  /** The zone, cell, site, stop, route or station. */
  public String unitId() {
    return unitId;
  }

  /** What was observed. */
  public Observation observation() {
    return observation;
  }

  /** Event time; the window is chosen by it. */
  public Instant observedAt() {
    return observedAt;
  }

  /** The measures' values in the order of the observation's declaration (for the serializer). */
  double valueAt(int slot) {
    return values[slot];
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ZoneSample that
        && unit == that.unit
        && unitId.equals(that.unitId)
        && observation.equals(that.observation)
        && observedAt.equals(that.observedAt)
        && Arrays.equals(values, that.values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(unit, unitId, observation.id(), observedAt, Arrays.hashCode(values));
  }

  @Override
  public String toString() {
    StringBuilder text =
        new StringBuilder(observation.id())
            .append(" in ")
            .append(unit.slug())
            .append(' ')
            .append(unitId)
            .append(" at ")
            .append(observedAt);
    for (int i = 0; i < values.length; i++) {
      text.append(", ").append(observation.measures().get(i).id()).append('=').append(values[i]);
    }
    return text.toString();
  }
}
