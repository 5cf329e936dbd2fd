package io.mobiflow.jobs.zoneflow;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.mobiflow.connectors.common.Require;
import io.mobiflow.jobs.zoneflow.indicators.RoadIndicators.Road;
import io.mobiflow.jobs.zoneflow.indicators.SharedMobilityIndicators.SharedMobility;
import io.mobiflow.jobs.zoneflow.indicators.TransitIndicators.Transit;
import java.time.Instant;

/**
 * The flow indicators of one spatial unit (a zone, an H3 cell, a counter site, a stop, a route or a
 * station) over one event-time window: road, transit and shared mobility side by side, each group
 * computed by its source ({@code io.mobiflow.jobs.zoneflow.indicators}). A count of zero means the
 * feed said nothing about the unit in the window; its means are then {@code null} ("no data", not
 * zero), and the source's completeness flag is false. In JSON and in the flows table the groups'
 * fields stand beside the unit and window, as one flat record; {@code docs/indicators.md} defines
 * every field.
 *
 * @param unit what kind of place {@code unitId} is
 * @param unitId the zone id, H3 address, site id, stop id, route id or station id
 * @param windowStart inclusive
 * @param windowEnd exclusive
 * @param road from traffic counters
 * @param transit from GTFS-Realtime
 * @param shared from GBFS stations and free-floating vehicles
 * @param provisional whether the window is still open: an early result, replaced (upserted by unit
 *     and window) by later ones and at last by the final record ({@code false}); records written
 *     before early results existed have no such field and are final
 */
public record ZoneFlow(
    SpatialUnit unit,
    String unitId,
    Instant windowStart,
    Instant windowEnd,
    @JsonUnwrapped Road road,
    @JsonUnwrapped Transit transit,
    @JsonUnwrapped SharedMobility shared,
    boolean provisional) {

  public ZoneFlow {
    Require.present(unit, "unit");
    Require.id(unitId, "unitId");
    Require.present(windowStart, "windowStart");
    Require.present(windowEnd, "windowEnd");
    Require.present(road, "road");
    Require.present(transit, "transit");
    Require.present(shared, "shared");
    if (!windowEnd.isAfter(windowStart)) {
      throw new IllegalArgumentException("window ends before it starts");
    }
  }

  /**
   * The key records of the same unit and window share, by which a later one replaces an earlier one
   * in the flow topics and tables: {@code <unitId>/<windowStart>}.
   */
  public String upsertKey() {
    return unitId + "/" + windowStart;
  }

  /**
   * All published observations of the unit in the window, of every feed kind (suppressed trip
   * counts are not among them).
   */
  public long observations() {
    return road.observations() + transit.observations() + shared.observations();
  }
}
