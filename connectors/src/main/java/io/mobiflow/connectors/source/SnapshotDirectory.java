package io.mobiflow.connectors.source;

import io.mobiflow.connectors.common.FeedKind;
import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

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
 * snapshot was fetched, in seconds since the epoch. Symbolic links are followed (a feed folder
 * linked from elsewhere is replayed); a link back to a folder above it is reported. Hidden files
 * and folders (a name starting with a dot, such as a recorder's file being written) are ignored.
 *
 * <p>A file of a known feed and kind whose name is not a fetch time within {@link
 * SnapshotFile#EARLIEST} .. {@link SnapshotFile#LATEST} ({@code latest.pb}, sixteen digits) is
 * listed as a {@linkplain SnapshotFile#problem problem} at its modification time: the replay turns
 * it into a dead letter and goes on. Anything else in the tree (an unknown kind folder, a file at
 * the wrong depth, a link loop, a device) fails the scan, every such entry named, so a mistyped
 * folder is reported rather than skipped. A scan visits at most {@link #MAX_ENTRIES} files and
 * folders.
 */
public final class SnapshotDirectory {

  /**
   * The most files and folders one scan visits: a million, a year of one feed polled every 30 s.
   * Replay a larger recording in parts (one scan per feed folder, say).
   */
  public static final int MAX_ENTRIES = 1_000_000;

  /** How many of the entries outside the layout the scan's error names. */
  private static final int NAMED_PROBLEMS = 10;

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
   * @throws IOException if the tree cannot be read, holds entries outside the layout, or more than
   *     {@link #MAX_ENTRIES} files and folders
   */
  public static List<SnapshotFile> scan(Path root) throws IOException {
    return scan(root, MAX_ENTRIES);
  }

  /** {@link #scan(Path)} visiting at most {@code maxEntries} files and folders. */
  static List<SnapshotFile> scan(Path root, int maxEntries) throws IOException {
    if (!Files.isDirectory(root)) {
      throw new IOException("snapshot directory " + root + " does not exist");
    }
    Scanner scanner = new Scanner(root, maxEntries);
    Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), 3, scanner);
    if (!scanner.outsideLayout.isEmpty()) {
      List<String> problems = scanner.outsideLayout;
      throw new IOException(
          "snapshot directory "
              + root
              + " holds "
              + problems.size()
              + " entries outside <feed-id>/<kind>/<epoch-seconds>.<ext>: "
              + String.join("; ", problems.subList(0, Math.min(NAMED_PROBLEMS, problems.size())))
              + (problems.size() > NAMED_PROBLEMS ? "; ..." : ""));
    }
    List<SnapshotFile> files = scanner.files;
    files.sort(
        Comparator.comparing(SnapshotFile::fetchedAt)
            .thenComparing(SnapshotFile::feedId)
            .thenComparing(SnapshotFile::kind)
            .thenComparing(SnapshotFile::path));
    return files;
  }

  /** Walks the tree to depth 3, sorting what it meets into snapshots and entries out of layout. */
  private static final class Scanner extends SimpleFileVisitor<Path> {
    private final Path root;
    private final int maxEntries;
    private final List<SnapshotFile> files = new ArrayList<>();
    private final List<String> outsideLayout = new ArrayList<>();
    private int entries;

    Scanner(Path root, int maxEntries) {
      this.root = root;
      this.maxEntries = maxEntries;
    }

    @Override
    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes)
        throws IOException {
      if (!dir.equals(root) && hidden(dir)) {
        return FileVisitResult.SKIP_SUBTREE;
      }
      count();
      Path relative = root.relativize(dir);
      if (relative.getNameCount() == 2 && kindOf(relative) == null) {
        outsideLayout.add(relative + ": unknown feed kind '" + relative.getName(1) + "'");
        return FileVisitResult.SKIP_SUBTREE;
      }
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
      if (hidden(file)) {
        return FileVisitResult.CONTINUE;
      }
      count();
      Path relative = root.relativize(file);
      if (relative.getNameCount() != 3) {
        outsideLayout.add(relative + ": not in a folder <feed-id>/<kind>");
      } else if (attributes.isDirectory()) {
        outsideLayout.add(relative + ": a folder where snapshot files belong");
      } else if (attributes.isRegularFile() || attributes.isSymbolicLink()) {
        files.add(describe(file, relative, attributes)); // a broken link: unreadable when replayed
      } else {
        outsideLayout.add(relative + ": not a regular file");
      }
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
      count();
      Path relative = root.relativize(file);
      outsideLayout.add(
          relative
              + (e instanceof FileSystemLoopException
                  ? ": a symbolic link to a folder above it"
                  : ": cannot be read (" + e.getClass().getSimpleName() + ")"));
      return FileVisitResult.CONTINUE;
    }

    private void count() throws IOException {
      if (++entries > maxEntries) {
        throw new IOException(
            "snapshot directory "
                + root
                + " holds more than "
                + maxEntries
                + " files and folders, the limit of one scan: replay it in parts");
      }
    }

    private SnapshotFile describe(Path file, Path relative, BasicFileAttributes attributes) {
      String feedId = relative.getName(0).toString();
      FeedKind kind = kindOf(relative);
      String path = file.toAbsolutePath().toString();
      String name = relative.getName(2).toString();
      int dot = name.indexOf('.');
      String digits = dot < 0 ? name : name.substring(0, dot);
      if (digits.matches("[0-9]{1,12}")) {
        Instant fetchedAt = Instant.ofEpochSecond(Long.parseLong(digits));
        if (!fetchedAt.isAfter(SnapshotFile.LATEST)) {
          return new SnapshotFile(path, feedId, kind, fetchedAt);
        }
      }
      return new SnapshotFile(
          path,
          feedId,
          kind,
          attributes.lastModifiedTime().toInstant(),
          "file name '"
              + name
              + "' is not <epoch-seconds>.<ext> with a time within "
              + SnapshotFile.EARLIEST
              + " .. "
              + SnapshotFile.LATEST);
    }

    private static FeedKind kindOf(Path relative) {
      try {
        return FeedKind.valueOf(relative.getName(1).toString().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        return null;
      }
    }

    private static boolean hidden(Path path) {
      return path.getFileName().toString().startsWith(".");
    }
  }
}
