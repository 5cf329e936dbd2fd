/**
 * Static GTFS: {@link io.mobiflow.connectors.gtfs.CompactTimetableLoader} reads a whole feed
 * (onebusaway-gtfs for the small files, a byte-level reader for stop_times.txt) into a {@link
 * io.mobiflow.connectors.gtfs.CompactTimetable} of primitive columns with its queries; {@link
 * io.mobiflow.connectors.gtfs.Timetable} is one service date of it as records.
 */
package io.mobiflow.connectors.gtfs;
