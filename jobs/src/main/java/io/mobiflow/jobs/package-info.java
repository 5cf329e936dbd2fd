/**
 * Mobiflow's Flink jobs: their operators, configuration, stores (flow-table sinks and schema) and
 * Kafka outputs; what a cluster runs. The {@code mobiflow} command, the demo and {@code serve} are
 * in the application module ({@code io.mobiflow.app}), which depends on this one, never the
 * reverse.
 */
package io.mobiflow.jobs;
