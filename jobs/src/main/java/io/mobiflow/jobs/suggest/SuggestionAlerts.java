package io.mobiflow.jobs.suggest;

import io.mobiflow.connectors.gtfs.TransitStop;
import io.mobiflow.connectors.gtfsrt.model.ServiceAlert;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Suggestions as GTFS-Realtime service alerts, so that any trip-planner app shows them: informed
 * entity = the delayed trip at the stop where the traveller waits (with its route), active until
 * the suggestion expires, effect SIGNIFICANT_DELAYS, header and description in French and English
 * with local times.
 */
public final class SuggestionAlerts {

  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

  private final Map<String, TransitStop> stops;
  private final ZoneId zone;

  /**
   * @param stops stop names by id
   * @param zone the network's time zone, for the times in the texts
   */
  public SuggestionAlerts(Map<String, TransitStop> stops, ZoneId zone) {
    this.stops = Map.copyOf(stops);
    this.zone = zone;
  }

  /** The alert of one suggestion, issued at {@code now}. */
  public ServiceAlert of(SharedVehicleSuggestion s, Instant now) {
    long delayMinutes = Math.round(s.delaySeconds() / 60.0);
    long gainMinutes = Math.max(1, s.gainSeconds() / 60);
    String to = name(s.toStopId());
    String arrival = clock(s.arrivalBySharedVehicle());
    String byTrip = clock(s.arrivalByTrip());
    long walk = Math.round(s.walkMeters());
    return new ServiceAlert(
        "mobiflow-shared-vehicle-" + s.tripId() + "-" + s.fromStopId(),
        List.of(new ServiceAlert.ActivePeriod(now, s.validUntil())),
        List.of(new ServiceAlert.InformedEntity(null, s.routeId(), s.tripId(), s.fromStopId())),
        "UNKNOWN_CAUSE",
        "SIGNIFICANT_DELAYS",
        List.of(
            new ServiceAlert.Translation(
                "fr",
                "Retard de "
                    + delayMinutes
                    + " min : gagnez "
                    + gainMinutes
                    + " min en vélo ou trottinette"),
            new ServiceAlert.Translation(
                "en",
                delayMinutes
                    + " min late: save "
                    + gainMinutes
                    + " min by shared bike or scooter")),
        List.of(
            new ServiceAlert.Translation(
                "fr",
                "Prenez le véhicule partagé "
                    + s.pickUpSpotId()
                    + " à "
                    + walk
                    + " m et rejoignez l'arrêt "
                    + to
                    + " vers "
                    + arrival
                    + " (le bus y arrive à "
                    + byTrip
                    + ")."),
            new ServiceAlert.Translation(
                "en",
                "Take shared vehicle "
                    + s.pickUpSpotId()
                    + " "
                    + walk
                    + " m away and reach stop "
                    + to
                    + " by "
                    + arrival
                    + " (the bus gets there at "
                    + byTrip
                    + ").")),
        now);
  }

  private String name(String stopId) {
    TransitStop stop = stops.get(stopId);
    return stop == null || stop.name() == null ? stopId : stop.name();
  }

  private String clock(Instant instant) {
    return CLOCK.format(instant.atZone(zone));
  }
}
