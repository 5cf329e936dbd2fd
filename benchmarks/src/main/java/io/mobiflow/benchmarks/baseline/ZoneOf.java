package io.mobiflow.benchmarks.baseline;

import io.mobiflow.benchmarks.geodata.PreparedStrTreeZoneLocator;
import io.mobiflow.geodata.locate.Zone;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.java.tuple.Tuple4;
import org.apache.flink.api.java.tuple.Tuple5;

/**
 * Places a measure in its zone with a JTS STRtree of prepared zone geometries ({@link
 * PreparedStrTreeZoneLocator}, built in {@code open()}): {@code (zone id, measure, event time ms,
 * value)}, the zone id empty outside every zone.
 */
final class ZoneOf
    extends RichMapFunction<
        Tuple5<String, Long, Double, Double, Double>, Tuple4<String, String, Long, Double>> {

  private static final long serialVersionUID = 1L;

  private final List<Zone> zones;
  private transient PreparedStrTreeZoneLocator locator;

  ZoneOf(List<Zone> zones) {
    this.zones = List.copyOf(zones);
  }

  @Override
  public void open(OpenContext context) {
    locator = new PreparedStrTreeZoneLocator(zones);
  }

  @Override
  public Tuple4<String, String, Long, Double> map(
      Tuple5<String, Long, Double, Double, Double> measure) {
    String zone = locator.findZone(measure.f2, measure.f3).map(Zone::id).orElse("");
    return Tuple4.of(zone, measure.f0, measure.f1, measure.f4);
  }
}
