package io.mobiflow.connectors.gbfs.decode;

import com.fasterxml.jackson.databind.JsonNode;
import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.common.FeedDecoder;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.common.Require;
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
 * <p>Values are checked, each failure rejecting that station as {@code INVALID_VALUE} with the
 * field and value: counts whole numbers from 0 to {@value GbfsJson#MAX_COUNT} (per type, and per
 * type summed), times within years 1970–9999 (the station's own, and the document's when present),
 * flags booleans or 0/1. A document of another GBFS kind (free_bike_status, station_information) is
 * one {@code WRONG_KIND} rejection naming it.
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
        FeedKind.GBFS_STATION_STATUS,
        "stations",
        (station, documentTime, source) -> {
          String stationId = GbfsJson.id(station.get("station_id"));
          if (stationId == null) {
            return Decoded.rejected(
                source, RejectReason.MISSING_FIELD, "status without station_id");
          }
          String availableField = named(station, "num_vehicles_available", "num_bikes_available");
          Integer available = count(station, availableField);
          if (available == null) {
            return Decoded.rejected(
                source,
                RejectReason.MISSING_FIELD,
                "station " + Require.quoted(stationId) + " without vehicles available");
          }
          Instant lastUpdated = documentTime.get();
          Instant reportedAt = GbfsJson.instant(station.get("last_reported"), "last_reported");
          if (reportedAt == null) {
            reportedAt = lastUpdated;
          }
          if (reportedAt == null) {
            return Decoded.rejected(
                source,
                RejectReason.MISSING_FIELD,
                "station " + Require.quoted(stationId) + " without report time");
          }
          return Decoded.ok(
              source,
              new StationStatus(
                  stationId,
                  available,
                  count(station, named(station, "num_vehicles_disabled", "num_bikes_disabled")),
                  count(station, "num_docks_available"),
                  GbfsJson.flag(station.get("is_renting"), "is_renting", true),
                  GbfsJson.flag(station.get("is_returning"), "is_returning", true),
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
      Integer count = GbfsJson.count(entry.get("count"), "vehicle_types_available.count");
      if (type != null && count != null) {
        add(counts, type, count);
      }
    }
    for (JsonNode entry : station.path("num_bikes_available_types")) {
      entry
          .fields()
          .forEachRemaining(
              field ->
                  add(
                      counts,
                      field.getKey(),
                      GbfsJson.count(field.getValue(), "num_bikes_available_types")));
    }
    return counts;
  }

  private static void add(Map<String, Integer> counts, String type, Integer count) {
    if (count == null) {
      return;
    }
    int total = counts.merge(type, count, Integer::sum);
    if (total > GbfsJson.MAX_COUNT) {
      throw new IllegalArgumentException(
          "vehicles of type "
              + Require.quoted(type)
              + " add up to "
              + total
              + ", over "
              + GbfsJson.MAX_COUNT);
    }
  }

  private static Integer count(JsonNode station, String field) {
    return GbfsJson.count(station.get(field), field);
  }

  /** The name of the field the station has: GBFS 3.0's {@code preferred}, else the older one. */
  private static String named(JsonNode station, String preferred, String fallback) {
    return station.has(preferred) ? preferred : fallback;
  }
}
