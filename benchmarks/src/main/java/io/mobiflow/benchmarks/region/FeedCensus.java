package io.mobiflow.benchmarks.region;

import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.feeds.FeedFormats;
import io.mobiflow.connectors.source.SnapshotDirectory;
import io.mobiflow.connectors.source.SnapshotFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a snapshot directory holds, per feed kind: snapshots, bytes, and the events the connectors'
 * decoders accept and reject in them (each file decoded as the job decodes it).
 */
public final class FeedCensus {

  /**
   * The counts of one kind.
   *
   * @param snapshots files
   * @param bytes their total size
   * @param events entities the decoder accepted (a TripUpdate gives one per stop time update)
   * @param rejected entities or documents the decoder rejected
   */
  public record Counts(long snapshots, long bytes, long events, long rejected) {
    Counts plus(Counts other) {
      return new Counts(
          snapshots + other.snapshots,
          bytes + other.bytes,
          events + other.events,
          rejected + other.rejected);
    }
  }

  private FeedCensus() {}

  /** Decodes every snapshot under {@code root}; the kinds found, in {@link FeedKind} order. */
  public static Map<FeedKind, Counts> of(Path root) throws IOException {
    Map<FeedKind, Counts> counts = new EnumMap<>(FeedKind.class);
    for (SnapshotFile file : SnapshotDirectory.scan(root)) {
      FeedSnapshot snapshot = file.read();
      long events = 0;
      long rejected = 0;
      for (Decoded<?> decoded : FeedFormats.of(file.kind()).decoder().decode(snapshot)) {
        if (decoded.isOk()) {
          events++;
        } else {
          rejected++;
        }
      }
      counts.merge(
          file.kind(), new Counts(1, snapshot.payload().length, events, rejected), Counts::plus);
    }
    return Collections.unmodifiableMap(counts);
  }

  /** One line per kind and a total line. */
  public static String format(Map<FeedKind, Counts> counts) {
    StringBuilder text = new StringBuilder();
    Counts total = new Counts(0, 0, 0, 0);
    for (Map.Entry<FeedKind, Counts> entry : counts.entrySet()) {
      text.append(line(entry.getKey().name().toLowerCase(Locale.ROOT), entry.getValue()));
      total = total.plus(entry.getValue());
    }
    return text.append(line("total", total)).toString();
  }

  private static String line(String name, Counts counts) {
    return String.format(
        Locale.ROOT,
        "  %-26s %,8d snapshots %,12d events %,6d rejected %,15d bytes%n",
        name,
        counts.snapshots(),
        counts.events(),
        counts.rejected(),
        counts.bytes());
  }
}
