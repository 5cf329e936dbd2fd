/**
 * Records of GTFS-Realtime entities, flattened for streaming. Protobuf types never leave {@code
 * decode}.
 */
package io.mobiflow.connectors.gtfsrt.model;
