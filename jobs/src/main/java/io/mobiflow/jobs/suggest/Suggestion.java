package io.mobiflow.jobs.suggest;

import io.mobiflow.connectors.common.Require;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One published suggestion, in the form every output takes (JSON lines, the suggestions topic, the
 * GTFS-Realtime Alerts feed). Ids are stable while the condition holds: a suggestion is issued
 * once, issued again only when its content changes, and ends WITHDRAWN or EXPIRED.
 *
 * @param id {@code <type slug>:<key>}, e.g. {@code shared-vehicle:<trip>:<stop>}
 * @param type the rule that made it
 * @param status issued, withdrawn or expired
 * @param at when this status was decided (event time: the observation that decided it)
 * @param validFrom start of validity
 * @param validUntil end of validity
 * @param zoneId the zone concerned, or null
 * @param stopId the stop where the traveller is (or the bare stop), or null
 * @param routeId the route concerned, or null
 * @param tripId the trip concerned, or null
 * @param delaySeconds the predicted delay that triggered it, or null
 * @param spotId the station to take, or the pseudonym ({@code h:…}, see {@code docs/privacy.md}) of
 *     the free-floating vehicle to take, never its id; or null
 * @param targetStopId where the alternative leads (the later stop reached first, the transfer stop
 *     of the connection), or null
 * @param alternativeAt when the alternative gets there (arrival by shared vehicle, the next
 *     reachable departure), or null
 * @param routes the transit routes serving a congested zone, or empty
 * @param vehiclesAvailable shared vehicles available where it applies, or null
 * @param headerFr short text, French
 * @param headerEn short text, English
 * @param descriptionFr what to do, French
 * @param descriptionEn what to do, English
 */
public record Suggestion(
    String id,
    SuggestionType type,
    SuggestionStatus status,
    Instant at,
    Instant validFrom,
    Instant validUntil,
    String zoneId,
    String stopId,
    String routeId,
    String tripId,
    Integer delaySeconds,
    String spotId,
    String targetStopId,
    Instant alternativeAt,
    List<String> routes,
    Double vehiclesAvailable,
    String headerFr,
    String headerEn,
    String descriptionFr,
    String descriptionEn) {

  public Suggestion {
    Require.id(id, "id");
    Require.present(type, "type");
    Require.present(status, "status");
    Require.present(at, "at");
    Require.present(validFrom, "validFrom");
    Require.present(validUntil, "validUntil");
    routes = routes == null ? List.of() : List.copyOf(routes);
  }

  /** The same suggestion with another status, decided at {@code when}. */
  public Suggestion withStatus(SuggestionStatus newStatus, Instant when) {
    return new Suggestion(
        id,
        type,
        newStatus,
        when,
        validFrom,
        validUntil,
        zoneId,
        stopId,
        routeId,
        tripId,
        delaySeconds,
        spotId,
        targetStopId,
        alternativeAt,
        routes,
        vehiclesAvailable,
        headerFr,
        headerEn,
        descriptionFr,
        descriptionEn);
  }

  /**
   * Whether {@code other} gives a traveller the same advice: the same vehicle or station to take,
   * the same target, the same routes and alternative, and a validity ending within {@link
   * #SAME_VALIDITY_SECONDS} of this one's. A delay that moves by a few seconds between two
   * predictions is no new advice, and is not published again.
   */
  public boolean sameAdviceAs(Suggestion other) {
    return id.equals(other.id)
        && Objects.equals(spotId, other.spotId)
        && Objects.equals(targetStopId, other.targetStopId)
        && Objects.equals(alternativeAtIfDeparture(), other.alternativeAtIfDeparture())
        && routes.equals(other.routes)
        && Math.abs(validUntil.getEpochSecond() - other.validUntil.getEpochSecond())
            < SAME_VALIDITY_SECONDS;
  }

  /** Validity ends closer than this are the same validity. */
  public static final long SAME_VALIDITY_SECONDS = 120;

  /** A connection's alternative is a scheduled departure: it identifies the advice. */
  private Instant alternativeAtIfDeparture() {
    return type == SuggestionType.CONNECTION_AT_RISK ? alternativeAt : null;
  }
}
