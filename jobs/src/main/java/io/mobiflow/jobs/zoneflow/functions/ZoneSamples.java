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
 * one sample per event, carrying the event's measures.
 */
public final class ZoneSamples {

  private ZoneSamples() {}

  public static void ofCounterReading(MatchedCounterReading matched, Collector<ZoneSample> out) {
    CounterReading reading = matched.reading();
    out.collect(
        new ZoneSample(
            matched.zoneId(),
            Metric.COUNTER_READING,
            reading.observedAt(),
            ZoneSample.slot(reading.flowVehH()),
            ZoneSample.slot(reading.occupancyPct()),
            ZoneSample.slot(reading.speedKmh())));
  }

  public static void ofVehiclePosition(MatchedVehiclePosition matched, Collector<ZoneSample> out) {
    out.collect(
        ZoneSample.presence(
            matched.zoneId(), Metric.VEHICLE_POSITION, matched.position().observedAt()));
  }

  public static void ofStopTimeUpdate(MatchedStopTimeUpdate matched, Collector<ZoneSample> out) {
    StopTimeUpdate update = matched.update();
    boolean notServed =
        update.relationship() == StopRelationship.SKIPPED
            || update.relationship() == StopRelationship.TRIP_CANCELED;
    out.collect(
        new ZoneSample(
            matched.zoneId(),
            Metric.STOP_TIME_UPDATE,
            update.observedAt(),
            notServed ? Double.NaN : ZoneSample.slot(update.delaySeconds()),
            notServed ? 1 : 0,
            Double.NaN));
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
    out.collect(
        new ZoneSample(
            matched.zoneId(),
            Metric.STATION_STATUS,
            status.observedAt(),
            status.vehiclesAvailable(),
            ZoneSample.slot(status.docksAvailable()),
            Double.NaN));
  }
}
