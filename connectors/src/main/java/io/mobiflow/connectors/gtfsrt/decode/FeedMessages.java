package io.mobiflow.connectors.gtfsrt.decode;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.RejectReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/** Parsing shared by the GTFS-Realtime decoders. */
final class FeedMessages {

  private FeedMessages() {}

  /**
   * Parses the snapshot and hands each entity, with its 1-based index, to {@code perEntity}; an
   * unparseable document becomes one MALFORMED rejection for the whole file.
   *
   * <p>FULL_DATASET and DIFFERENTIAL messages decode alike: each entity is an observation at its
   * time (its own timestamp, else the header's). Entities marked {@code is_deleted} (DIFFERENTIAL
   * only) retract an earlier entity and observe nothing, so they give no event; {@code mobiflow
   * inspect} counts them.
   */
  static <T> List<Decoded<T>> decodeEntities(
      FeedSnapshot snapshot, BiConsumer<EntityContext, List<Decoded<T>>> perEntity) {
    List<Decoded<T>> out = new ArrayList<>();
    FeedMessage message;
    try {
      message = FeedMessage.parseFrom(snapshot.payload());
    } catch (InvalidProtocolBufferException e) {
      out.add(
          Decoded.rejected(
              snapshot.source(),
              RejectReason.MALFORMED,
              "not a GTFS-Realtime FeedMessage: " + e.getMessage()));
      return out;
    }
    Instant headerTime =
        message.getHeader().hasTimestamp()
            ? Instant.ofEpochSecond(message.getHeader().getTimestamp())
            : null;
    for (int i = 0; i < message.getEntityCount(); i++) {
      if (message.getEntity(i).getIsDeleted()) {
        continue; // a DIFFERENTIAL deletion retracts an entity; it observes nothing
      }
      perEntity.accept(
          new EntityContext(message.getEntity(i), snapshot.source().atLine(i + 1L), headerTime),
          out);
    }
    return out;
  }

  /** The time of an entity: its own timestamp if it has one (seconds), else the header's. */
  static Instant timeOf(boolean hasOwn, long ownEpochSeconds, Instant headerTime) {
    return hasOwn && ownEpochSeconds > 0 ? Instant.ofEpochSecond(ownEpochSeconds) : headerTime;
  }
}
