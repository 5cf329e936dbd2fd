package io.mobiflow.connectors.feeds;

/** The families of feed formats: how a document is parsed before its kind's decoder reads it. */
public enum FeedFamily {
  /** GTFS-Realtime FeedMessages (protobuf). */
  GTFS_RT,
  /** GBFS JSON files. */
  GBFS,
  /** Traffic-counter readings (CSV or DATEX II XML). */
  COUNTER
}
