package io.mobiflow.geodata.nearest;

import io.mobiflow.geodata.geom.Wgs84;
import java.io.Serializable;
import java.util.Objects;

/**
 * A stop (or any point of interest) to search for.
 *
 * @param id the stop id
 * @param latitude degrees
 * @param longitude degrees
 */
public record StopLocation(String id, double latitude, double longitude) implements Serializable {

  public StopLocation {
    Objects.requireNonNull(id, "id");
    Wgs84.require(latitude, longitude);
  }
}
