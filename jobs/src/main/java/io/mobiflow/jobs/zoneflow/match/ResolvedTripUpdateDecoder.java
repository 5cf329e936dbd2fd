package io.mobiflow.jobs.zoneflow.match;

import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.common.FeedDecoder;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.gtfs.CompactTimetable;
import io.mobiflow.connectors.gtfs.CompactTimetableLoader;
import io.mobiflow.connectors.gtfsrt.decode.DelayPropagation;
import io.mobiflow.connectors.gtfsrt.decode.TripUpdateDecoder;
import io.mobiflow.connectors.gtfsrt.model.StopTimeUpdate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * TripUpdates decoded and resolved against the static timetable ({@link DelayPropagation}): delays
 * from predicted times, propagated to the following stops, cancellations spread to every stop,
 * unknown trips rejected. The timetable is loaded once per JVM (TaskManager) and path, on first
 * use, and shared by the tasks there; the decoder itself ships only the path.
 */
public final class ResolvedTripUpdateDecoder implements FeedDecoder<StopTimeUpdate> {

  private static final long serialVersionUID = 1L;
  private static final Map<String, CompactTimetable> TIMETABLES = new ConcurrentHashMap<>();

  private final String gtfs;
  private final TripUpdateDecoder decoder = new TripUpdateDecoder();

  /**
   * @param gtfs the GTFS zip or folder of the trips the updates name
   */
  public ResolvedTripUpdateDecoder(Path gtfs) {
    this.gtfs = gtfs.toAbsolutePath().toString();
  }

  @Override
  public List<Decoded<StopTimeUpdate>> decode(FeedSnapshot snapshot) {
    return new DelayPropagation(timetable()).resolve(decoder.decode(snapshot));
  }

  private CompactTimetable timetable() {
    return TIMETABLES.computeIfAbsent(
        gtfs,
        path -> {
          try {
            return CompactTimetableLoader.load(Path.of(path));
          } catch (IOException e) {
            throw new UncheckedIOException("cannot load the timetable " + path, e);
          }
        });
  }
}
