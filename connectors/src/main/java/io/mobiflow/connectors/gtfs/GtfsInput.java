package io.mobiflow.connectors.gtfs;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.onebusaway.csv_entities.CsvInputSource;

/**
 * The files of a GTFS feed, zip or folder, each read behind {@link Limits} so that no file, however
 * made, can fill the heap: a size per file, a ratio of a zip entry's size to its compressed size (a
 * zip bomb inflates a thousandfold), and, for the files onebusaway reads line by line, a line
 * length. A zip's directory is checked before anything is read, and the counts are kept while
 * reading, so a zip whose directory lies is stopped too. Past a limit, reading fails with one
 * {@link LimitExceeded} naming the feed, the file, the limit and what was found.
 */
final class GtfsInput implements CsvInputSource, Closeable {

  /**
   * What a feed's files may hold.
   *
   * @param maxFileBytes the largest file, inflated
   * @param maxRatio the largest inflation of a zip entry ...
   * @param ratioFromBytes ... once it has given this many bytes (a small file may compress well)
   * @param maxLineBytes the longest line of a file read by onebusaway (a String per line)
   */
  record Limits(long maxFileBytes, int maxRatio, long ratioFromBytes, int maxLineBytes) {

    /**
     * 2 GiB per file, four times the stop_times.txt of 13 M rows (525 MB) of the loader's
     * benchmark; a ratio of 100 past the first MiB (real feeds compress 3–20 times, zip bombs
     * around 1,000); lines of 1 MiB.
     */
    static final Limits DEFAULT = new Limits(2L << 30, 100, 1L << 20, 1 << 20);
  }

  /** A file of the feed over one of the limits. */
  static final class LimitExceeded extends IOException {
    private static final long serialVersionUID = 1L;

    LimitExceeded(String message) {
      super(message);
    }
  }

  private final Path gtfs;
  private final Limits limits;
  private final ZipFile zip; // null for a folder

  private GtfsInput(Path gtfs, Limits limits, ZipFile zip) {
    this.gtfs = gtfs;
    this.limits = limits;
    this.zip = zip;
  }

  /** Opens a feed folder or zip; a zip whose directory declares an entry over a limit fails. */
  static GtfsInput open(Path gtfs, Limits limits) throws IOException {
    if (Files.isDirectory(gtfs)) {
      return new GtfsInput(gtfs, limits, null);
    }
    GtfsInput input = new GtfsInput(gtfs, limits, new ZipFile(gtfs.toFile()));
    try {
      for (Enumeration<? extends ZipEntry> entries = input.zip.entries();
          entries.hasMoreElements(); ) {
        ZipEntry entry = entries.nextElement();
        input.check(entry.getName(), entry.getSize(), entry.getCompressedSize(), "declared");
      }
      return input;
    } catch (IOException e) {
      input.close();
      throw e;
    }
  }

  @Override
  public boolean hasResource(String name) {
    return zip != null ? zip.getEntry(name) != null : Files.isRegularFile(gtfs.resolve(name));
  }

  /** A file read by onebusaway, within the limits, lines included. */
  @Override
  public InputStream getResource(String name) throws IOException {
    if (zip == null) {
      return new Limited(Files.newInputStream(gtfs.resolve(name)), name, -1, limits.maxLineBytes);
    }
    ZipEntry entry = zip.getEntry(name);
    return new Limited(
        zip.getInputStream(entry), name, entry.getCompressedSize(), limits.maxLineBytes);
  }

  /**
   * stop_times.txt (in the zip's root or one of its folders) within the size and ratio limits; an
   * empty stream when the feed has none. Its records are bounded by {@link StopTimesReader}.
   */
  InputStream stopTimes() throws IOException {
    if (zip == null) {
      Path file = gtfs.resolve("stop_times.txt");
      return Files.exists(file)
          ? new Limited(Files.newInputStream(file), "stop_times.txt", -1, Long.MAX_VALUE)
          : InputStream.nullInputStream();
    }
    ZipEntry entry =
        zip.stream()
            .filter(
                e ->
                    e.getName().equals("stop_times.txt") || e.getName().endsWith("/stop_times.txt"))
            .findFirst()
            .orElse(null);
    return entry == null
        ? InputStream.nullInputStream()
        : new Limited(
            zip.getInputStream(entry), entry.getName(), entry.getCompressedSize(), Long.MAX_VALUE);
  }

  @Override
  public void close() throws IOException {
    if (zip != null) {
      zip.close();
    }
  }

  /**
   * Fails when {@code bytes} of a file ({@code how}: declared, or read so far) are over the ratio
   * limit to its compressed size ({@code -1}: not compressed), or over the size limit.
   */
  private void check(String name, long bytes, long compressed, String how) throws LimitExceeded {
    if (compressed >= 0 && bytes > limits.ratioFromBytes && bytes > limits.maxRatio * compressed) {
      throw new LimitExceeded(
          "GTFS feed %s: %s inflates to %d bytes (%s) from %d compressed, a ratio of %s, over the limit of %d (a zip bomb?)"
              .formatted(
                  gtfs,
                  name,
                  bytes,
                  how,
                  compressed,
                  compressed == 0 ? "infinity" : Long.toString(bytes / compressed),
                  limits.maxRatio));
    }
    if (bytes > limits.maxFileBytes) {
      throw new LimitExceeded(
          "GTFS feed %s: %s is %d bytes (%s), over the limit of %d per file"
              .formatted(gtfs, name, bytes, how, limits.maxFileBytes));
    }
  }

  /** A file's bytes, counted against the limits while read. */
  private final class Limited extends FilterInputStream {
    private final String name;
    private final long compressed;
    private final long maxLineBytes;
    private long bytes;
    private long lineBytes;
    private long line = 1;

    Limited(InputStream in, String name, long compressed, long maxLineBytes) {
      super(in);
      this.name = name;
      this.compressed = compressed;
      this.maxLineBytes = maxLineBytes;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
        checkLine((byte) b);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count(n);
        if (maxLineBytes != Long.MAX_VALUE) {
          for (int i = offset; i < offset + n; i++) {
            checkLine(buffer[i]);
          }
        }
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      byte[] discarded = new byte[(int) Math.max(0, Math.min(n, 8192))];
      return Math.max(0, read(discarded, 0, discarded.length));
    }

    private void count(int n) throws LimitExceeded {
      bytes += n;
      check(name, bytes, compressed, "read so far");
    }

    private void checkLine(byte b) throws LimitExceeded {
      if (b == '\n') {
        line++;
        lineBytes = 0;
      } else if (++lineBytes > maxLineBytes) {
        throw new LimitExceeded(
            "GTFS feed %s: line %d of %s is longer than %d bytes, the limit"
                .formatted(gtfs, line, name, maxLineBytes));
      }
    }
  }
}
