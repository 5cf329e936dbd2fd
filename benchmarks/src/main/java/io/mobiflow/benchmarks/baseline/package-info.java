/**
 * The zone-flow job as a Flink user would first write it, for the end-to-end harness's ratios: the
 * project's sources and decoders, a plain JTS zone lookup, generic records, one tumbling window per
 * source.
 */
package io.mobiflow.benchmarks.baseline;
