/** WGS84 coordinates: validation, distances in metres, and the shared JTS geometry factory. */
package io.mobiflow.geodata.geom;
