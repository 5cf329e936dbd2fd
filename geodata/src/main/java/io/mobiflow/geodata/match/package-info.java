/**
 * Snapping positions to a road network: the nearest segment within a radius, the offset along it
 * and its direction. {@link io.mobiflow.geodata.match.SimpleRoadSnapper} measures every part;
 * {@link io.mobiflow.geodata.match.GridRoadSnapper} only those in reach.
 */
package io.mobiflow.geodata.match;
