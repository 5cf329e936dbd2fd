/**
 * The geo-matching core of Mobiflow: coordinates, zones and the indexes that match observations to
 * places. Pure Java and JTS; this module must not depend on Flink (an ArchUnit test keeps it so).
 */
package io.mobiflow.geodata;
