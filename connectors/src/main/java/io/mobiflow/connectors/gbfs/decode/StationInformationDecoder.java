package io.mobiflow.connectors.gbfs.decode;

import com.fasterxml.jackson.databind.JsonNode;
import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.common.FeedDecoder;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.common.Require;
import io.mobiflow.connectors.gbfs.model.StationInformation;
import java.util.List;

/**
 * Decodes a GBFS station_information.json (1.x, 2.x; 3.0 localized names take the first). A {@code
 * capacity} that is not a whole number from 0 to {@value GbfsJson#MAX_COUNT} rejects its station as
 * {@code INVALID_VALUE}; a document of another GBFS kind (station_status, say) is one {@code
 * WRONG_KIND} rejection naming it.
 */
public final class StationInformationDecoder implements FeedDecoder<StationInformation> {

  private static final long serialVersionUID = 1L;

  @Override
  public List<Decoded<StationInformation>> decode(FeedSnapshot snapshot) {
    return GbfsJson.decodeArray(
        snapshot,
        FeedKind.GBFS_STATION_INFORMATION,
        "stations",
        (station, lastUpdated, source) -> {
          String stationId = GbfsJson.id(station.get("station_id"));
          if (stationId == null) {
            return Decoded.rejected(
                source, RejectReason.MISSING_FIELD, "station without station_id");
          }
          Decoded<StationInformation> badPosition =
              GbfsJson.rejectPosition(station, "station " + Require.quoted(stationId), source);
          if (badPosition != null) {
            return badPosition;
          }
          double latitude = station.get("lat").asDouble();
          double longitude = station.get("lon").asDouble();
          return Decoded.ok(
              source,
              new StationInformation(
                  stationId,
                  name(station.get("name"), stationId),
                  latitude,
                  longitude,
                  GbfsJson.count(station.get("capacity"), "capacity")));
        });
  }

  private static String name(JsonNode name, String fallback) {
    if (name == null || name.isNull()) {
      return fallback;
    }
    if (name.isArray()) {
      return name.isEmpty() ? fallback : name.get(0).path("text").asText(fallback);
    }
    return name.asText();
  }
}
