package io.mobiflow.connectors.gbfs.decode;

import com.fasterxml.jackson.databind.JsonNode;
import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.common.FeedDecoder;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.gbfs.model.StationStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes a GBFS station_status.json. Reads {@code num_bikes_available} (1.x, 2.x) or {@code
 * num_vehicles_available} (3.0); the report time is the station's {@code last_reported}, else the
 * document's {@code last_updated}. Vehicle counts per type are read where the feed gives them.
 *
 * <p>Accepted from Vélib' (not GBFS-conformant, but unambiguous): numeric {@code station_id},
 * {@code 0}/{@code 1} flags, no {@code version}, {@code lastUpdatedOther} for {@code last_updated},
 * {@code num_bikes_available_types} as a list of one-key objects; its camelCase duplicates ({@code
 * numBikesAvailable}) are ignored in favour of the GBFS names.
 */
public final class StationStatusDecoder implements FeedDecoder<StationStatus> {

  private static final long serialVersionUID = 1L;

  @Override
  public List<Decoded<StationStatus>> decode(FeedSnapshot snapshot) {
    return GbfsJson.decodeArray(
        snapshot,
        "stations",
        (station, lastUpdated, source) -> {
          String stationId = GbfsJson.id(station.get("station_id"));
          if (stationId == null) {
            return Decoded.rejected(
                source, RejectReason.MISSING_FIELD, "status without station_id");
          }
          Integer available =
              GbfsJson.optionalInt(first(station, "num_vehicles_available", "num_bikes_available"));
          if (available == null) {
            return Decoded.rejected(
                source,
                RejectReason.MISSING_FIELD,
                "station " + stationId + " without vehicles available");
          }
          Instant reportedAt = GbfsJson.instant(station.get("last_reported"));
          if (reportedAt == null) {
            reportedAt = lastUpdated;
          }
          if (reportedAt == null) {
            return Decoded.rejected(
                source,
                RejectReason.MISSING_FIELD,
                "station " + stationId + " without report time");
          }
          return Decoded.ok(
              source,
              new StationStatus(
                  stationId,
                  available,
                  GbfsJson.optionalInt(
                      first(station, "num_vehicles_disabled", "num_bikes_disabled")),
                  GbfsJson.optionalInt(station.get("num_docks_available")),
                  GbfsJson.flag(station.get("is_renting"), true),
                  GbfsJson.flag(station.get("is_returning"), true),
                  reportedAt,
                  lastUpdated != null ? lastUpdated : reportedAt,
                  byType(station)));
        });
  }

  /**
   * Counts per vehicle type: GBFS's {@code vehicle_types_available} ({@code [{vehicle_type_id,
   * count}]}), or Vélib's non-standard {@code num_bikes_available_types} ({@code [{mechanical: n},
   * {ebike: n}]}).
   */
  private static Map<String, Integer> byType(JsonNode station) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (JsonNode entry : station.path("vehicle_types_available")) {
      String type = GbfsJson.id(entry.get("vehicle_type_id"));
      Integer count = GbfsJson.optionalInt(entry.get("count"));
      if (type != null && count != null) {
        counts.merge(type, count, Integer::sum);
      }
    }
    for (JsonNode entry : station.path("num_bikes_available_types")) {
      entry
          .fields()
          .forEachRemaining(
              field -> {
                if (field.getValue().isInt()) {
                  counts.merge(field.getKey(), field.getValue().asInt(), Integer::sum);
                }
              });
    }
    return counts;
  }

  private static JsonNode first(JsonNode station, String preferred, String fallback) {
    return station.has(preferred) ? station.get(preferred) : station.get(fallback);
  }
}
