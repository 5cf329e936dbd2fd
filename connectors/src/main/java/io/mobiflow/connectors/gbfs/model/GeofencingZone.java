package io.mobiflow.connectors.gbfs.model;

import io.mobiflow.connectors.common.Require;
import java.util.List;
import org.locationtech.jts.geom.Geometry;

/**
 * A geofencing zone of a shared-mobility system (GBFS geofencing_zones): an area with rules.
 *
 * @param name the zone's name (first translation in 3.0), or {@code null}
 * @param area the MultiPolygon, WGS84, x = longitude
 * @param rules the rules, in the feed's order (the first one matching a vehicle type applies)
 */
public record GeofencingZone(String name, Geometry area, List<Rule> rules) {

  public GeofencingZone {
    Require.present(area, "area");
    rules = List.copyOf(rules);
  }

  /**
   * One rule of a zone. {@code null} means the rule does not say.
   *
   * @param vehicleTypeIds the types it applies to; empty means all
   * @param rideStartAllowed ride_start_allowed (3.0; 2.3's ride_allowed)
   * @param rideEndAllowed ride_end_allowed (3.0; 2.3's ride_allowed)
   * @param rideThroughAllowed ride_through_allowed
   * @param maximumSpeedKph maximum_speed_kph, or {@code null}
   */
  public record Rule(
      List<String> vehicleTypeIds,
      Boolean rideStartAllowed,
      Boolean rideEndAllowed,
      Boolean rideThroughAllowed,
      Integer maximumSpeedKph) {
    public Rule {
      vehicleTypeIds = List.copyOf(vehicleTypeIds);
    }
  }
}
