/** Static GTFS timetables, read with onebusaway-gtfs and resolved for one service date. */
package io.mobiflow.connectors.gtfs;
