package io.mobiflow.app.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Test resources kept gzipped in the repository (the 0.1 savepoint and its outputs). */
public final class GzippedFiles {

  private GzippedFiles() {}

  /** The gzipped files under {@code from}, gunzipped into {@code to}, same relative paths. */
  public static Path gunzipAll(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path gz : all.filter(p -> p.toString().endsWith(".gz")).toList()) {
        String name = from.relativize(gz).toString();
        Path target = to.resolve(name.substring(0, name.length() - ".gz".length()));
        Files.createDirectories(target.getParent());
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
          Files.copy(in, target);
        }
      }
    }
    return to;
  }
}
