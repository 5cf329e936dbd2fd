package io.mobiflow.connectors.gbfs.model;

import io.mobiflow.connectors.common.Require;
import io.mobiflow.geodata.geom.Wgs84;
import java.time.Instant;

/**
 * A free-floating vehicle taken or left between two snapshots of a feed, as inferred by {@link
 * io.mobiflow.connectors.gbfs.FreeVehicleChanges}.
 *
 * @param kind pick-up (it was there and is gone) or drop-off (it was not there and is)
 * @param vehicleId the id the feed used (ids rotate after trips in GBFS 2.x: not a stable key)
 * @param latitude where it was picked up or dropped off, degrees
 * @param longitude degrees
 * @param observedAt the later snapshot's time: when the change became known
 */
public record VehicleChange(
    Kind kind, String vehicleId, double latitude, double longitude, Instant observedAt) {

  /** Which way the vehicle went. */
  public enum Kind {
    PICK_UP,
    DROP_OFF
  }

  public VehicleChange {
    Require.present(kind, "kind");
    Require.id(vehicleId, "vehicleId");
    Wgs84.require(latitude, longitude);
    Require.present(observedAt, "observedAt");
  }
}
