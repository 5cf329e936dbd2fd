package io.mobiflow.connectors.gbfs.model;

import io.mobiflow.connectors.common.Require;

/**
 * A vehicle type of a shared-mobility system (GBFS vehicle_types).
 *
 * @param vehicleTypeId vehicle_type_id
 * @param formFactor bicycle, cargo_bicycle, car, moped, scooter_standing, scooter_seated, other…
 * @param propulsionType human, electric_assist, electric, combustion…
 * @param maxRangeMeters max_range_meters for motorized types, or {@code null}
 * @param name the type's name (first translation in 3.0), or {@code null}
 */
public record VehicleType(
    String vehicleTypeId,
    String formFactor,
    String propulsionType,
    Double maxRangeMeters,
    String name) {

  public VehicleType {
    Require.id(vehicleTypeId, "vehicleTypeId");
    Require.present(formFactor, "formFactor");
    Require.present(propulsionType, "propulsionType");
    Require.optionalInRange(maxRangeMeters, 0, 10_000_000, "maxRangeMeters");
  }
}
