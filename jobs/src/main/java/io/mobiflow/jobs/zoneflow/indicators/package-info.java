/**
 * Each indicator declared once: the named {@link io.mobiflow.jobs.zoneflow.indicators.Measure}s an
 * {@link io.mobiflow.jobs.zoneflow.indicators.Observation} carries, what a window adds up, and how
 * the indicators of a source are computed from those sums, one class per source ({@link
 * io.mobiflow.jobs.zoneflow.indicators.RoadIndicators}, {@link
 * io.mobiflow.jobs.zoneflow.indicators.TransitIndicators}, {@link
 * io.mobiflow.jobs.zoneflow.indicators.SharedMobilityIndicators}). {@link
 * io.mobiflow.jobs.zoneflow.indicators.Indicators} lists them all.
 */
package io.mobiflow.jobs.zoneflow.indicators;
