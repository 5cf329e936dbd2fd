package io.mobiflow.connectors.gtfsrt.model;

/** GTFS-Realtime VehiclePosition.OccupancyStatus, same names and meaning as the spec. */
public enum OccupancyStatus {
  EMPTY,
  MANY_SEATS_AVAILABLE,
  FEW_SEATS_AVAILABLE,
  STANDING_ROOM_ONLY,
  CRUSHED_STANDING_ROOM_ONLY,
  FULL,
  NOT_ACCEPTING_PASSENGERS,
  NO_DATA_AVAILABLE,
  NOT_BOARDABLE
}
