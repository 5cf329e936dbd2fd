/**
 * A region-scale load generator: {@link io.mobiflow.benchmarks.region.RegionSimulator} runs the
 * demo's feed simulators over the synthetic region timetable ({@link
 * io.mobiflow.benchmarks.gtfs.SyntheticGtfsFeed#regionScale()}) with a region's zones, counter
 * sites, bike stations and free-floating fleet ({@link
 * io.mobiflow.benchmarks.region.RegionCityBuilder}), and writes the snapshots, the city's files and
 * a job configuration; {@link io.mobiflow.benchmarks.region.RawFeeder} replays those snapshots into
 * the job's raw Kafka topics at a chosen speed.
 */
package io.mobiflow.benchmarks.region;
