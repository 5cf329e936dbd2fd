/**
 * JMH benchmarks of the geo-matching core, each with its JTS baseline as a {@code @Param} value so
 * that the ratio is measured in the same run, on seeded synthetic data at Île-de-France scale.
 */
package io.mobiflow.benchmarks.geodata;
