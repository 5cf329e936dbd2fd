package io.mobiflow.jobs.suggest.texts;

import io.mobiflow.connectors.gtfs.CompactTimetable;
import io.mobiflow.connectors.gtfs.TransitStop;
import io.mobiflow.jobs.suggest.Suggestion;
import io.mobiflow.jobs.suggest.SuggestionStatus;
import io.mobiflow.jobs.suggest.SuggestionType;
import io.mobiflow.jobs.suggest.rules.CongestionModeShift;
import io.mobiflow.jobs.suggest.rules.ConnectionAtRisk;
import io.mobiflow.jobs.suggest.rules.FirstLastMileGap;
import io.mobiflow.jobs.suggest.rules.SharedVehicleSuggestion;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns what a rule found into a published {@link Suggestion}: its id, informed entities, validity,
 * and header and description in French and English, with stop and route names of the static feed
 * and local clock times.
 */
public final class SuggestionTexts {

  /** A free-floating vehicle's distance is told in steps of this many metres, rounded up. */
  public static final int FREE_VEHICLE_DISTANCE_STEP_METERS = 50;

  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

  private final CompactTimetable timetable;
  private final Map<String, TransitStop> stops;
  private final Map<String, String> stationNames;

  /**
   * @param timetable route names and the network's time zone
   * @param stops stop names by id
   * @param stationNames shared-mobility station names by id
   */
  public SuggestionTexts(
      CompactTimetable timetable,
      Map<String, TransitStop> stops,
      Map<String, String> stationNames) {
    this.timetable = timetable;
    this.stops = Map.copyOf(stops);
    this.stationNames = Map.copyOf(stationNames);
  }

  /** A delay → shared vehicle suggestion, decided at {@code at}. */
  public Suggestion sharedVehicle(SharedVehicleSuggestion s, String zoneId, Instant at) {
    long delay = Math.round(s.delaySeconds() / 60.0);
    long gain = Math.max(1, s.gainSeconds() / 60);
    String walkFr = walkFr(s.pickUpSpotId(), s.walkMeters());
    String walkEn = walkEn(s.pickUpSpotId(), s.walkMeters());
    String to = name(s.toStopId());
    String byVehicle = clock(s.arrivalBySharedVehicle());
    String byTrip = clock(s.arrivalByTrip());
    String line = timetable.routeShortName(s.routeId());
    String dropStation =
        s.dropSpotId() == null ? null : stationNames.getOrDefault(s.dropSpotId(), s.dropSpotId());
    String dropFr = dropStation == null ? "" : " (en le laissant à la station " + dropStation + ")";
    String dropEn = dropStation == null ? "" : " (leaving it at station " + dropStation + ")";
    return new Suggestion(
        SuggestionType.SHARED_VEHICLE_FOR_DELAY.id(s.tripId(), s.fromStopId()),
        SuggestionType.SHARED_VEHICLE_FOR_DELAY,
        SuggestionStatus.ISSUED,
        at,
        at,
        s.validUntil(),
        zoneId,
        s.fromStopId(),
        s.routeId(),
        s.tripId(),
        s.delaySeconds(),
        s.pickUpSpotId(),
        s.toStopId(),
        s.arrivalBySharedVehicle(),
        List.of(),
        null,
        "Ligne "
            + line
            + " : retard de "
            + delay
            + " min, gagnez "
            + gain
            + " min en vélo ou trottinette",
        "Line "
            + line
            + ": "
            + delay
            + " min late, save "
            + gain
            + " min by shared bike or scooter",
        "Prenez "
            + pickUpFr(s.pickUpSpotId())
            + walkFr
            + " et rejoignez l'arrêt "
            + to
            + dropFr
            + " vers "
            + byVehicle
            + " (le bus y arrive à "
            + byTrip
            + ").",
        "Take "
            + pickUpEn(s.pickUpSpotId())
            + walkEn
            + " and reach stop "
            + to
            + dropEn
            + " by "
            + byVehicle
            + " (the bus gets there at "
            + byTrip
            + ").");
  }

  /**
   * A free-floating vehicle is named as a place, never by its id (not even its pseudonym): "a
   * shared bike or scooter within 100 m", the distance rounded up to {@link
   * #FREE_VEHICLE_DISTANCE_STEP_METERS}.
   */
  private String pickUpFr(String spotId) {
    String station = stationNames.get(spotId);
    return station == null
        ? "un vélo ou une trottinette en libre-service"
        : "un vélo à la station " + station;
  }

  private String pickUpEn(String spotId) {
    String station = stationNames.get(spotId);
    return station == null ? "a shared bike or scooter" : "a bike at station " + station;
  }

  private String walkFr(String spotId, double meters) {
    return stationNames.containsKey(spotId)
        ? " à " + Math.round(meters) + " m"
        : " à moins de " + freeVehicleDistance(meters) + " m";
  }

  private String walkEn(String spotId, double meters) {
    return stationNames.containsKey(spotId)
        ? " " + Math.round(meters) + " m away"
        : " within " + freeVehicleDistance(meters) + " m";
  }

  private static long freeVehicleDistance(double meters) {
    long steps = Math.max(1, (long) Math.ceil(meters / FREE_VEHICLE_DISTANCE_STEP_METERS));
    return steps * FREE_VEHICLE_DISTANCE_STEP_METERS;
  }

