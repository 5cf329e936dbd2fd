/**
 * The zone-flow job: raw snapshots of all three feed kinds, matched to zones, windowed by zone and
 * event time, and summarised per zone and window in a {@link io.mobiflow.jobs.zoneflow.ZoneFlow}.
 */
package io.mobiflow.jobs.zoneflow;
