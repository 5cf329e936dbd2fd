package io.mobiflow.connectors.counters.model;

import io.mobiflow.connectors.common.Require;
import io.mobiflow.geodata.geom.Wgs84;
import java.io.Serializable;

/**
 * A counting site: one loop detector or one counted road section, located by a WGS84 point.
 *
 * @param siteId the feed's identifier of the site
 * @param name human-readable label (road and direction)
 * @param latitude degrees
 * @param longitude degrees
 */
public record CounterSite(String siteId, String name, double latitude, double longitude)
    implements Serializable {

  public CounterSite {
    Require.id(siteId, "siteId");
    Require.present(name, "name");
    Wgs84.require(latitude, longitude);
  }
}
