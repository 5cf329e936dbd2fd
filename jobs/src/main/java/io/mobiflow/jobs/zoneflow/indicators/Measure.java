package io.mobiflow.jobs.zoneflow.indicators;

import java.util.regex.Pattern;

/**
 * A quantity an observation carries or a window adds up, named: flow of a counter reading, delay of
 * a stop time update, seconds a station held its counts... Its id is data (in window state and
 * documentation), never a position, and never changes once released.
 *
 * @param id stable snake_case name, e.g. {@code flow_veh_h}
 * @param scale how many units of a window's exact sum one unit of the measure is: the inverse of
 *     the resolution it is summed to (1 for whole seconds, vehicles and 0/1 flags, 1e6 for a
 *     millionth)
 * @param doc one line saying what it is, with its unit
 */
public record Measure(String id, double scale, String doc) {

  private static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

  public Measure {
    if (id == null || !SNAKE_CASE.matcher(id).matches()) {
      throw new IllegalArgumentException("a measure's id is snake_case: " + id);
    }
    if (!(scale >= 1)) {
      throw new IllegalArgumentException(id + ": scale below 1");
    }
    if (doc == null || doc.isBlank()) {
      throw new IllegalArgumentException(id + ": no doc");
    }
  }

  @Override
  public String toString() {
    return id;
  }
}
