package io.mobiflow.jobs.zoneflow.functions;

import io.mobiflow.connectors.counters.model.CounterReading;
import io.mobiflow.connectors.counters.model.MatchedCounterReading;
import io.mobiflow.connectors.gbfs.model.MatchedStationStatus;
import io.mobiflow.connectors.gbfs.model.MatchedVehicleChange;
import io.mobiflow.connectors.gbfs.model.StationStatus;
import io.mobiflow.connectors.gbfs.model.VehicleChange;
import io.mobiflow.connectors.gtfsrt.model.MatchedStopTimeUpdate;
import io.mobiflow.connectors.gtfsrt.model.MatchedVehiclePosition;
import io.mobiflow.connectors.gtfsrt.model.StopRelationship;
import io.mobiflow.connectors.gtfsrt.model.StopTimeUpdate;
import io.mobiflow.jobs.zoneflow.Metric;
import io.mobiflow.jobs.zoneflow.ZoneSample;
import org.apache.flink.util.Collector;

/**
 * Turns matched events into {@link ZoneSample}s, as {@code FlatMapFunction}s by method reference:
 * one presence sample per event, and one sample per measure the event carries.
 */
public final class ZoneSamples {

  private ZoneSamples() {}

  public static void ofCounterReading(MatchedCounterReading matched, Collector<ZoneSample> out) {
    CounterReading reading = matched.reading();
    String zone = matched.zoneId();
    out.collect(ZoneSample.presence(zone, Metric.COUNTER_READING, reading.observedAt()));
    measure(zone, Metric.FLOW_VEH_H, reading, reading.flowVehH(), out);
    measure(zone, Metric.OCCUPANCY_PCT, reading, reading.occupancyPct(), out);
    measure(zone, Metric.SPEED_KMH, reading, reading.speedKmh(), out);
  }

  private static void measure(
      String zone, Metric metric, CounterReading reading, Double value, Collector<ZoneSample> out) {
    if (value != null) {
      out.collect(new ZoneSample(zone, metric, reading.observedAt(), value));
    }
  }

  public static void ofVehiclePosition(MatchedVehiclePosition matched, Collector<ZoneSample> out) {
    out.collect(
        ZoneSample.presence(
            matched.zoneId(), Metric.VEHICLE_POSITION, matched.position().observedAt()));
  }

  public static void ofStopTimeUpdate(MatchedStopTimeUpdate matched, Collector<ZoneSample> out) {
    StopTimeUpdate update = matched.update();
    String zone = matched.zoneId();
    out.collect(ZoneSample.presence(zone, Metric.STOP_TIME_UPDATE, update.observedAt()));
    if (update.relationship() == StopRelationship.SKIPPED
        || update.relationship() == StopRelationship.TRIP_CANCELED) {
      out.collect(ZoneSample.presence(zone, Metric.STOP_NOT_SERVED, update.observedAt()));
    } else if (update.delaySeconds() != null) {
      out.collect(
          new ZoneSample(zone, Metric.DELAY_SECONDS, update.observedAt(), update.delaySeconds()));
    }
  }

  /** A pick-up or drop-off: one presence sample of its kind. */
  public static void ofVehicleChange(MatchedVehicleChange matched, Collector<ZoneSample> out) {
    out.collect(
        ZoneSample.presence(
            matched.zoneId(),
            matched.change().kind() == VehicleChange.Kind.PICK_UP
                ? Metric.PICK_UP
                : Metric.DROP_OFF,
            matched.change().observedAt()));
  }

  public static void ofStationStatus(MatchedStationStatus matched, Collector<ZoneSample> out) {
    StationStatus status = matched.status();
    String zone = matched.zoneId();
    out.collect(ZoneSample.presence(zone, Metric.STATION_STATUS, status.observedAt()));
    out.collect(
        new ZoneSample(
            zone, Metric.VEHICLES_AVAILABLE, status.observedAt(), status.vehiclesAvailable()));
    if (status.docksAvailable() != null) {
      out.collect(
          new ZoneSample(
              zone, Metric.DOCKS_AVAILABLE, status.observedAt(), status.docksAvailable()));
    }
  }
}
