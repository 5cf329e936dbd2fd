package io.mobiflow.connectors.source;

import io.mobiflow.connectors.common.FeedKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A directory of recorded feed snapshots, in one layout for every feed kind:
 *
 * <pre>
 * &lt;root&gt;/&lt;feed-id&gt;/&lt;kind&gt;/&lt;epoch-seconds&gt;.&lt;ext&gt;
 * e.g. feeds/peribus/gtfs_rt_vehicle_positions/1768287600.pb
 *      feeds/velo-peri/gbfs_station_status/1768287600.json
 *      feeds/counters/counter_csv/1768287900.csv
 * </pre>
 *
 * <p>{@code <kind>} is a {@link FeedKind} name in lower case; the file name is the time the
 * snapshot was fetched, in seconds since the epoch. Hidden files (a name starting with a dot, such
 * as a recorder's file being written) are ignored; anything else in the tree is an error, so a
 * mistyped folder is reported rather than skipped.
 */
public final class SnapshotDirectory {

  private SnapshotDirectory() {}

  /** The relative folder of a feed's snapshots of one kind. */
  public static Path folderOf(String feedId, FeedKind kind) {
    return Path.of(feedId, kind.name().toLowerCase(Locale.ROOT));
  }

  /** The relative path of one snapshot. */
  public static Path fileOf(String feedId, FeedKind kind, Instant fetchedAt, String extension) {
    return folderOf(feedId, kind).resolve(fetchedAt.getEpochSecond() + "." + extension);
  }

  /**
   * Lists every snapshot under {@code root}, ordered by fetch time, then feed, kind and path.
   *
   * @throws IOException if the tree cannot be read or holds a file outside the layout
   */
  public static List<SnapshotFile> scan(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      throw new IOException("snapshot directory " + root + " does not exist");
    }
    List<SnapshotFile> files = new ArrayList<>();
    try (Stream<Path> tree = Files.walk(root)) {
      for (Path file :
          (Iterable<Path>)
              tree.filter(Files::isRegularFile)
                      .filter(f -> !f.getFileName().toString().startsWith("."))
                      .sorted()
                  ::iterator) {
        files.add(describe(root, file));
      }
    }
    files.sort(
        Comparator.comparing(SnapshotFile::fetchedAt)
            .thenComparing(SnapshotFile::feedId)
            .thenComparing(SnapshotFile::kind)
            .thenComparing(SnapshotFile::path));
    return files;
  }

  private static SnapshotFile describe(Path root, Path file) throws IOException {
    Path relative = root.relativize(file);
    if (relative.getNameCount() != 3) {
      throw new IOException(
          "snapshot " + relative + " is not at <feed-id>/<kind>/<epoch-seconds>.<ext>");
    }
    String kindName = relative.getName(1).toString().toUpperCase(Locale.ROOT);
    FeedKind kind;
    try {
      kind = FeedKind.valueOf(kindName);
    } catch (IllegalArgumentException e) {
      throw new IOException(
          "snapshot " + relative + ": unknown feed kind '" + relative.getName(1) + "'");
    }
    String name = relative.getName(2).toString();
    int dot = name.indexOf('.');
    try {
      long epochSeconds = Long.parseLong(dot < 0 ? name : name.substring(0, dot));
      return new SnapshotFile(
          file.toAbsolutePath().toString(),
          relative.getName(0).toString(),
          kind,
          Instant.ofEpochSecond(epochSeconds));
    } catch (NumberFormatException e) {
      throw new IOException("snapshot " + relative + ": file name is not <epoch-seconds>.<ext>");
    }
  }
}
