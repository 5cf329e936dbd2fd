/** Flink sources of raw feed snapshots (FLIP-27). */
package io.mobiflow.connectors.source;
