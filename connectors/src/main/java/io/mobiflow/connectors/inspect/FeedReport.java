package io.mobiflow.connectors.inspect;

import java.util.List;
import java.util.Map;

/**
 * What a feed manager wants to know of one feed file or folder: what it is, how much of each entity
 * it holds, the time it covers, and what could not be used, with a few examples.
 *
 * @param path the file or folder
 * @param format the detected format, e.g. {@code GBFS station_status} or {@code GTFS-Realtime}
 * @param version the format's version where the file says it, else {@code null}
 * @param counts entities and facts by name (rows, duplicates, stops…), in a stable order
 * @param from the earliest time the file covers (ISO-8601 instant or date), or {@code null}
 * @param to the latest time, or {@code null}
 * @param rejections rejected entities per reason
 * @param examples up to three rejections per reason, each as "REASON at source: detail"
 */
public record FeedReport(
    String path,
    String format,
    String version,
    Map<String, Long> counts,
    String from,
    String to,
    Map<String, Long> rejections,
    List<String> examples) {

  public FeedReport {
    counts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(counts));
    rejections = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rejections));
    examples = List.copyOf(examples);
  }
}
