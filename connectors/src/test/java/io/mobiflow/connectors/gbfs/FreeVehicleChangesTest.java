package io.mobiflow.connectors.gbfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.mobiflow.connectors.gbfs.model.FreeFloatingVehicle;
import io.mobiflow.connectors.gbfs.model.VehicleChange;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-made snapshots; distances by hand: 0.0001° of latitude is 11.1 m, 0.001° is 111 m. */
class FreeVehicleChangesTest {

  private static final Instant T = Instant.parse("2023-08-01T11:32:27Z");

  @Test
  void vanishedAndAppearedVehiclesArePickUpsAndDropOffs() {
    FreeVehicleChanges.Result result =
        FreeVehicleChanges.between(
            List.of(v("a", 52.40, 10.70), v("b", 52.41, 10.71)),
            List.of(v("b", 52.41, 10.71), v("c", 52.42, 10.72)),
            T);
    assertThat(result.changes())
        .extracting(VehicleChange::kind, VehicleChange::vehicleId, VehicleChange::latitude)
        .containsExactlyInAnyOrder(
            tuple(VehicleChange.Kind.PICK_UP, "a", 52.40),
            tuple(VehicleChange.Kind.DROP_OFF, "c", 52.42));
    assertThat(result.changes()).allMatch(c -> c.observedAt().equals(T));
    assertThat(result.idChanges()).isZero();
  }

  @Test
  void aNewIdUnder15mOfAVanishedOneIsAnIdChangeNotATrip() {
    // a -> a' 11.1 m north: rotated; b vanished with no new id near it: picked up
    FreeVehicleChanges.Result result =
        FreeVehicleChanges.between(
            List.of(v("a", 52.4000, 10.70), v("b", 52.4100, 10.71)),
            List.of(v("a2", 52.4001, 10.70)),
            T);
    assertThat(result.idChanges()).isEqualTo(1);
    assertThat(result.changes()).extracting(VehicleChange::vehicleId).containsExactly("b");
  }

  @Test
  void idChangesPairClosestFirstAndOnlyWithinOneType() {
    // x vanished; y1 at 11.1 m and y2 at 5.6 m appeared: y2 pairs, y1 is a drop-off.
    // s (scooter) vanished next to a bike that appeared: different types, both count.
    FreeVehicleChanges.Result result =
        FreeVehicleChanges.between(
            List.of(v("x", 52.4000, 10.70), typed("s", 52.43, 10.73, "scooter")),
            List.of(
                v("y1", 52.4001, 10.70),
                v("y2", 52.40005, 10.70),
                typed("k", 52.43, 10.73, "bike")),
            T);
    assertThat(result.idChanges()).isEqualTo(1);
    assertThat(result.changes())
        .extracting(VehicleChange::kind, VehicleChange::vehicleId)
        .containsExactlyInAnyOrder(
            tuple(VehicleChange.Kind.DROP_OFF, "y1"),
            tuple(VehicleChange.Kind.PICK_UP, "s"),
            tuple(VehicleChange.Kind.DROP_OFF, "k"));
  }

  @Test
  void aKeptIdThatMoved100mOrMoreMadeATripAndDriftDidNot() {
    // m moved 111 m: a trip; d drifted 55 m: nothing
    FreeVehicleChanges.Result result =
        FreeVehicleChanges.between(
            List.of(v("m", 52.400, 10.70), v("d", 52.4100, 10.71)),
            List.of(v("m", 52.401, 10.70), v("d", 52.4105, 10.71)),
            T);
    assertThat(result.changes())
        .extracting(VehicleChange::kind, VehicleChange::latitude)
        .containsExactly(
            tuple(VehicleChange.Kind.PICK_UP, 52.400), tuple(VehicleChange.Kind.DROP_OFF, 52.401));
  }

  private static FreeFloatingVehicle v(String id, double lat, double lon) {
    return typed(id, lat, lon, "okai_escooter");
  }

  private static FreeFloatingVehicle typed(String id, double lat, double lon, String type) {
    return new FreeFloatingVehicle(id, lat, lon, type, false, false, T);
  }
}
