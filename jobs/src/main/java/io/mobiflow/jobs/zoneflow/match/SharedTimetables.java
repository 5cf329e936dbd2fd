package io.mobiflow.jobs.zoneflow.match;

import io.mobiflow.connectors.gtfs.CompactTimetable;
import io.mobiflow.connectors.gtfs.CompactTimetableLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Static timetables loaded once per JVM (TaskManager) and path, on first use, and shared by every
 * task and operator there: functions ship only the path. The timetable is immutable.
 */
public final class SharedTimetables {

  private static final Map<String, CompactTimetable> TIMETABLES = new ConcurrentHashMap<>();

  private SharedTimetables() {}

  /** The timetable of the GTFS zip or folder at {@code gtfs}. */
  public static CompactTimetable of(String gtfs) {
    return TIMETABLES.computeIfAbsent(
        Path.of(gtfs).toAbsolutePath().toString(),
        path -> {
          try {
            return CompactTimetableLoader.load(Path.of(path));
          } catch (IOException e) {
            throw new UncheckedIOException("cannot load the timetable " + path, e);
          }
        });
  }
}
