package io.mobiflow.jobs.zoneflow.functions;

import java.util.Objects;

/**
 * What one source's window operator adds to a unit and window since its previous delta: the sums of
 * the samples that came in between ({@link SourceTrigger} purges the window's sums each time it
 * fires). The join adds a window's deltas of every source ({@link DeltaSums}); sums are exact, so
 * the total does not depend on how the samples were split into deltas.
 *
 * @param key the unit's key ({@link io.mobiflow.jobs.zoneflow.ZoneSample#key()})
 * @param windowStart the window's start, epoch ms, inclusive
 * @param windowEnd the window's end, epoch ms, exclusive
 * @param sums the sums of the samples since the previous delta
 */
public record SourceDelta(String key, long windowStart, long windowEnd, ZoneFlowAccumulator sums) {

  public SourceDelta {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(sums, "sums");
  }
}
