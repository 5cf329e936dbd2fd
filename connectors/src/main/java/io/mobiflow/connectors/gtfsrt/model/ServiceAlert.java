package io.mobiflow.connectors.gtfsrt.model;

import io.mobiflow.connectors.common.Require;
import java.time.Instant;
import java.util.List;

/**
 * A GTFS-Realtime service alert.
 *
 * @param alertId the feed entity id
 * @param activePeriods when it applies; empty means always
 * @param informedEntities what it applies to; at least one
 * @param cause the spec's Cause name, e.g. {@code STRIKE}
 * @param effect the spec's Effect name, e.g. {@code DETOUR}
 * @param headerText translations of the header
 * @param descriptionText translations of the description
 * @param observedAt the feed header's timestamp
 */
public record ServiceAlert(
    String alertId,
    List<ActivePeriod> activePeriods,
    List<InformedEntity> informedEntities,
    String cause,
    String effect,
    List<Translation> headerText,
    List<Translation> descriptionText,
    Instant observedAt) {

  public ServiceAlert {
    Require.id(alertId, "alertId");
    activePeriods = List.copyOf(activePeriods);
    informedEntities = List.copyOf(informedEntities);
    if (informedEntities.isEmpty()) {
      throw new IllegalArgumentException("alert " + alertId + " informs no entity");
    }
    Require.present(cause, "cause");
    Require.present(effect, "effect");
    headerText = List.copyOf(headerText);
    descriptionText = List.copyOf(descriptionText);
    Require.present(observedAt, "observedAt");
  }

  /**
   * A time range; either end may be open ({@code null}).
   *
   * @param start inclusive, or {@code null}
   * @param end inclusive, or {@code null}
   */
  public record ActivePeriod(Instant start, Instant end) {
    public ActivePeriod {
      if (start != null && end != null && end.isBefore(start)) {
        throw new IllegalArgumentException("active period ends before it starts");
      }
    }
  }

  /** An EntitySelector: any combination of agency, route, trip and stop; at least one is set. */
  public record InformedEntity(String agencyId, String routeId, String tripId, String stopId) {
    public InformedEntity {
      if (agencyId == null && routeId == null && tripId == null && stopId == null) {
        throw new IllegalArgumentException("informed entity selects nothing");
      }
    }
  }

  /**
   * One translation of a text.
   *
   * @param language BCP-47 tag, or {@code null} when the feed gives none
   * @param text the text
   */
  public record Translation(String language, String text) {
    public Translation {
      Require.present(text, "text");
    }
  }
}
