/** GTFS-Realtime protobuf to records, with MobilityData's gtfs-realtime-bindings. */
package io.mobiflow.connectors.gtfsrt.decode;
