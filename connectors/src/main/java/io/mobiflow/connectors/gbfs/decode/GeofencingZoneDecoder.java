package io.mobiflow.connectors.gbfs.decode;

import com.fasterxml.jackson.databind.JsonNode;
import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.common.FeedDecoder;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.common.Require;
import io.mobiflow.connectors.common.SourceRef;
import io.mobiflow.connectors.gbfs.model.GeofencingZone;
import io.mobiflow.geodata.geom.Wgs84;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;

/**
 * Decodes a GBFS geofencing_zones.json (2.1+, 3.0): one zone per feature of {@code
 * data.geofencing_zones}, with its rules. 2.x's {@code ride_allowed} is read as both 3.0's {@code
 * ride_start_allowed} and {@code ride_end_allowed}. A feature without geometry (Almere publishes
 * two, with {@code "geometry": null}) or whose geometry is not a WGS84 (Multi)Polygon is rejected;
 * so is one whose rule flags are not booleans or 0/1, or whose {@code maximum_speed_kph} is not a
 * whole number from 0 to {@value #MAX_SPEED_KPH} ({@code INVALID_VALUE}). A document of another
 * GBFS kind is one {@code WRONG_KIND} rejection naming it.
 */
public final class GeofencingZoneDecoder implements FeedDecoder<GeofencingZone> {

  /** The largest {@code maximum_speed_kph} a rule may set. */
  static final int MAX_SPEED_KPH = 300;

  private static final long serialVersionUID = 1L;

  @Override
  public List<Decoded<GeofencingZone>> decode(FeedSnapshot snapshot) {
    return GbfsJson.decodeData(
        snapshot,
        FeedKind.GBFS_GEOFENCING_ZONES,
        (data, document) -> {
          List<Decoded<GeofencingZone>> out = new ArrayList<>();
          JsonNode features = data.path("geofencing_zones").path("features");
          if (!features.isArray()) {
            out.add(
                Decoded.rejected(
                    document, RejectReason.MALFORMED, "no data.geofencing_zones.features array"));
            return out;
          }
          for (int i = 0; i < features.size(); i++) {
            SourceRef source = document.atLine(i + 1L);
            try {
              out.add(zone(features.get(i), source));
            } catch (IllegalArgumentException e) {
              out.add(Decoded.rejected(source, RejectReason.INVALID_VALUE, e.getMessage()));
            }
          }
          return out;
        });
  }

  private static Decoded<GeofencingZone> zone(JsonNode feature, SourceRef source) {
    if (!feature.path("geometry").isObject()) {
      return Decoded.rejected(
          source,
          RejectReason.MISSING_FIELD,
          "zone "
              + Require.quoted(GbfsJson.text(feature.path("properties").get("name")))
              + " has no geometry");
    }
    Geometry area;
    try {
      area = new GeoJsonReader(Wgs84.GEOMETRY_FACTORY).read(feature.path("geometry").toString());
    } catch (ParseException | RuntimeException e) {
      return Decoded.rejected(
          source,
          RejectReason.MALFORMED,
          "geometry: " + Require.shortened(String.valueOf(e.getMessage())));
    }
    if (!area.getGeometryType().endsWith("Polygon")) {
      return Decoded.rejected(
          source, RejectReason.INVALID_VALUE, "geometry is a " + area.getGeometryType());
    }
    for (Coordinate c : area.getCoordinates()) {
      var problem = Wgs84.check(c.y, c.x);
      if (problem.isPresent()) {
        return Decoded.rejected(source, RejectReason.INVALID_COORDINATE, problem.get().toString());
      }
    }
    List<GeofencingZone.Rule> rules = new ArrayList<>();
    for (JsonNode rule : feature.path("properties").path("rules")) {
      List<String> types = new ArrayList<>();
      rule.path("vehicle_type_ids").forEach(t -> types.add(t.asText()));
      Boolean rideAllowed = bool(rule, "ride_allowed");
      rules.add(
          new GeofencingZone.Rule(
              types,
              rule.has("ride_start_allowed") ? bool(rule, "ride_start_allowed") : rideAllowed,
              rule.has("ride_end_allowed") ? bool(rule, "ride_end_allowed") : rideAllowed,
              bool(rule, "ride_through_allowed"),
              GbfsJson.integer(rule.get("maximum_speed_kph"), "maximum_speed_kph", MAX_SPEED_KPH)));
    }
    return Decoded.ok(
        source,
        new GeofencingZone(GbfsJson.text(feature.path("properties").get("name")), area, rules));
  }

  private static Boolean bool(JsonNode rule, String field) {
    JsonNode node = rule.get(field);
    return node == null || node.isNull() ? null : GbfsJson.flag(node, field, false);
  }
}
