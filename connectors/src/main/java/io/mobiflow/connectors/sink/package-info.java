/** Flink sinks (Sink V2) for Mobiflow's outputs. */
package io.mobiflow.connectors.sink;
