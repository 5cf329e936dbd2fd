package io.mobiflow.connectors.gbfs.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.mobiflow.connectors.common.FeedKind;

/**
 * Which GBFS file a JSON document is, from the shape of its {@code data}: the decoders use it to
 * refuse a document of another kind than theirs ({@code RejectReason.WRONG_KIND}), {@code inspect}
 * to pick the decoder.
 */
public final class GbfsKinds {

  private GbfsKinds() {}

  /**
   * The kind of a GBFS document, or {@code null} when it has no {@code data} object or is no GBFS
   * file Mobiflow reads (system_pricing_plans, say). A {@code data.stations} array whose first
   * station has {@code lat} is station_information, any other (even empty) station_status.
   */
  public static FeedKind detect(JsonNode root) {
    JsonNode data = root == null ? null : root.get("data");
    if (data == null || !data.isObject()) {
      return null;
    }
    JsonNode stations = data.path("stations");
    if (data.has("feeds") || data.has("datasets") || firstChild(data).has("feeds")) {
      return FeedKind.GBFS_DISCOVERY;
    } else if (stations.isArray() && !stations.isEmpty() && stations.get(0).has("lat")) {
      return FeedKind.GBFS_STATION_INFORMATION;
    } else if (stations.isArray()) {
      return FeedKind.GBFS_STATION_STATUS;
    } else if (data.has("bikes") || data.has("vehicles")) {
      return FeedKind.GBFS_FREE_VEHICLES;
    } else if (data.has("vehicle_types")) {
      return FeedKind.GBFS_VEHICLE_TYPES;
    } else if (data.has("geofencing_zones")) {
      return FeedKind.GBFS_GEOFENCING_ZONES;
    } else if (data.has("system_id")) {
      return FeedKind.GBFS_SYSTEM_INFORMATION;
    }
    return null;
  }

  private static JsonNode firstChild(JsonNode data) {
    var fields = data.elements();
    return fields.hasNext() ? fields.next() : MissingNode.getInstance();
  }
}
