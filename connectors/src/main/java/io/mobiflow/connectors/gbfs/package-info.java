/** GBFS shared mobility: stations, their status, and free-floating vehicles. */
package io.mobiflow.connectors.gbfs;
