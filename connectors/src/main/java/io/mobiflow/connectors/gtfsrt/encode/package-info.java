/**
 * GTFS-Realtime written by Mobiflow (the Alerts feed of its suggestions), from the event model with
 * MobilityData's bindings; like {@code decode}, the only place protobuf types appear.
 */
package io.mobiflow.connectors.gtfsrt.encode;
