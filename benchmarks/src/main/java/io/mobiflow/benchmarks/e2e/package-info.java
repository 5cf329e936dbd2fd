/**
 * The end-to-end harness ({@link io.mobiflow.benchmarks.e2e.EndToEnd}): the zone-flow job against
 * its plain baseline and the decoders alone, from files to files and from Kafka to Kafka exactly
 * once, on a local MiniCluster and a real broker.
 */
package io.mobiflow.benchmarks.e2e;
