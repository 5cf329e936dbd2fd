package io.mobiflow.jobs.zoneflow.functions;

import io.mobiflow.jobs.zoneflow.SpatialUnit;
import io.mobiflow.jobs.zoneflow.ZoneSample;
import java.io.Serializable;

/**
 * How one type of matched event becomes {@link ZoneSample}s: its sample in its zone, and its id in
 * each other unit (each source's indicators, in {@code zoneflow.indicators}, have one per event
 * type).
 *
 * @param <M> the matched event
 */
public interface Sampler<M> extends Serializable {

  /** The event's sample in its zone, with its measures. */
  ZoneSample zoneSample(M event);

  /**
   * The event's id in {@code unit} (never ZONE), or null when the event is not about that unit
   * (e.g. a counter reading has no stop, a trip update may not name its route).
   */
  String idIn(SpatialUnit unit, M event, CellLocator cells);
}
