package io.mobiflow.app.demo;

import io.mobiflow.connectors.gtfs.CompactTimetableLoader;
import io.mobiflow.connectors.gtfs.Timetable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;

/**
 * The real static data bundled with Mobiflow: the Péribus GTFS of Grand Périgueux (ODbL, see {@code
 * demo/perigueux/ATTRIBUTION.md} beside it), valid 2025-12-22 to 2026-03-01.
 */
public final class DemoData {

  /** The bundled feed, as a class-path resource. */
  public static final String PERIBUS_GTFS = "/demo/perigueux/peribus-gtfs.zip";

  /** A school-term Tuesday inside the feed's validity. */
  public static final LocalDate DEFAULT_DATE = LocalDate.of(2026, 1, 13);

  private DemoData() {}

  /** Loads the bundled Péribus timetable for a service date. */
  public static Timetable peribus(LocalDate serviceDate) throws IOException {
    Path copy = Files.createTempFile("peribus-gtfs", ".zip");
    try {
      return CompactTimetableLoader.load(writePeribus(copy)).forDate(serviceDate);
    } finally {
      Files.deleteIfExists(copy);
    }
  }

  /** Writes the bundled Péribus GTFS zip to {@code file} (replaced); returns it. */
  public static Path writePeribus(Path file) throws IOException {
    try (InputStream in = DemoData.class.getResourceAsStream(PERIBUS_GTFS)) {
      if (in == null) {
        throw new IOException("bundled GTFS " + PERIBUS_GTFS + " is missing from the class path");
      }
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      return file;
    }
  }

  /** The demo city of Grand Périgueux on a service date. */
  public static DemoCity perigueux(LocalDate serviceDate) throws IOException {
    return DemoCityBuilder.derive("perigueux", "Grand Périgueux", peribus(serviceDate));
  }
}
