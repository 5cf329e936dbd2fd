package io.mobiflow.connectors.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mobiflow.connectors.counters.model.CounterReading;
import io.mobiflow.connectors.gbfs.model.FreeFloatingVehicle;
import io.mobiflow.connectors.gbfs.model.StationStatus;
import io.mobiflow.connectors.gtfsrt.model.ServiceAlert;
import io.mobiflow.connectors.gtfsrt.model.StopRelationship;
import io.mobiflow.connectors.gtfsrt.model.StopTimeUpdate;
import io.mobiflow.connectors.gtfsrt.model.VehiclePosition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The compact constructors refuse events that could not have come from a valid feed. */
class EventRecordsTest {

  private static final Instant T = Instant.parse("2026-01-13T07:00:00Z");

  @Test
  void counterReadingsNeedASiteATimeAndAMeasureInRange() {
    assertRejected(() -> new CounterReading(" ", T, 1.0, null, null, null), "siteId is missing");
    assertRejected(
        () -> new CounterReading("S", null, 1.0, null, null, null), "observedAt is missing");
    assertRejected(() -> new CounterReading("S", T, null, null, null, null), "no measure");
    assertRejected(() -> new CounterReading("S", T, -1.0, null, null, null), "flowVehH");
    assertRejected(() -> new CounterReading("S", T, null, 100.5, null, null), "occupancyPct");
    assertRejected(() -> new CounterReading("S", T, null, null, Double.NaN, null), "speedKmh");
    assertThat(new CounterReading("S", T, 0.0, 0.0, 0.0, null).flowVehH()).isZero();
  }

  @Test
  void positionsNeedMatchableCoordinates() {
    assertRejected(
        () -> new VehiclePosition("v", null, null, 0, 0, null, null, null, T), "NULL_ISLAND");
    assertRejected(
        () -> new FreeFloatingVehicle("b", 95, 2, null, false, false, T), "LATITUDE_OUT_OF_RANGE");
    assertRejected(
        () -> new VehiclePosition("v", null, null, 45, 0.7, 400.0, null, null, T),
        "bearingDegrees");
  }

  @Test
  void stopTimeUpdatesNeedAStop() {
    assertRejected(
        () ->
            new StopTimeUpdate(
                "T", null, null, null, null, StopRelationship.SCHEDULED, 60, null, null, null, T),
        "has no stop");
    assertThat(
            new StopTimeUpdate(
                    "T", null, null, null, 4, StopRelationship.SKIPPED, null, null, null, null, T)
                .delaySeconds())
        .isNull();
  }

  @Test
  void stationStatusCountsAreNotNegative() {
    assertRejected(
        () -> new StationStatus("s", -1, null, 3, true, true, T, T, java.util.Map.of()),
        "vehiclesAvailable");
    assertRejected(
        () -> new StationStatus("s", 1, null, -3, true, true, T, T, java.util.Map.of()),
        "docksAvailable");
  }

  @Test
  void alertsCopyTheirListsAndInformSomething() {
    List<ServiceAlert.InformedEntity> entities = new ArrayList<>();
    entities.add(new ServiceAlert.InformedEntity(null, "R1", null, null));
    ServiceAlert alert =
        new ServiceAlert(
            "a1",
            List.of(new ServiceAlert.ActivePeriod(T, null)),
            entities,
            "STRIKE",
            "REDUCED_SERVICE",
            List.of(new ServiceAlert.Translation("fr", "Grève")),
            List.of(),
            T);
    entities.clear();
    assertThat(alert.informedEntities()).hasSize(1);
    assertRejected(
        () ->
            new ServiceAlert(
                "a2", List.of(), List.of(), "STRIKE", "NO_SERVICE", List.of(), List.of(), T),
        "informs no entity");
    assertRejected(
        () -> new ServiceAlert.InformedEntity(null, null, null, null), "selects nothing");
    assertRejected(() -> new ServiceAlert.ActivePeriod(T, T.minusSeconds(1)), "ends before");
  }

  @Test
  void decodedHoldsAValueOrARejectionNeverBoth() {
    SourceRef source = SourceRef.file("feed", "f.csv").atLine(3);
    Decoded<String> ok = Decoded.ok(source, "x");
    Decoded<String> rejected = Decoded.rejected(source, RejectReason.MALFORMED, "bad");
    assertThat(ok.map(String::length).value()).isEqualTo(1);
    assertThat(rejected.map(String::length).rejection())
        .isEqualTo(new Rejection(RejectReason.MALFORMED, source, "bad"));
    assertThat(rejected.rejection().toString()).isEqualTo("MALFORMED at feed f.csv:3: bad");
    assertRejected(() -> new Decoded<>(source, "x", RejectReason.MALFORMED, "bad"), "exactly one");
    assertRejected(() -> new Decoded<>(source, null, null, null), "exactly one");
    assertThatThrownBy(ok::rejection).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void sourceRefsNameTheFileLineOrTheKafkaRecord() {
    assertThat(SourceRef.file("peribus", "vp.pb").atLine(7).toString())
        .isEqualTo("peribus vp.pb:7");
    assertThat(SourceRef.kafka("peribus", "raw.gtfs-rt", 3, 1042).toString())
        .isEqualTo("peribus raw.gtfs-rt/3@1042");
  }

  private static void assertRejected(ThrowingCallable construction, String message) {
    assertThatThrownBy(construction)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }
}
