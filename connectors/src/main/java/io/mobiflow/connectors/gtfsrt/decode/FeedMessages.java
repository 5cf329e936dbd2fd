package io.mobiflow.connectors.gtfsrt.decode;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.common.EpochTime;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.common.SourceRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;

/** Parsing shared by the GTFS-Realtime decoders. */
final class FeedMessages {

  private FeedMessages() {}

  /**
   * Parses the snapshot and hands each entity of the {@code declared} kind, with its 1-based index,
   * to {@code perEntity}; an unparseable document becomes one MALFORMED rejection for the whole
   * file.
   *
   * <p>FULL_DATASET and DIFFERENTIAL messages decode alike: each entity is an observation at its
   * time (its own timestamp, else the header's). Entities marked {@code is_deleted} (DIFFERENTIAL
   * only) retract an earlier entity and observe nothing, so they give no event; {@code mobiflow
   * inspect} counts them.
   *
   * <p>Nothing is left out silently:
   *
   * <ul>
   *   <li>an entity without the declared part but with another (a vehicle position in a document
   *       declared as trip updates, say) is rejected as {@link RejectReason#WRONG_KIND}, naming the
   *       kind it is; one with none of trip_update, vehicle and alert is {@link
   *       RejectReason#MISSING_FIELD}, or WRONG_KIND when it holds a part these bindings do not
   *       know (shape, stop, trip modifications of later versions of the spec);
   *   <li>a header timestamp outside {@link EpochTime}'s range gives one {@link
   *       RejectReason#INVALID_VALUE} rejection for the whole file, and the header time is then
   *       unknown, as when the header has none: entities with a valid timestamp of their own still
   *       decode, the others are rejected by their decoder. A timestamp of 0 is no timestamp.
   * </ul>
   */
  static <T> List<Decoded<T>> decodeEntities(
      FeedSnapshot snapshot,
      FeedKind declared,
      BiConsumer<EntityContext, List<Decoded<T>>> perEntity) {
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
    Instant headerTime = null;
    if (message.getHeader().hasTimestamp() && message.getHeader().getTimestamp() != 0) {
      EpochTime time = EpochTime.ofSeconds("header timestamp", message.getHeader().getTimestamp());
      if (time.isValid()) {
        headerTime = time.instant();
      } else {
        out.add(
            Decoded.rejected(
                snapshot.source(),
                RejectReason.INVALID_VALUE,
                time.problem() + "; the header time is unknown for every entity"));
      }
    }
    for (int i = 0; i < message.getEntityCount(); i++) {
      FeedEntity entity = message.getEntity(i);
      if (entity.getIsDeleted()) {
        continue; // a DIFFERENTIAL deletion retracts an entity; it observes nothing
      }
      SourceRef source = snapshot.source().atLine(i + 1L);
      if (holds(entity, declared)) {
        perEntity.accept(new EntityContext(entity, source, headerTime), out);
      } else {
        out.add(notOfKind(entity, declared, source));
      }
    }
    return out;
  }

  /**
   * The time of an entity: its own timestamp if it has one (seconds, 0 meaning none), else the
   * header's ({@code null} if unknown); a timestamp of its own out of range is a rejection.
   *
   * @param field the timestamp's name for the rejection, e.g. {@code "trip update timestamp"}
   */
  static EpochTime timeOf(
      String field, boolean hasOwn, long ownEpochSeconds, EntityContext context) {
    return hasOwn && ownEpochSeconds != 0
        ? EpochTime.ofSeconds(field, ownEpochSeconds)
        : context.headerTime() == null ? null : EpochTime.of(field, context.headerTime());
  }

  private static boolean holds(FeedEntity entity, FeedKind kind) {
    return switch (kind) {
      case GTFS_RT_TRIP_UPDATES -> entity.hasTripUpdate();
      case GTFS_RT_VEHICLE_POSITIONS -> entity.hasVehicle();
      case GTFS_RT_ALERTS -> entity.hasAlert();
      default -> throw new IllegalArgumentException(kind + " is not a GTFS-Realtime kind");
    };
  }

  private static <T> Decoded<T> notOfKind(FeedEntity entity, FeedKind declared, SourceRef source) {
    String is;
    if (entity.hasTripUpdate()) {
      is = "a trip update (" + name(FeedKind.GTFS_RT_TRIP_UPDATES) + ")";
    } else if (entity.hasVehicle()) {
      is = "a vehicle position (" + name(FeedKind.GTFS_RT_VEHICLE_POSITIONS) + ")";
    } else if (entity.hasAlert()) {
      is = "an alert (" + name(FeedKind.GTFS_RT_ALERTS) + ")";
    } else if (!entity.getUnknownFields().asMap().isEmpty()) {
      is =
          "of a kind Mobiflow does not read (fields "
              + entity.getUnknownFields().asMap().keySet()
              + ": shape, stop or trip modifications)";
    } else {
      return Decoded.rejected(
          source,
          RejectReason.MISSING_FIELD,
          "entity '" + entity.getId() + "' has no trip_update, vehicle nor alert");
    }
    return Decoded.rejected(
        source, RejectReason.WRONG_KIND, "declared " + name(declared) + ", entity is " + is);
  }

  private static String name(FeedKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }
}
