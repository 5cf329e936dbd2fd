package io.mobiflow.connectors.gbfs.decode;

import com.fasterxml.jackson.databind.JsonNode;
import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.common.FeedDecoder;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.common.Require;
import io.mobiflow.connectors.common.SourceRef;
import io.mobiflow.connectors.gbfs.model.SystemInformation;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a GBFS system_information.json (1.x–3.0) into its one system. A document of another GBFS
 * kind is one {@code WRONG_KIND} rejection naming it.
 */
public final class SystemInformationDecoder implements FeedDecoder<SystemInformation> {

  private static final long serialVersionUID = 1L;

  @Override
  public List<Decoded<SystemInformation>> decode(FeedSnapshot snapshot) {
    return GbfsJson.decodeData(
        snapshot,
        FeedKind.GBFS_SYSTEM_INFORMATION,
        (data, source) -> List.of(system(data, source.atLine(1))));
  }

  private static Decoded<SystemInformation> system(JsonNode data, SourceRef source) {
    String id = GbfsJson.id(data.get("system_id"));
    String name = GbfsJson.text(data.get("name"));
    String zone = GbfsJson.text(data.get("timezone"));
    if (id == null || name == null || zone == null) {
      return Decoded.rejected(
          source, RejectReason.MISSING_FIELD, "system_id, name and timezone are required");
    }
    List<String> languages = new ArrayList<>();
    if (data.path("languages").isArray()) {
      data.get("languages").forEach(l -> languages.add(l.asText()));
    } else if (GbfsJson.text(data.get("language")) != null) {
      languages.add(data.get("language").asText());
    }
    try {
      return Decoded.ok(source, new SystemInformation(id, name, ZoneId.of(zone), languages));
    } catch (DateTimeException e) {
      return Decoded.rejected(
          source, RejectReason.INVALID_VALUE, "timezone " + Require.quoted(zone));
    }
  }
}
