package io.mobiflow.jobs.zoneflow;

import java.util.Locale;

/**
 * The places indicators are computed for: the space part of a spatial window's key. Each unit has
 * its own output (a JSON-lines directory, a Kafka topic); a unit without an output is not computed.
 *
 * <p>Each unit declares the letter of its keys ({@link #key(String)}): keys are in the window state
 * of savepoints, so a letter never changes and a new unit takes a new one, wherever it is declared
 * (DECISIONS D34).
 */
public enum SpatialUnit {
  /** A configured zone (district, commune, Voronoi cell of the demo); its key is its bare id. */
  ZONE('A'),
  /** An H3 cell of the configured resolution, containing the observation's position. */
  H3('B'),
  /** A traffic-counter site (one road segment, or one lane group of it). */
  COUNTER_SITE('C'),
  /** A transit stop (GTFS stop_id). */
  STOP('D'),
  /** A transit route (GTFS route_id), wherever its vehicles and stops are. */
  ROUTE('E'),
  /** A shared-mobility station (GBFS station_id). */
  STATION('F');

  private final char keyLetter;

  SpatialUnit(char keyLetter) {
    this.keyLetter = keyLetter;
  }

  /** The name in configuration files, directory and topic names: {@code zone}, {@code h3}, … */
  public String slug() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The unit of a configuration name ({@link #slug()}, case and {@code _} / {@code -} ignored). */
  public static SpatialUnit ofSlug(String slug) {
    String name = slug.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (SpatialUnit unit : values()) {
      if (unit.name().equals(name)) {
        return unit;
      }
    }
    throw new IllegalArgumentException(
        "unknown unit '" + slug + "' (zone, h3, counter-site, stop, route, station)");
  }

  /** Marks the key of a unit other than ZONE (a control character no id starts with). */
  private static final char OTHER_UNIT = '\u0001';

  /**
   * The key of one unit in a keyed stream: a zone's id as it is (the common case costs no new
   * string), another unit's id behind a marker and the unit's declared letter.
   */
  String key(String id) {
    return this == ZONE ? id : OTHER_UNIT + String.valueOf(keyLetter) + id;
  }

  /** The unit of a {@link #key(String)}. */
  public static SpatialUnit ofKey(String key) {
    if (key.charAt(0) != OTHER_UNIT) {
      return ZONE;
    }
    for (SpatialUnit unit : values()) {
      if (unit.keyLetter == key.charAt(1)) {
        return unit;
      }
    }
    throw new IllegalArgumentException("no unit has the key letter " + key.charAt(1));
  }

  /** The id of a {@link #key(String)}. */
  public static String idOfKey(String key) {
    return key.charAt(0) == OTHER_UNIT ? key.substring(2) : key;
  }
}
