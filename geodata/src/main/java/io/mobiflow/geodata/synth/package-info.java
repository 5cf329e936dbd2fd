/**
 * Seeded synthetic geography at realistic scales, for exactness tests and benchmarks: zones that
 * tile an area with irregular shared boundaries, stops, and road networks. The same seed gives the
 * same data.
 */
package io.mobiflow.geodata.synth;
