package io.mobiflow.jobs.suggest;

import io.mobiflow.connectors.gtfsrt.model.ServiceAlert;
import io.mobiflow.connectors.gtfsrt.model.ServiceAlert.InformedEntity;
import io.mobiflow.connectors.gtfsrt.model.ServiceAlert.Translation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Suggestions as GTFS-Realtime service alerts, so that any trip-planner app shows them: informed
 * entities = the stop, route and trip the suggestion names (each route of a mode shift), active
 * from its issue until it expires (or was withdrawn), header and description in French and English.
 */
public final class SuggestionAlerts {

  private SuggestionAlerts() {}

  /** The alert of one suggestion. */
  public static ServiceAlert of(Suggestion s) {
    Instant end = s.status() == SuggestionStatus.ISSUED ? s.validUntil() : s.at();
    if (end.isBefore(s.validFrom())) {
      end = s.validFrom();
    }
    return new ServiceAlert(
        "mobiflow-" + s.id(),
        List.of(new ServiceAlert.ActivePeriod(s.validFrom(), end)),
        entities(s),
        s.type() == SuggestionType.CONGESTION_MODE_SHIFT ? "OTHER_CAUSE" : "UNKNOWN_CAUSE",
        switch (s.type()) {
          case SHARED_VEHICLE_FOR_DELAY, CONNECTION_AT_RISK -> "SIGNIFICANT_DELAYS";
          case CONGESTION_MODE_SHIFT, FIRST_LAST_MILE_GAP -> "OTHER_EFFECT";
        },
        List.of(new Translation("fr", s.headerFr()), new Translation("en", s.headerEn())),
        List.of(new Translation("fr", s.descriptionFr()), new Translation("en", s.descriptionEn())),
        s.at());
  }

  private static List<InformedEntity> entities(Suggestion s) {
    List<InformedEntity> entities = new ArrayList<>();
    if (s.tripId() != null || s.stopId() != null || s.routeId() != null) {
      entities.add(new InformedEntity(null, s.routeId(), s.tripId(), s.stopId()));
    }
    for (String route : s.routes()) {
      if (!route.equals(s.routeId())) {
        entities.add(new InformedEntity(null, route, null, null));
      }
    }
    return entities;
  }
}