  /** A connection at risk, decided at {@code at}. */
  public Suggestion connection(
      ConnectionAtRisk.Suggestion s, String routeId, String zoneId, Instant at) {
    String line = timetable.routeShortName(routeId);
    String other = timetable.routeShortName(s.missed().routeId());
    String transfer = name(s.toStopId());
    Instant missed = departure(s.missed());
    Instant next = s.nextReachable() == null ? null : departure(s.nextReachable());
    String nextFr =
        next == null
            ? "Pas d'autre départ de la ligne " + other + " trouvé."
            : "Prochain départ possible : " + clock(next) + ".";
    String nextEn =
        next == null
            ? "No later departure of line " + other + " found."
            : "Next departure you can make: " + clock(next) + ".";
    return new Suggestion(
        SuggestionType.CONNECTION_AT_RISK.id(s.tripId(), s.atStopId()),
        SuggestionType.CONNECTION_AT_RISK,
        SuggestionStatus.ISSUED,
        at,
        at,
        next == null ? s.arrival() : next,
        zoneId,
        s.atStopId(),
        routeId,
        s.tripId(),
        s.delaySeconds(),
        null,
        s.toStopId(),
        next,
        List.of(s.missed().routeId()),
        null,
        "Ligne "
            + line
            + " en retard : correspondance ligne "
            + other
            + " de "
            + clock(missed)
            + " manquée",
        "Line " + line + " late: connection to line " + other + " at " + clock(missed) + " missed",
        "À "
            + transfer
            + ", le départ de "
            + clock(missed)
            + " de la ligne "
            + other
            + " ne peut plus être pris. "
            + nextFr,
        "At "
            + transfer
            + ", the "
            + clock(missed)
            + " departure of line "
            + other
            + " can no longer be made. "
            + nextEn);
  }

  /** A congestion → mode shift suggestion, decided at {@code at}. */
  public Suggestion modeShift(CongestionModeShift.Suggestion s, String zoneName, Instant at) {
    String lines =
        s.routes().stream()
            .map(
                r ->
                    timetable.routeShortName(r.routeId())
                        + " ("
                        + r.departures()
                        + (r.onTimeShare() == null
                            ? ""
                            : ", " + Math.round(100 * r.onTimeShare()) + " %")
                        + ")")
            .collect(Collectors.joining(", "));
    String bikes =
        s.vehiclesAvailable() == null
            ? ""
            : String.format(Locale.ROOT, " %.0f", s.vehiclesAvailable());
    String level = s.congestion().name().toLowerCase(Locale.ROOT);
    return new Suggestion(
        SuggestionType.CONGESTION_MODE_SHIFT.id(s.zoneId()),
        SuggestionType.CONGESTION_MODE_SHIFT,
        SuggestionStatus.ISSUED,
        at,
        at,
        s.validUntil(),
        s.zoneId(),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        s.routes().stream().map(CongestionModeShift.RouteOption::routeId).toList(),
        s.vehiclesAvailable(),
        "Circulation difficile à " + zoneName + " : prenez le bus ou un vélo",
        "Heavy traffic in " + zoneName + " (" + level + "): take the bus or a bike",
        (lines.isEmpty()
                ? "Aucune ligne dans les prochaines minutes."
                : "Lignes (départs, à l'heure) : " + lines + ".")
            + (bikes.isEmpty() ? "" : " Véhicules partagés disponibles :" + bikes + "."),
        (lines.isEmpty()
                ? "No line in the coming minutes."
                : "Lines (departures, on time): " + lines + ".")
            + (bikes.isEmpty() ? "" : " Shared vehicles available:" + bikes + "."));
  }

  /** A first/last-mile gap, decided at {@code at}. */
  public Suggestion gap(FirstLastMileGap.Gap g, String zoneId, Instant at) {
    String stop = name(g.stopId());
    return new Suggestion(
        SuggestionType.FIRST_LAST_MILE_GAP.id(g.stopId()),
        SuggestionType.FIRST_LAST_MILE_GAP,
        SuggestionStatus.ISSUED,
        at,
        g.from(),
        g.to(),
        zoneId,
        g.stopId(),
        null,
        null,
        null,
        null,
        null,
        null,
        List.of(),
        0.0,
        "Aucun véhicule partagé près de " + stop,
        "No shared vehicle near " + stop,
        g.scheduledCalls()
            + " départs prévus à "
            + stop
            + " de "
            + clock(g.from())
            + " à "
            + clock(g.to())
            + ", aucun vélo ni trottinette à proximité (rééquilibrage conseillé).",
        g.scheduledCalls()
            + " departures due at "
            + stop
            + " from "
            + clock(g.from())
            + " to "
            + clock(g.to())
            + ", no bike or scooter nearby (rebalancing advised).");
  }

  private Instant departure(CompactTimetable.Departure d) {
    return Instant.ofEpochSecond(timetable.serviceDayStart(d.serviceDate()) + d.departureSeconds());
  }

  private String name(String stopId) {
    TransitStop stop = stops.get(stopId);
    return stop == null ? stopId : stop.name();
  }

  private String clock(Instant instant) {
    return CLOCK.format(instant.atZone(timetable.timeZone()));
  }
}
