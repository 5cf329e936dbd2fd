package io.mobiflow.jobs.suggest.texts;

import io.mobiflow.connectors.gtfsrt.encode.AlertFeedEncoder;
import io.mobiflow.connectors.gtfsrt.model.ServiceAlert;
import io.mobiflow.connectors.gtfsrt.model.ServiceAlert.InformedEntity;
import io.mobiflow.connectors.gtfsrt.model.ServiceAlert.Translation;
import io.mobiflow.jobs.suggest.Suggestion;
import io.mobiflow.jobs.suggest.SuggestionStatus;
import io.mobiflow.jobs.suggest.SuggestionType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Suggestions as GTFS-Realtime service alerts, so that any trip-planner app shows them: informed
 * entities = the stop, route and trip the suggestion names (each route of a mode shift), active
 * from its issue until it expires (or was withdrawn), header and description in French and English.
 */
public final class SuggestionAlerts {

  private SuggestionAlerts() {}

  /**
   * The GTFS-Realtime Alerts feed of {@code suggestions} at {@code now}: one alert per suggestion
   * id, from its latest record (a withdrawn or expired one ends its active period then).
   */
  public static byte[] feed(Collection<Suggestion> suggestions, Instant now) {
    Map<String, Suggestion> latest = new TreeMap<>();
    for (Suggestion s : suggestions) {
      latest.merge(s.id(), s, (a, b) -> b.at().isBefore(a.at()) ? a : b);
    }
    return AlertFeedEncoder.encode(
        latest.values().stream().map(SuggestionAlerts::of).toList(), now);
  }

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
