package io.mobiflow.jobs.zoneflow.functions;

import io.mobiflow.jobs.zoneflow.SpatialUnit;
import io.mobiflow.jobs.zoneflow.ZoneSample;
import io.mobiflow.jobs.zoneflow.match.Places;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Turns each matched event into its sample in its zone and, for every other unit the job computes
 * (H3 cell, counter site, stop, route, station), into the same sample keyed by the event's id
 * there. With zones only, one event is one sample.
 *
 * @param <M> the matched event
 */
public final class UnitFanOut<M> extends RichFlatMapFunction<M, ZoneSample> {

  private static final long serialVersionUID = 1L;

  private final Sampler<M> sampler;
  private final SpatialUnit[] otherUnits;
  private final Places places;
  private final int h3Resolution;

  private transient CellLocator cells;

  /**
   * @param units the units computed (ZONE always is)
   * @param h3Resolution the H3 resolution, used when {@code units} has H3
   */
  public UnitFanOut(Sampler<M> sampler, Set<SpatialUnit> units, Places places, int h3Resolution) {
    this.sampler = sampler;
    EnumSet<SpatialUnit> others = EnumSet.copyOf(units);
    others.remove(SpatialUnit.ZONE);
    this.otherUnits = others.toArray(SpatialUnit[]::new);
    this.places = places;
    this.h3Resolution = h3Resolution;
  }

  @Override
  public void open(OpenContext openContext) {
    if (Arrays.asList(otherUnits).contains(SpatialUnit.H3)) {
      cells = new CellLocator(places, h3Resolution);
    }
  }

  @Override
  public void flatMap(M event, Collector<ZoneSample> out) {
    ZoneSample sample = sampler.zoneSample(event);
    out.collect(sample);
    for (SpatialUnit unit : otherUnits) {
      String id = sampler.idIn(unit, event, cells);
      if (id != null) {
        out.collect(sample.in(unit, id));
      }
    }
  }
}
