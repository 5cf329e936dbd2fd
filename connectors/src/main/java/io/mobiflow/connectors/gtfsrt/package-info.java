/** GTFS-Realtime: vehicle positions, trip updates (per stop) and service alerts. */
package io.mobiflow.connectors.gtfsrt;
