package io.mobiflow.connectors.gtfsrt.encode;

import com.google.transit.realtime.GtfsRealtime.Alert;
import com.google.transit.realtime.GtfsRealtime.EntitySelector;
import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.FeedHeader;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import com.google.transit.realtime.GtfsRealtime.TimeRange;
import com.google.transit.realtime.GtfsRealtime.TranslatedString;
import com.google.transit.realtime.GtfsRealtime.TripDescriptor;
import io.mobiflow.connectors.gtfsrt.model.ServiceAlert;
import java.time.Instant;
import java.util.List;

/**
 * A GTFS-Realtime Alerts feed (version 2.0, FULL_DATASET) of {@link ServiceAlert}s: one entity per
 * alert with its active periods, informed entities (agency, route, trip, stop), cause, effect and
 * translated header and description. A cause or effect name the spec does not know becomes
 * UNKNOWN_CAUSE / UNKNOWN_EFFECT.
 */
public final class AlertFeedEncoder {

  private AlertFeedEncoder() {}

  /** The feed's bytes, with {@code timestamp} in its header. */
  public static byte[] encode(List<ServiceAlert> alerts, Instant timestamp) {
    FeedMessage.Builder feed =
        FeedMessage.newBuilder()
            .setHeader(
                FeedHeader.newBuilder()
                    .setGtfsRealtimeVersion("2.0")
                    .setIncrementality(FeedHeader.Incrementality.FULL_DATASET)
                    .setTimestamp(timestamp.getEpochSecond()));
    for (ServiceAlert alert : alerts) {
      feed.addEntity(FeedEntity.newBuilder().setId(alert.alertId()).setAlert(alert(alert)));
    }
    return feed.build().toByteArray();
  }

  private static Alert alert(ServiceAlert alert) {
    Alert.Builder out = Alert.newBuilder();
    for (ServiceAlert.ActivePeriod period : alert.activePeriods()) {
      TimeRange.Builder range = TimeRange.newBuilder();
      if (period.start() != null) {
        range.setStart(period.start().getEpochSecond());
      }
      if (period.end() != null) {
        range.setEnd(period.end().getEpochSecond());
      }
      out.addActivePeriod(range);
    }
    for (ServiceAlert.InformedEntity entity : alert.informedEntities()) {
      EntitySelector.Builder selector = EntitySelector.newBuilder();
      if (entity.agencyId() != null) {
        selector.setAgencyId(entity.agencyId());
      }
      if (entity.routeId() != null) {
        selector.setRouteId(entity.routeId());
      }
      if (entity.tripId() != null) {
        selector.setTrip(TripDescriptor.newBuilder().setTripId(entity.tripId()));
      }
      if (entity.stopId() != null) {
        selector.setStopId(entity.stopId());
      }
      out.addInformedEntity(selector);
    }
    out.setCause(cause(alert.cause()));
    out.setEffect(effect(alert.effect()));
    out.setHeaderText(translated(alert.headerText()));
    out.setDescriptionText(translated(alert.descriptionText()));
    return out.build();
  }

  private static Alert.Cause cause(String name) {
    for (Alert.Cause cause : Alert.Cause.values()) {
      if (cause.name().equals(name)) {
        return cause;
      }
    }
    return Alert.Cause.UNKNOWN_CAUSE;
  }

  private static Alert.Effect effect(String name) {
    for (Alert.Effect effect : Alert.Effect.values()) {
      if (effect.name().equals(name)) {
        return effect;
      }
    }
    return Alert.Effect.UNKNOWN_EFFECT;
  }

  private static TranslatedString translated(List<ServiceAlert.Translation> translations) {
    TranslatedString.Builder out = TranslatedString.newBuilder();
    for (ServiceAlert.Translation translation : translations) {
      TranslatedString.Translation.Builder t =
          TranslatedString.Translation.newBuilder().setText(translation.text());
      if (translation.language() != null) {
        t.setLanguage(translation.language());
      }
      out.addTranslation(t);
    }
    return out.build();
  }
}
