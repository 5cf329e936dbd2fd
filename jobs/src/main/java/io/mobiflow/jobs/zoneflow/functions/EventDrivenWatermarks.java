package io.mobiflow.jobs.zoneflow.functions;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Bounded out-of-orderness watermarks emitted with the events themselves: each event newer than all
 * before it moves the watermark to its time less the bound (and 1 ms). Flink's own generator emits
 * the same value periodically, every 200 ms of wall time, so which events come before a watermark
 * (and so which are late) depends on the machine's speed; here it depends only on the events.
 *
 * @param <T> the event
 */
public final class EventDrivenWatermarks<T> implements WatermarkGenerator<T> {

  private final long bound;
  private long newest = Long.MIN_VALUE;

  public EventDrivenWatermarks(Duration outOfOrderness) {
    this.bound = outOfOrderness.toMillis();
  }

  @Override
  public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
    if (eventTimestamp > newest) {
      newest = eventTimestamp;
      output.emitWatermark(new Watermark(newest - bound - 1));
    }
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {}
}
