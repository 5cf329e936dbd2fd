package io.mobiflow.connectors.gbfs;

import io.mobiflow.connectors.gbfs.model.FreeFloatingVehicle;
import io.mobiflow.connectors.gbfs.model.VehicleChange;
import io.mobiflow.geodata.geom.Wgs84;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Infers pick-ups and drop-offs of free-floating vehicles from two consecutive snapshots of one
 * feed.
 *
 * <ul>
 *   <li>An id present before and gone after is a pick-up at its last position; an id absent before
 *       and present after is a drop-off at its new position.
 *   <li>GBFS 2.x rotates {@code bike_id} after each trip, and some feeds rotate on a schedule, so a
 *       parked vehicle can vanish under one id and reappear under another: a vanished and an
 *       appeared vehicle of the same type less than {@link #ROTATION_RADIUS_M} apart are taken to
 *       be that (or a vehicle nudged on the pavement), not a trip, and give no event. Pairs are
 *       formed closest first.
 *   <li>Feeds that keep ids across trips (TIER's, for one) show a trip as the same id at a new
 *       place: an id that moved at least {@link #TRIP_MOVE_M} gives a pick-up at its old position
 *       and a drop-off at its new one. Smaller moves are GPS drift (in TIER Wolfsburg's 12
 *       snapshots, same-id moves are under 62 m or over 160 m).
 * </ul>
 *
 * Every change is stamped with the later snapshot's time, when it became known.
 */
public final class FreeVehicleChanges {

  /** Closer than this, a vanished and an appeared vehicle are one id change, not two events. */
  public static final double ROTATION_RADIUS_M = 15.0;

  /** A vehicle that kept its id and moved at least this far made a trip. */
  public static final double TRIP_MOVE_M = 100.0;

  private FreeVehicleChanges() {}

  /**
   * The changes between two snapshots.
   *
   * @param before the earlier snapshot's vehicles
   * @param after the later snapshot's vehicles
   * @param at the later snapshot's time, given to every change
   * @return pick-ups and drop-offs, and how many id changes were paired away
   */
  public static Result between(
      List<FreeFloatingVehicle> before, List<FreeFloatingVehicle> after, Instant at) {
    Map<String, FreeFloatingVehicle> previous = new HashMap<>();
    before.forEach(v -> previous.put(v.vehicleId(), v));
    Map<String, FreeFloatingVehicle> current = new HashMap<>();
    after.forEach(v -> current.put(v.vehicleId(), v));
    List<FreeFloatingVehicle> gone =
        before.stream().filter(v -> !current.containsKey(v.vehicleId())).toList();
    List<FreeFloatingVehicle> come =
        after.stream().filter(v -> !previous.containsKey(v.vehicleId())).toList();

    List<VehicleChange> changes = new ArrayList<>();
    for (FreeFloatingVehicle now : after) {
      FreeFloatingVehicle then = previous.get(now.vehicleId());
      if (then != null && metres(then, now) >= TRIP_MOVE_M) {
        changes.add(change(VehicleChange.Kind.PICK_UP, then, at));
        changes.add(change(VehicleChange.Kind.DROP_OFF, now, at));
      }
    }

    List<double[]> pairs = new ArrayList<>(); // {distance, gone index, come index}
    for (int g = 0; g < gone.size(); g++) {
      for (int c = 0; c < come.size(); c++) {
        double distance = metres(gone.get(g), come.get(c));
        if (distance < ROTATION_RADIUS_M && sameType(gone.get(g), come.get(c))) {
          pairs.add(new double[] {distance, g, c});
        }
      }
    }
    pairs.sort((a, b) -> Double.compare(a[0], b[0]));
    boolean[] goneUsed = new boolean[gone.size()];
    boolean[] comeUsed = new boolean[come.size()];
    int idChanges = 0;
    for (double[] pair : pairs) {
      int g = (int) pair[1];
      int c = (int) pair[2];
      if (!goneUsed[g] && !comeUsed[c]) {
        goneUsed[g] = true;
        comeUsed[c] = true;
        idChanges++;
      }
    }
    for (int g = 0; g < gone.size(); g++) {
      if (!goneUsed[g]) {
        changes.add(change(VehicleChange.Kind.PICK_UP, gone.get(g), at));
      }
    }
    for (int c = 0; c < come.size(); c++) {
      if (!comeUsed[c]) {
        changes.add(change(VehicleChange.Kind.DROP_OFF, come.get(c), at));
      }
    }
    return new Result(changes, idChanges);
  }

  private static double metres(FreeFloatingVehicle a, FreeFloatingVehicle b) {
    return Wgs84.distanceMeters(a.latitude(), a.longitude(), b.latitude(), b.longitude());
  }

  private static VehicleChange change(
      VehicleChange.Kind kind, FreeFloatingVehicle vehicle, Instant at) {
    return new VehicleChange(
        kind, vehicle.vehicleId(), vehicle.latitude(), vehicle.longitude(), at);
  }

  private static boolean sameType(FreeFloatingVehicle a, FreeFloatingVehicle b) {
    return a.vehicleTypeId() == null
        || b.vehicleTypeId() == null
        || a.vehicleTypeId().equals(b.vehicleTypeId());
  }

  /**
   * What two snapshots tell.
   *
   * @param changes the inferred pick-ups and drop-offs
   * @param idChanges vanished/appeared pairs within the rotation radius, not counted as trips
   */
  public record Result(List<VehicleChange> changes, int idChanges) {}
}
