/**
 * Point to zone: which configured zone(s) contain a WGS84 point. {@link
 * io.mobiflow.geodata.locate.ZoneLocator} is the question; {@link
 * io.mobiflow.geodata.locate.SimpleZoneLocator} the plain JTS answer.
 */
package io.mobiflow.geodata.locate;
