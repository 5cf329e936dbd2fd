package io.mobiflow.connectors.gbfs.decode;

import com.fasterxml.jackson.databind.JsonNode;
import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.common.FeedDecoder;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.common.SourceRef;
import io.mobiflow.connectors.gbfs.model.GbfsFeedLink;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Decodes GBFS discovery: {@code gbfs.json} with feeds per language ({@code data.en.feeds}, 1.x and
 * 2.x) or without ({@code data.feeds}, 3.0 and some 1.x), and the 3.0 {@code manifest.json} ({@code
 * data.datasets[].versions[]}), each listed feed as one link. A document of another GBFS kind is
 * one {@code WRONG_KIND} rejection naming it.
 */
public final class DiscoveryDecoder implements FeedDecoder<GbfsFeedLink> {

  private static final long serialVersionUID = 1L;

  @Override
  public List<Decoded<GbfsFeedLink>> decode(FeedSnapshot snapshot) {
    return GbfsJson.decodeData(
        snapshot,
        FeedKind.GBFS_DISCOVERY,
        (data, source) -> {
          List<Decoded<GbfsFeedLink>> out = new ArrayList<>();
          if (data.path("datasets").isArray()) {
            for (JsonNode dataset : data.get("datasets")) {
              for (JsonNode version : dataset.path("versions")) {
                add(
                    out,
                    source,
                    "gbfs",
                    version.get("url"),
                    null,
                    GbfsJson.id(dataset.get("system_id")),
                    GbfsJson.text(version.get("version")));
              }
            }
          } else if (data.path("feeds").isArray()) {
            feeds(out, source, data.get("feeds"), null);
          } else {
            Iterator<Map.Entry<String, JsonNode>> languages = data.fields();
            while (languages.hasNext()) {
              Map.Entry<String, JsonNode> language = languages.next();
              feeds(out, source, language.getValue().path("feeds"), language.getKey());
            }
          }
          if (out.isEmpty()) {
            out.add(Decoded.rejected(source, RejectReason.MISSING_FIELD, "lists no feed"));
          }
          return out;
        });
  }

  private static void feeds(
      List<Decoded<GbfsFeedLink>> out, SourceRef source, JsonNode feeds, String language) {
    for (JsonNode feed : feeds) {
      add(out, source, GbfsJson.text(feed.get("name")), feed.get("url"), language, null, null);
    }
  }

  private static void add(
      List<Decoded<GbfsFeedLink>> out,
      SourceRef document,
      String name,
      JsonNode url,
      String language,
      String systemId,
      String version) {
    SourceRef source = document.atLine(out.size() + 1L);
    String link = GbfsJson.text(url);
    if (name == null || link == null) {
      out.add(Decoded.rejected(source, RejectReason.MISSING_FIELD, "feed without name or url"));
    } else {
      out.add(Decoded.ok(source, new GbfsFeedLink(name, link, language, systemId, version)));
    }
  }
}
