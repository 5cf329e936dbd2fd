package io.mobiflow.connectors.gtfsrt.decode;

import com.google.transit.realtime.GtfsRealtime;
import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.common.EpochTime;
import io.mobiflow.connectors.common.FeedDecoder;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.gtfsrt.model.ServiceAlert;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the Alert entities of a GTFS-Realtime FeedMessage: every translation of the header and
 * description, informed entities (agency, route, trip, stop; empty selectors rejected), active
 * periods with open ends (a start or end of 0 is open), cause and effect (the spec's defaults when
 * absent). An alert without a valid header timestamp is rejected, since its freshness cannot be
 * told; an active period bound outside {@link EpochTime}'s range is {@link
 * RejectReason#INVALID_VALUE}. Entities of other kinds are rejected as {@link
 * RejectReason#WRONG_KIND} (see {@link FeedMessages}).
 */
public final class AlertDecoder implements FeedDecoder<ServiceAlert> {

  private static final long serialVersionUID = 1L;

  @Override
  public List<Decoded<ServiceAlert>> decode(FeedSnapshot snapshot) {
    return FeedMessages.decodeEntities(
        snapshot, FeedKind.GTFS_RT_ALERTS, (context, out) -> out.add(decode(context)));
  }

  private static Decoded<ServiceAlert> decode(EntityContext context) {
    GtfsRealtime.Alert alert = context.entity().getAlert();
    if (context.headerTime() == null) {
      return Decoded.rejected(
          context.source(), RejectReason.MISSING_FIELD, "no header timestamp for the alert");
    }
    List<ServiceAlert.InformedEntity> entities = new ArrayList<>();
    for (GtfsRealtime.EntitySelector selector : alert.getInformedEntityList()) {
      String tripId = selector.getTrip().hasTripId() ? selector.getTrip().getTripId() : null;
      String routeId =
          selector.hasRouteId()
              ? selector.getRouteId()
              : selector.getTrip().hasRouteId() ? selector.getTrip().getRouteId() : null;
      try {
        entities.add(
            new ServiceAlert.InformedEntity(
                selector.hasAgencyId() ? selector.getAgencyId() : null,
                routeId,
                tripId,
                selector.hasStopId() ? selector.getStopId() : null));
      } catch (IllegalArgumentException e) {
        return Decoded.rejected(context.source(), RejectReason.INVALID_VALUE, e.getMessage());
      }
    }
    List<ServiceAlert.ActivePeriod> periods = new ArrayList<>();
    for (GtfsRealtime.TimeRange range : alert.getActivePeriodList()) {
      EpochTime start = bound("active period start", range.hasStart(), range.getStart());
      EpochTime end = bound("active period end", range.hasEnd(), range.getEnd());
      for (EpochTime time : new EpochTime[] {start, end}) {
        if (time != null && !time.isValid()) {
          return time.rejected(context.source());
        }
      }
      try {
        periods.add(
            new ServiceAlert.ActivePeriod(
                start == null ? null : start.instant(), end == null ? null : end.instant()));
      } catch (IllegalArgumentException e) {
        return Decoded.rejected(context.source(), RejectReason.INVALID_VALUE, e.getMessage());
      }
    }
    try {
      return Decoded.ok(
          context.source(),
          new ServiceAlert(
              context.entity().getId(),
              periods,
              entities,
              alert.getCause().name(),
              alert.getEffect().name(),
              translations(alert.getHeaderText()),
              translations(alert.getDescriptionText()),
              context.headerTime()));
    } catch (IllegalArgumentException e) {
      return Decoded.rejected(context.source(), RejectReason.MISSING_FIELD, e.getMessage());
    }
  }

  /** A bound of an active period, or {@code null} when open (absent or 0). */
  private static EpochTime bound(String field, boolean present, long epochSeconds) {
    return present && epochSeconds != 0 ? EpochTime.ofSeconds(field, epochSeconds) : null;
  }

  private static List<ServiceAlert.Translation> translations(GtfsRealtime.TranslatedString text) {
    List<ServiceAlert.Translation> out = new ArrayList<>();
    for (GtfsRealtime.TranslatedString.Translation t : text.getTranslationList()) {
      if (!t.getText().isBlank()) {
        out.add(
            new ServiceAlert.Translation(
                t.hasLanguage() && !t.getLanguage().isBlank() ? t.getLanguage() : null,
                t.getText()));
      }
    }
    return out;
  }
}
