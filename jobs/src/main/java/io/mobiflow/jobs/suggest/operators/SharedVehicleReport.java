package io.mobiflow.jobs.suggest.operators;

import io.mobiflow.connectors.gbfs.model.StationStatus;
import io.mobiflow.jobs.suggest.FreeVehicles;

/**
 * What shared mobility offers, as the suggestion operators receive it (one broadcast stream):
 * either a station's report or a snapshot of free-floating vehicles.
 *
 * @param station a station's report, or null
 * @param freeVehicles a free-floating snapshot, or null
 */
public record SharedVehicleReport(StationStatus station, FreeVehicles freeVehicles) {

  public SharedVehicleReport {
    if ((station == null) == (freeVehicles == null)) {
      throw new IllegalArgumentException("a report is of a station or of free vehicles");
    }
  }

  public static SharedVehicleReport of(StationStatus station) {
    return new SharedVehicleReport(station, null);
  }

  public static SharedVehicleReport of(FreeVehicles vehicles) {
    return new SharedVehicleReport(null, vehicles);
  }
}
