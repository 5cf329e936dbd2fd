package io.mobiflow.connectors.counters.model;

import io.mobiflow.connectors.common.Require;
import io.mobiflow.geodata.geom.Wgs84;
import io.mobiflow.geodata.match.RoadSegment;
import java.io.Serializable;

/**
 * A counting site: one loop detector or one counted road section, located by a WGS84 point and,
 * where the feed gives it, the geometry of the counted section.
 *
 * @param siteId the feed's identifier of the site
 * @param name human-readable label (road and direction)
 * @param latitude degrees
 * @param longitude degrees
 * @param road the counted road section (id = site id), or {@code null} when the feed has only a
 *     point
 */
public record CounterSite(
    String siteId, String name, double latitude, double longitude, RoadSegment road)
    implements Serializable {

  public CounterSite {
    Require.id(siteId, "siteId");
    Require.present(name, "name");
    Wgs84.require(latitude, longitude);
  }

  /** A site known by its point only. */
  public static CounterSite atPoint(String siteId, String name, double latitude, double longitude) {
    return new CounterSite(siteId, name, latitude, longitude, null);
  }
}
