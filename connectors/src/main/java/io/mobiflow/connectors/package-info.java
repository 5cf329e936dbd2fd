/**
 * Feeds in and out of Mobiflow: the event model (records per feed kind), pure decoders from feed
 * bytes to {@link io.mobiflow.connectors.common.Decoded} results, and thin Flink sources and sinks.
 */
package io.mobiflow.connectors;
