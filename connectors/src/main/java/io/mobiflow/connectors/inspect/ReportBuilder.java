package io.mobiflow.connectors.inspect;

import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.common.Rejection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Collects the counts, time span and rejections of one {@link FeedReport}. */
final class ReportBuilder {

  private static final int EXAMPLES_PER_REASON = 3;

  private final String path;
  private final String format;
  private String version;
  private final Map<String, Long> counts = new LinkedHashMap<>();
  private final Map<RejectReason, Long> rejections = new TreeMap<>();
  private final List<String> examples = new ArrayList<>();
  private Instant from;
  private Instant to;
  private String fromText;
  private String toText;

  ReportBuilder(String path, String format) {
    this.path = path;
    this.format = format;
  }

  ReportBuilder version(String value) {
    version = value;
    return this;
  }

  ReportBuilder count(String name, long value) {
    counts.merge(name, value, Long::sum);
    return this;
  }

  ReportBuilder time(Instant instant) {
    if (instant != null) {
      from = from == null || instant.isBefore(from) ? instant : from;
      to = to == null || instant.isAfter(to) ? instant : to;
    }
    return this;
  }

  /** A span that is not instants (a timetable's service dates). */
  ReportBuilder span(String first, String last) {
    fromText = first;
    toText = last;
    return this;
  }

  ReportBuilder reject(Rejection rejection) {
    long seen = rejections.merge(rejection.reason(), 1L, Long::sum);
    if (seen <= EXAMPLES_PER_REASON) {
      examples.add(rejection.toString());
    }
    return this;
  }

  /** Rejections counted elsewhere ({@code counts}), of which {@code firstOnes} were kept. */
  ReportBuilder rejected(Map<RejectReason, Long> counts, List<Rejection> firstOnes) {
    firstOnes.forEach(this::reject);
    counts.forEach(
        (reason, n) ->
            rejections.merge(
                reason,
                n - firstOnes.stream().filter(r -> r.reason() == reason).count(),
                Long::sum));
    return this;
  }

  /** Counts the decoded values under {@code entity} and records the rejections. */
  <T> List<T> decoded(String entity, List<Decoded<T>> decoded) {
    List<T> values = new ArrayList<>();
    for (Decoded<T> d : decoded) {
      if (d.isOk()) {
        values.add(d.value());
      } else {
        reject(d.rejection());
      }
    }
    count(entity, values.size());
    return values;
  }

  FeedReport build() {
    Map<String, Long> byReason = new LinkedHashMap<>();
    rejections.forEach((reason, n) -> byReason.put(reason.name(), n));
    return new FeedReport(
        path,
        format,
        version,
        counts,
        fromText != null ? fromText : from == null ? null : from.toString(),
        toText != null ? toText : to == null ? null : to.toString(),
        byReason,
        examples);
  }
}
