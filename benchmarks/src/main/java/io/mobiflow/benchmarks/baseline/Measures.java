package io.mobiflow.benchmarks.baseline;

import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.common.FeedDecoder;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.counters.model.CounterReading;
import io.mobiflow.connectors.feeds.FeedFormats;
import io.mobiflow.connectors.gbfs.model.StationStatus;
import io.mobiflow.connectors.gtfsrt.model.StopTimeUpdate;
import io.mobiflow.connectors.gtfsrt.model.VehiclePosition;
import io.mobiflow.jobs.zoneflow.match.Places;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.api.java.tuple.Tuple5;
import org.apache.flink.util.Collector;

/**
 * Decodes the snapshots of some feed kinds with the project's decoders ({@link FeedFormats}) and
 * emits one record per measure: {@code (measure, event time ms, latitude, longitude, value)}.
 * Events named by id only (stop time updates, station reports, counter readings) take their place's
 * coordinates from a hash map of the reference data; an event without a known place is skipped.
 * Free-floating vehicles are decoded but give no measure: the job's pick-ups and drop-offs compare
 * each vehicle's snapshots over time, beyond a first job, and it publishes no count of parked
 * vehicles. Counts the snapshots and the decoded events in the accumulators {@link #SNAPSHOTS} and
 * {@link #EVENTS}.
 */
final class Measures
    extends RichFlatMapFunction<FeedSnapshot, Tuple5<String, Long, Double, Double, Double>> {

  /** Accumulator: snapshots decoded. */
  static final String SNAPSHOTS = "baseline-snapshots";

  /** Accumulator: events the decoders accepted. */
  static final String EVENTS = "baseline-events";

  private static final long serialVersionUID = 1L;

  private final Set<FeedKind> kinds;
  private final Places places;
  private final LongCounter snapshots = new LongCounter();
  private final LongCounter events = new LongCounter();
  private transient Map<FeedKind, FeedDecoder<?>> decoders;
  private transient Map<String, double[]> stops;
  private transient Map<String, double[]> stations;
  private transient Map<String, double[]> sites;

  Measures(Set<FeedKind> kinds, Places places) {
    this.kinds = Set.copyOf(kinds);
    this.places = places;
  }

  @Override
  public void open(OpenContext context) {
    decoders = new EnumMap<>(FeedKind.class);
    kinds.forEach(kind -> decoders.put(kind, FeedFormats.of(kind).decoder()));
    stops = new HashMap<>();
    places.stops().forEach(s -> stops.put(s.stopId(), new double[] {s.latitude(), s.longitude()}));
    stations = new HashMap<>();
    places
        .stations()
        .forEach(s -> stations.put(s.stationId(), new double[] {s.latitude(), s.longitude()}));
    sites = new HashMap<>();
    places
        .counterSites()
        .forEach(s -> sites.put(s.siteId(), new double[] {s.latitude(), s.longitude()}));
    getRuntimeContext().addAccumulator(SNAPSHOTS, snapshots);
    getRuntimeContext().addAccumulator(EVENTS, events);
  }

  @Override
  public void flatMap(
      FeedSnapshot snapshot, Collector<Tuple5<String, Long, Double, Double, Double>> out) {
    FeedDecoder<?> decoder = decoders.get(snapshot.kind());
    if (decoder == null) {
      return;
    }
    snapshots.add(1);
    for (Decoded<?> decoded : decoder.decode(snapshot)) {
      if (decoded.isOk()) {
        events.add(1);
        emit(decoded.value(), out);
      }
    }
  }

  private void emit(Object event, Collector<Tuple5<String, Long, Double, Double, Double>> out) {
    if (event instanceof VehiclePosition p) {
      double[] at = {p.latitude(), p.longitude()};
      measure(out, "vehicles", p.observedAt(), at, 1.0);
      measure(out, "vehicle_speed_kmh", p.observedAt(), at, p.speedKmh());
    } else if (event instanceof StopTimeUpdate u) {
      Integer delay =
          u.departureDelaySeconds() != null ? u.departureDelaySeconds() : u.arrivalDelaySeconds();
      measure(
          out,
          "delay_s",
          u.observedAt(),
          u.stopId() == null ? null : stops.get(u.stopId()),
          delay == null ? null : delay.doubleValue());
    } else if (event instanceof StationStatus s) {
      double[] at = stations.get(s.stationId());
      measure(out, "bikes_available", s.observedAt(), at, (double) s.vehiclesAvailable());
      measure(
          out,
          "docks_available",
          s.observedAt(),
          at,
          s.docksAvailable() == null ? null : s.docksAvailable().doubleValue());
    } else if (event instanceof CounterReading r) {
      double[] at = sites.get(r.siteId());
      measure(out, "flow_veh_h", r.observedAt(), at, r.flowVehH());
      measure(out, "road_speed_kmh", r.observedAt(), at, r.speedKmh());
      measure(out, "occupancy_pct", r.observedAt(), at, r.occupancyPct());
    }
  }

  private static void measure(
      Collector<Tuple5<String, Long, Double, Double, Double>> out,
      String name,
      Instant at,
      double[] place,
      Double value) {
    if (place != null && value != null) {
      out.collect(Tuple5.of(name, at.toEpochMilli(), place[0], place[1], value));
    }
  }
}
