/**
 * Loaders of reference geometry: zones from GeoJSON and GeoPackage, road segments from GeoJSON,
 * reprojected to WGS84 with proj4j when a file declares another CRS.
 */
package io.mobiflow.geodata.load;
