package io.mobiflow.connectors.gbfs.decode;

import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.common.FeedDecoder;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.common.Require;
import io.mobiflow.connectors.gbfs.model.FreeFloatingVehicle;
import java.time.Instant;
import java.util.List;

/**
 * Decodes the parked vehicles of GBFS {@code free_bike_status.json} (1.x, 2.x: {@code data.bikes},
 * {@code bike_id}) or {@code vehicle_status.json} (3.0: {@code data.vehicles}, {@code vehicle_id}).
 * The time is the vehicle's {@code last_reported}, else the document's {@code last_updated} (POSIX
 * seconds or RFC 3339).
 *
 * <p>Values are checked, each failure rejecting that vehicle as {@code INVALID_VALUE} with the
 * field and value: times within years 1970–9999 (the document's only when the vehicle has no {@code
 * last_reported} of its own), flags booleans or 0/1. A document of another GBFS kind
 * (station_status, say) is one {@code WRONG_KIND} rejection naming it.
 */
public final class FreeFloatingVehicleDecoder implements FeedDecoder<FreeFloatingVehicle> {

  private static final long serialVersionUID = 1L;

  @Override
  public List<Decoded<FreeFloatingVehicle>> decode(FeedSnapshot snapshot) {
    return GbfsJson.decodeArray(
        snapshot,
        FeedKind.GBFS_FREE_VEHICLES,
        List.of("vehicles", "bikes"),
        (vehicle, lastUpdated, source) -> {
          String id =
              GbfsJson.id(
                  vehicle.has("vehicle_id") ? vehicle.get("vehicle_id") : vehicle.get("bike_id"));
          if (id == null) {
            return Decoded.rejected(source, RejectReason.MISSING_FIELD, "vehicle without id");
          }
          Decoded<FreeFloatingVehicle> badPosition =
              GbfsJson.rejectPosition(vehicle, "vehicle " + Require.quoted(id), source);
          if (badPosition != null) {
            return badPosition;
          }
          double latitude = vehicle.get("lat").asDouble();
          double longitude = vehicle.get("lon").asDouble();
          Instant observedAt = GbfsJson.instant(vehicle.get("last_reported"), "last_reported");
          if (observedAt == null) {
            observedAt = lastUpdated.get();
          }
          if (observedAt == null) {
            return Decoded.rejected(
                source,
                RejectReason.MISSING_FIELD,
                "vehicle " + Require.quoted(id) + " without report time");
          }
          return Decoded.ok(
              source,
              new FreeFloatingVehicle(
                  id,
                  latitude,
                  longitude,
                  GbfsJson.id(vehicle.get("vehicle_type_id")),
                  GbfsJson.flag(vehicle.get("is_reserved"), "is_reserved", false),
                  GbfsJson.flag(vehicle.get("is_disabled"), "is_disabled", false),
                  observedAt));
        });
  }
}
