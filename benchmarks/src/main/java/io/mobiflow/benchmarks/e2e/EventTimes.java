package io.mobiflow.benchmarks.e2e;

import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.counters.model.CounterReading;
import io.mobiflow.connectors.feeds.FeedFormats;
import io.mobiflow.connectors.gbfs.model.FreeFloatingVehicle;
import io.mobiflow.connectors.gbfs.model.StationStatus;
import io.mobiflow.connectors.gtfsrt.model.StopTimeUpdate;
import io.mobiflow.connectors.gtfsrt.model.VehiclePosition;
import io.mobiflow.connectors.source.SnapshotFile;
import java.time.Instant;

/** The event time of a snapshot: the newest observation time among the events it decodes to. */
final class EventTimes {

  /** A snapshot without events the job observes. */
  static final long NONE = Long.MIN_VALUE;

  private EventTimes() {}

  /** The newest event time (epoch ms) of {@code file}'s events, or {@link #NONE}. */
  static long newest(SnapshotFile file) {
    long newest = NONE;
    for (Decoded<?> decoded : FeedFormats.of(file.kind()).decoder().decode(file.read())) {
      Instant at = decoded.isOk() ? observedAt(decoded.value()) : null;
      if (at != null) {
        newest = Math.max(newest, at.toEpochMilli());
      }
    }
    return newest;
  }

  private static Instant observedAt(Object event) {
    if (event instanceof VehiclePosition p) {
      return p.observedAt();
    } else if (event instanceof StopTimeUpdate u) {
      return u.observedAt();
    } else if (event instanceof StationStatus s) {
      return s.observedAt();
    } else if (event instanceof FreeFloatingVehicle v) {
      return v.observedAt();
    } else if (event instanceof CounterReading r) {
      return r.observedAt();
    }
    return null;
  }
}
