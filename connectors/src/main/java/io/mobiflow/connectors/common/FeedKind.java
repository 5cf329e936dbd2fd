package io.mobiflow.connectors.common;

/** The kinds of raw feed documents Mobiflow reads. One snapshot holds one document of one kind. */
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
  COUNTER_DATEX2;

  /** Whether documents of this kind are GTFS-Realtime protobuf. */
  public boolean isGtfsRealtime() {
    return name().startsWith("GTFS_RT");
  }

  /** Whether documents of this kind are GBFS JSON. */
  public boolean isGbfs() {
    return name().startsWith("GBFS");
  }

  /** The media type of this kind's documents. */
  public String mediaType() {
    if (isGtfsRealtime()) {
      return "application/x-protobuf";
    }
    if (isGbfs()) {
      return "application/json";
    }
    return this == COUNTER_DATEX2 ? "application/xml" : "text/csv";
  }

  /** The file extension of this kind's documents (pb, json, xml, csv). */
  public String fileExtension() {
    if (isGtfsRealtime()) {
      return "pb";
    }
    if (isGbfs()) {
      return "json";
    }
    return this == COUNTER_DATEX2 ? "xml" : "csv";
  }
}
