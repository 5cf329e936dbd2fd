package io.mobiflow.jobs.zoneflow.match;

import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.common.FeedDecoder;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.gtfsrt.decode.DelayPropagation;
import io.mobiflow.connectors.gtfsrt.decode.TripUpdateDecoder;
import io.mobiflow.connectors.gtfsrt.model.StopTimeUpdate;
import java.nio.file.Path;
import java.util.List;

/**
 * TripUpdates decoded and resolved against the static timetable ({@link DelayPropagation}): each
 * update placed on one stop of the static trip (by stop_id when its stop_sequence names another
 * stop; rejected naming both when neither fits), delays from predicted times (a time takes
 * precedence over a delay), propagated to the following stops up to the next listed one,
 * cancellations spread to every stop, unknown trips rejected. The timetable is loaded once per JVM
 * ({@link SharedTimetables}); the decoder itself ships only the path.
 */
public final class ResolvedTripUpdateDecoder implements FeedDecoder<StopTimeUpdate> {

  private static final long serialVersionUID = 1L;

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
    return new DelayPropagation(SharedTimetables.of(gtfs)).resolve(decoder.decode(snapshot));
  }
}
