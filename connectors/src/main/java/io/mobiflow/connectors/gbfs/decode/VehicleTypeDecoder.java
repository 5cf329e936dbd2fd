package io.mobiflow.connectors.gbfs.decode;

import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.common.FeedDecoder;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.common.Require;
import io.mobiflow.connectors.gbfs.model.VehicleType;
import java.util.List;

/**
 * Decodes a GBFS vehicle_types.json (2.1+, 3.0; names localized in 3.0). A {@code max_range_meters}
 * that is not a number from 0 to 10,000 km rejects its type as {@code INVALID_VALUE}; a document of
 * another GBFS kind is one {@code WRONG_KIND} rejection naming it.
 */
public final class VehicleTypeDecoder implements FeedDecoder<VehicleType> {

  private static final long serialVersionUID = 1L;

  @Override
  public List<Decoded<VehicleType>> decode(FeedSnapshot snapshot) {
    return GbfsJson.decodeArray(
        snapshot,
        FeedKind.GBFS_VEHICLE_TYPES,
        "vehicle_types",
        (type, lastUpdated, source) -> {
          String id = GbfsJson.id(type.get("vehicle_type_id"));
          if (id == null) {
            return Decoded.rejected(
                source, RejectReason.MISSING_FIELD, "type without vehicle_type_id");
          }
          String formFactor = GbfsJson.text(type.get("form_factor"));
          String propulsion = GbfsJson.text(type.get("propulsion_type"));
          if (formFactor == null || propulsion == null) {
            return Decoded.rejected(
                source,
                RejectReason.MISSING_FIELD,
                "type " + Require.quoted(id) + " without form_factor or propulsion_type");
          }
          return Decoded.ok(
              source,
              new VehicleType(
                  id,
                  formFactor,
                  propulsion,
                  GbfsJson.decimal(type.get("max_range_meters"), "max_range_meters"),
                  GbfsJson.text(type.get("name"))));
        });
  }
}
