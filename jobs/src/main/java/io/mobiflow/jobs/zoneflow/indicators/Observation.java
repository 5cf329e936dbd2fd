package io.mobiflow.jobs.zoneflow.indicators;

import io.mobiflow.jobs.zoneflow.ZoneSample;
import io.mobiflow.jobs.zoneflow.functions.ZoneFlowAccumulator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What one {@link ZoneSample} is the observation of (a counter reading, a departure, a pick-up...):
 * a presence the window counts, the measures a sample of it carries, and what such a sample adds to
 * the window's sums. Declared by the source it belongs to.
 *
 * @param id stable snake_case name, e.g. {@code counter_reading}
 * @param doc one line saying what it is
 * @param measures the measures a sample of it carries, none for a bare presence
 * @param sums what a sample adds to the window's sums, besides its count
 */
public record Observation(String id, String doc, List<Measure> measures, Summing sums) {

  private static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

  /** What a sample of an observation adds to a window's sums. */
  @FunctionalInterface
  public interface Summing {
    void add(ZoneSample sample, ZoneFlowAccumulator window);
  }

  public Observation {
    if (id == null || !SNAKE_CASE.matcher(id).matches()) {
      throw new IllegalArgumentException("an observation's id is snake_case: " + id);
    }
    if (doc == null || doc.isBlank()) {
      throw new IllegalArgumentException(id + ": no doc");
    }
    measures = List.copyOf(measures);
    if (measures.stream().distinct().count() != measures.size()) {
      throw new IllegalArgumentException(id + " carries a measure twice");
    }
    if (sums == null) {
      throw new IllegalArgumentException(id + ": nothing says what it adds");
    }
  }

  /** A presence without measures: only counted. */
  public static Observation presence(String id, String doc) {
    return new Observation(id, doc, List.of(), (sample, window) -> {});
  }

  /**
   * The position of {@code measure} among those a sample carries, or -1 when it carries no such
   * measure.
   */
  public int indexOf(Measure measure) {
    for (int i = 0; i < measures.size(); i++) {
      if (measures.get(i) == measure) {
        return i;
      }
    }
    return -1;
  }

  /** Its id in capitals ({@code COUNTER_READING}): the name dead letters give it. */
  @Override
  public String toString() {
    return id.toUpperCase(Locale.ROOT);
  }
}
