package io.mobiflow.connectors.gbfs.decode;

import com.fasterxml.jackson.databind.JsonNode;
import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.common.FeedDecoder;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.RejectReason;
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
 * two, with {@code "geometry": null}) or whose geometry is not a WGS84 (Multi)Polygon is rejected.
 */
public final class GeofencingZoneDecoder implements FeedDecoder<GeofencingZone> {

  private static final long serialVersionUID = 1L;

  @Override
  public List<Decoded<GeofencingZone>> decode(FeedSnapshot snapshot) {
    return GbfsJson.decodeData(
        snapshot,
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
            out.add(zone(features.get(i), document.atLine(i + 1L)));
          }
          return out;
        });
  }

  private static Decoded<GeofencingZone> zone(JsonNode feature, SourceRef source) {
    if (!feature.path("geometry").isObject()) {
      return Decoded.rejected(
          source,
          RejectReason.MISSING_FIELD,
          "zone " + GbfsJson.text(feature.path("properties").get("name")) + " has no geometry");
    }
    Geometry area;
    try {
      area = new GeoJsonReader(Wgs84.GEOMETRY_FACTORY).read(feature.path("geometry").toString());
    } catch (ParseException | RuntimeException e) {
      return Decoded.rejected(source, RejectReason.MALFORMED, "geometry: " + e.getMessage());
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
      Boolean rideAllowed = bool(rule.get("ride_allowed"));
      rules.add(
          new GeofencingZone.Rule(
              types,
              rule.has("ride_start_allowed") ? bool(rule.get("ride_start_allowed")) : rideAllowed,
              rule.has("ride_end_allowed") ? bool(rule.get("ride_end_allowed")) : rideAllowed,
              bool(rule.get("ride_through_allowed")),
              GbfsJson.optionalInt(rule.get("maximum_speed_kph"))));
    }
    return Decoded.ok(
        source,
        new GeofencingZone(GbfsJson.text(feature.path("properties").get("name")), area, rules));
  }

  private static Boolean bool(JsonNode node) {
    return node == null || node.isNull() ? null : GbfsJson.flag(node, false);
  }
}
