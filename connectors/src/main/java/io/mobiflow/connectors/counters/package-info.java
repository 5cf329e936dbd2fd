/** Traffic counters (loop detectors): sites, readings of flow, occupancy and speed. */
package io.mobiflow.connectors.counters;
