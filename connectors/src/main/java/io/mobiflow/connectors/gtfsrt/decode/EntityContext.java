package io.mobiflow.connectors.gtfsrt.decode;

import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import io.mobiflow.connectors.common.SourceRef;
import java.time.Instant;

/**
 * One entity of a FeedMessage with where it came from and the feed header's time.
 *
 * @param entity the protobuf entity
 * @param source file (or topic) and 1-based entity index
 * @param headerTime the header timestamp, or {@code null}
 */
record EntityContext(FeedEntity entity, SourceRef source, Instant headerTime) {}
