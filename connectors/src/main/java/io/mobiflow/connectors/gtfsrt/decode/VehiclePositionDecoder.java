package io.mobiflow.connectors.gtfsrt.decode;

import com.google.transit.realtime.GtfsRealtime;
import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.common.EpochTime;
import io.mobiflow.connectors.common.FeedDecoder;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.gtfsrt.model.OccupancyStatus;
import io.mobiflow.connectors.gtfsrt.model.VehiclePosition;
import io.mobiflow.geodata.geom.Wgs84;
import java.util.List;

/**
 * Decodes the VehiclePosition entities of a GTFS-Realtime FeedMessage. Entities of other kinds are
 * rejected as {@link RejectReason#WRONG_KIND} (see {@link FeedMessages}); a timestamp outside
 * {@link io.mobiflow.connectors.common.EpochTime}'s range is {@link RejectReason#INVALID_VALUE}.
 */
public final class VehiclePositionDecoder implements FeedDecoder<VehiclePosition> {

  private static final long serialVersionUID = 1L;
  private static final double MPS_TO_KMH = 3.6;

  @Override
  public List<Decoded<VehiclePosition>> decode(FeedSnapshot snapshot) {
    return FeedMessages.decodeEntities(
        snapshot, FeedKind.GTFS_RT_VEHICLE_POSITIONS, (context, out) -> out.add(decode(context)));
  }

  private static Decoded<VehiclePosition> decode(EntityContext context) {
    GtfsRealtime.VehiclePosition vehicle = context.entity().getVehicle();
    if (!vehicle.hasPosition()) {
      return Decoded.rejected(
          context.source(), RejectReason.MISSING_FIELD, "vehicle position without position");
    }
    GtfsRealtime.Position position = vehicle.getPosition();
    double latitude = position.getLatitude();
    double longitude = position.getLongitude();
    var problem = Wgs84.check(latitude, longitude);
    if (problem.isPresent()) {
      return Decoded.rejected(
          context.source(),
          RejectReason.INVALID_COORDINATE,
          problem.get() + " (" + latitude + ", " + longitude + ")");
    }
    EpochTime observedAt =
        FeedMessages.timeOf(
            "vehicle timestamp", vehicle.hasTimestamp(), vehicle.getTimestamp(), context);
    if (observedAt == null) {
      return Decoded.rejected(
          context.source(), RejectReason.MISSING_FIELD, "no timestamp on vehicle nor header");
    }
    if (!observedAt.isValid()) {
      return observedAt.rejected(context.source());
    }
    String vehicleId = vehicleId(vehicle, context.entity().getId());
    try {
      return Decoded.ok(
          context.source(),
          new VehiclePosition(
              vehicleId,
              vehicle.getTrip().hasTripId() ? vehicle.getTrip().getTripId() : null,
              vehicle.getTrip().hasRouteId() ? vehicle.getTrip().getRouteId() : null,
              latitude,
              longitude,
              position.hasBearing() ? (double) position.getBearing() : null,
              position.hasSpeed() ? position.getSpeed() * MPS_TO_KMH : null,
              vehicle.hasOccupancyStatus()
                  ? OccupancyStatus.valueOf(vehicle.getOccupancyStatus().name())
                  : null,
              observedAt.instant()));
    } catch (IllegalArgumentException e) {
      return Decoded.rejected(context.source(), RejectReason.INVALID_VALUE, e.getMessage());
    }
  }

  private static String vehicleId(GtfsRealtime.VehiclePosition vehicle, String entityId) {
    if (vehicle.getVehicle().hasId() && !vehicle.getVehicle().getId().isBlank()) {
      return vehicle.getVehicle().getId();
    }
    if (vehicle.getVehicle().hasLabel() && !vehicle.getVehicle().getLabel().isBlank()) {
      return vehicle.getVehicle().getLabel();
    }
    return entityId;
  }
}
