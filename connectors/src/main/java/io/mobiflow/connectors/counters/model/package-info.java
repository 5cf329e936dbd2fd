/** Records of the traffic-counter feeds. */
package io.mobiflow.connectors.counters.model;
