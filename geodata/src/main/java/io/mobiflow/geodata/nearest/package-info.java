/**
 * The k nearest stops within a radius of a point, in metres on the sphere. {@link
 * io.mobiflow.geodata.nearest.SimpleStopFinder} scans every stop; {@link
 * io.mobiflow.geodata.nearest.GridStopFinder} only the grid cells the radius can reach.
 */
package io.mobiflow.geodata.nearest;
