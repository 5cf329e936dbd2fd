package io.mobiflow.jobs.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One key of the configuration file, declared once in {@link ConfigKeys}: where it is, what it
 * holds, its default and what it means. {@link ConfigNode} reads values through keys, the
 * allow-list of each section is its declared keys, and {@code docs/configuration.md} is rendered
 * from them.
 *
 * @param path the dotted path, e.g. {@code window.minutes}; {@code []} stands for a list entry, as
 *     in {@code sources.files[].kind}
 * @param type what the value is
 * @param bounds the least and greatest value of a number, else {@code null}
 * @param defaultValue the value when the key is absent, or {@code null} (none, or computed by the
 *     loader: see {@code defaultText})
 * @param defaultText the default as documented: the value, {@code required}, {@code none} or how it
 *     is computed
 * @param doc what the key means, in one line
 * @param <T> the value read
 */
public record ConfigKey<T>(
    String path, Type type, Bounds bounds, T defaultValue, String defaultText, String doc) {

  /** The kinds of value a key holds, each read by its own {@link ConfigNode} method. */
  public enum Type {
    /** A section of keys. */
    SECTION("section"),
    /** A list of sections (entries). */
    ENTRIES("list of entries"),
    /** A non-empty text. */
    TEXT("text"),
    /** {@code true} or {@code false}. */
    FLAG("true or false"),
    /** A path relative to the configuration file's folder that must exist. */
    EXISTING_PATH("existing path"),
    /** A path relative to the configuration file's folder. */
    PATH("path"),
    /**
     * A URL of a file system Flink writes to ({@code file:///…}, {@code s3://…}), or a path
     * relative to the configuration file's folder.
     */
    LOCATION("path or URL"),
    /** A whole number in bounds. */
    WHOLE_NUMBER("whole number"),
    /** A number in bounds. */
    DECIMAL("number"),
    /** A whole number of days in bounds, or {@code forever}. */
    DAYS_OR_FOREVER("days or forever"),
    /** A list of texts. */
    TEXT_LIST("list of texts"),
    /** A section of texts, passed through. */
    TEXT_MAP("section of texts");

    private final String text;

    Type(String text) {
      this.text = text;
    }

    /** How the reference of keys names it. */
    public String text() {
      return text;
    }
  }

  /** The default text of a required key: the loader fails naming it when it is absent. */
  public static final String REQUIRED = "required";

  /** The default text of a key without default: absent means not used. */
  public static final String NONE = "none";

  public ConfigKey {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(defaultText, "defaultText");
    Objects.requireNonNull(doc, "doc");
    if ((bounds != null)
        != (type == Type.WHOLE_NUMBER || type == Type.DECIMAL || type == Type.DAYS_OR_FOREVER)) {
      throw new IllegalArgumentException(path + ": numbers and only numbers have bounds");
    }
  }

  /** The last part of the path: the key's name in its section. */
  public String name() {
    return path.substring(path.lastIndexOf('.') + 1);
  }

  /** The path of the section holding this key, {@code ""} for a top-level one. */
  public String section() {
    int dot = path.lastIndexOf('.');
    return dot < 0 ? "" : path.substring(0, dot);
  }

  /** Whether the loader fails when the key is absent. */
  public boolean required() {
    return defaultText.equals(REQUIRED);
  }

  /** What the value is, with its bounds: {@code whole number, 1..1440}. */
  public String typeText() {
    return bounds == null ? type.text() : type.text() + ", " + bounds.min() + ".." + bounds.max();
  }

  /** This key with a default the loader computes. */
  ConfigKey<T> defaultingTo(T value) {
    return new ConfigKey<>(path, type, bounds, value, defaultText, doc);
  }

  /** This number with a greatest value the loader computes (from another key). */
  ConfigKey<T> atMost(long max) {
    return new ConfigKey<>(
        path, type, new Bounds(bounds.min(), max), defaultValue, defaultText, doc);
  }

  static ConfigKey<Void> section(String path, String doc) {
    return new ConfigKey<>(path, Type.SECTION, null, null, NONE, doc);
  }

  static ConfigKey<Void> entries(String path, String doc) {
    return new ConfigKey<>(path, Type.ENTRIES, null, null, NONE, doc);
  }

  static ConfigKey<String> text(String path, String defaultValue, String doc) {
    return new ConfigKey<>(path, Type.TEXT, null, defaultValue, defaultValue, doc);
  }

  /** A text that is {@link #REQUIRED}, {@link #NONE} or computed as {@code defaultText} says. */
  static ConfigKey<String> text(String path, Computed defaultText, String doc) {
    return new ConfigKey<>(path, Type.TEXT, null, null, defaultText.text(), doc);
  }

  static ConfigKey<Boolean> flag(String path, boolean defaultValue, String doc) {
    return new ConfigKey<>(path, Type.FLAG, null, defaultValue, String.valueOf(defaultValue), doc);
  }

  static ConfigKey<Path> existingPath(String path, Computed defaultText, String doc) {
    return new ConfigKey<>(path, Type.EXISTING_PATH, null, null, defaultText.text(), doc);
  }

  /** A path; its default, if any, is relative to the configuration file's folder. */
  static ConfigKey<String> path(String path, String defaultValue, String doc) {
    return new ConfigKey<>(path, Type.PATH, null, defaultValue, defaultValue, doc);
  }

  static ConfigKey<String> path(String path, Computed defaultText, String doc) {
    return new ConfigKey<>(path, Type.PATH, null, null, defaultText.text(), doc);
  }

  /** A path or URL; a default path is relative to the configuration file's folder. */
  static ConfigKey<String> location(String path, String defaultValue, String doc) {
    return new ConfigKey<>(path, Type.LOCATION, null, defaultValue, defaultValue, doc);
  }

  static ConfigKey<String> location(String path, Computed defaultText, String doc) {
    return new ConfigKey<>(path, Type.LOCATION, null, null, defaultText.text(), doc);
  }

  static ConfigKey<Long> wholeNumber(
      String path, long defaultValue, long min, long max, String doc) {
    return new ConfigKey<>(
        path,
        Type.WHOLE_NUMBER,
        new Bounds(min, max),
        defaultValue,
        String.valueOf(defaultValue),
        doc);
  }

  /** A whole number whose default the loader computes as {@code defaultText} says. */
  static ConfigKey<Long> wholeNumber(
      String path, Computed defaultText, long min, long max, String doc) {
    return new ConfigKey<>(
        path, Type.WHOLE_NUMBER, new Bounds(min, max), null, defaultText.text(), doc);
  }

  static ConfigKey<Double> decimal(
      String path, double defaultValue, double min, double max, String doc) {
    return new ConfigKey<>(
        path, Type.DECIMAL, new Bounds(min, max), defaultValue, String.valueOf(defaultValue), doc);
  }

  /** Days (1 to 100 years), {@code null} for forever. */
  static ConfigKey<Duration> daysOrForever(String path, Duration defaultValue, String doc) {
    return new ConfigKey<>(
        path,
        Type.DAYS_OR_FOREVER,
        new Bounds(1L, 36600L),
        defaultValue,
        defaultValue == null ? "forever" : String.valueOf(defaultValue.toDays()),
        doc);
  }

  static ConfigKey<List<String>> textList(String path, List<String> defaultValue, String doc) {
    return new ConfigKey<>(
        path, Type.TEXT_LIST, null, defaultValue, "[" + String.join(", ", defaultValue) + "]", doc);
  }

  static ConfigKey<List<String>> textList(String path, Computed defaultText, String doc) {
    return new ConfigKey<>(path, Type.TEXT_LIST, null, null, defaultText.text(), doc);
  }

  static ConfigKey<Map<String, String>> textMap(String path, String doc) {
    return new ConfigKey<>(path, Type.TEXT_MAP, null, Map.of(), "{}", doc);
  }

  /**
   * A default that is not a constant.
   *
   * @param text how it is documented
   */
  record Computed(String text) {
    static final Computed REQUIRED = new Computed(ConfigKey.REQUIRED);
    static final Computed NONE = new Computed(ConfigKey.NONE);
  }

  /**
   * The bounds of a number, both included.
   *
   * @param min the least value ({@code Long} or {@code Double}, as the key's values)
   * @param max the greatest value
   */
  public record Bounds(Number min, Number max) {}
}
