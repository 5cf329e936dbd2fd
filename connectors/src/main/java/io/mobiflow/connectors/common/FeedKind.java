package io.mobiflow.connectors.common;

/**
 * The kinds of raw feed documents Mobiflow reads, by name: their formats (media type, extension,
 * decoder, …) are declared in {@link io.mobiflow.connectors.feeds.FeedFormats}. One snapshot holds
 * one document of one kind.
 */
public enum FeedKind {
  /** GTFS-Realtime FeedMessage with VehiclePosition entities (protobuf). */
  GTFS_RT_VEHICLE_POSITIONS,
  /** GTFS-Realtime FeedMessage with TripUpdate entities (protobuf). */
  GTFS_RT_TRIP_UPDATES,
  /** GTFS-Realtime FeedMessage with Alert entities (protobuf). */
  GTFS_RT_ALERTS,
  /** GBFS station_information.json. */
  GBFS_STATION_INFORMATION,
  /** GBFS station_status.json. */
  GBFS_STATION_STATUS,
  /** GBFS free_bike_status.json (1.x, 2.x) or vehicle_status.json (3.0). */
  GBFS_FREE_VEHICLES,
  /** GBFS gbfs.json (discovery) or manifest.json (3.0). */
  GBFS_DISCOVERY,
  /** GBFS system_information.json. */
  GBFS_SYSTEM_INFORMATION,
  /** GBFS vehicle_types.json. */
  GBFS_VEHICLE_TYPES,
  /** GBFS geofencing_zones.json. */
  GBFS_GEOFENCING_ZONES,
  /** Traffic-counter readings in Mobiflow's generic CSV ({@code sensor_id,timestamp,...}). */
  COUNTER_CSV,
  /** Paris permanent counters, yearly archive CSV ({@code iu_ac,libelle,...,t_1h,q,k,...}). */
  COUNTER_PARIS_ARCHIVE,
  /** Paris permanent counters, open-data portal export ({@code ;}, BOM, French headers). */
  COUNTER_PARIS_PORTAL,
  /** DATEX II MeasuredDataPublication, version 2 or 3 (XML). */
  COUNTER_DATEX2
}
