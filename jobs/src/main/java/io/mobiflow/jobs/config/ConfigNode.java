package io.mobiflow.jobs.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One section of a configuration file with its dotted key, read through the {@link ConfigKeys}
 * declared in it: each read fails with the file and the key named, and a key not declared in the
 * section is an error, so a typo is reported instead of silently defaulted.
 */
final class ConfigNode {

  /** A URL's scheme: two letters at least, so that a Windows drive ({@code C:}) is a path. */
  private static final Pattern URL_SCHEME = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]+:");

  private final Path file;
  private final String key;
  private final JsonNode node;

  private ConfigNode(Path file, String key, JsonNode node) {
    this.file = file;
    this.key = key;
    this.node = node;
  }

  /** The top-level section of {@code file}, its keys checked against the declared ones. */
  static ConfigNode root(Path file, JsonNode node) throws ConfigException {
    return new ConfigNode(file, "", node).allowDeclared();
  }

  boolean isPresent() {
    return node != null && !node.isNull() && !node.isMissingNode();
  }

  /** A declared sub-section, its keys checked; an absent one reads as empty. */
  ConfigNode section(ConfigKey<Void> key) throws ConfigException {
    String name = nameOf(key, ConfigKey.Type.SECTION);
    JsonNode child = node == null ? null : node.get(name);
    if (child != null && !child.isNull() && !child.isObject()) {
      throw error(name, "must be a section of keys");
    }
    return new ConfigNode(file, keyOf(name), child).allowDeclared();
  }

  /**
   * The entries of a declared list of sections, each with its keys checked; none when absent.
   *
   * @param shape how an entry looks, for the error when the value is not a list
   */
  List<ConfigNode> entries(ConfigKey<Void> key, String shape) throws ConfigException {
    String name = nameOf(key, ConfigKey.Type.ENTRIES);
    JsonNode list = raw(key);
    List<ConfigNode> entries = new ArrayList<>();
    if (list == null || list.isNull()) {
      return entries;
    }
    if (!list.isArray()) {
      throw error(name, "must be a list of " + shape);
    }
    for (int i = 0; i < list.size(); i++) {
      entries.add(new ConfigNode(file, keyOf(name) + "[" + i + "]", list.get(i)).allowDeclared());
    }
    return entries;
  }

  /** Fails on any key not declared in this section. */
  private ConfigNode allowDeclared() throws ConfigException {
    List<String> known = ConfigKeys.in(declaredPath()).stream().map(ConfigKey::name).toList();
    if (isPresent()) {
      Iterator<String> names = node.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        if (!known.contains(name)) {
          throw error(name, "is not a known key (known: " + String.join(", ", known) + ")");
        }
      }
    }
    return this;
  }

  /** A text; a required key's absence is an error. */
  String text(ConfigKey<String> key) throws ConfigException {
    String name = nameOf(key, ConfigKey.Type.TEXT);
    String value = text(name, key.defaultValue());
    if (value == null && key.required()) {
      throw error(name, "is missing");
    }
    return value;
  }

  private String text(String name, String fallback) throws ConfigException {
    JsonNode value = node == null ? null : node.get(name);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isValueNode() || value.asText().isBlank()) {
      throw error(name, "must be a non-empty text");
    }
    return value.asText();
  }

  boolean flag(ConfigKey<Boolean> key) throws ConfigException {
    String name = nameOf(key, ConfigKey.Type.FLAG);
    JsonNode value = node == null ? null : node.get(name);
    if (value == null || value.isNull()) {
      return fallback(key);
    }
    if (!value.isBoolean()) {
      throw error(name, "must be true or false, not '" + value.asText() + "'");
    }
    return value.asBoolean();
  }

  long number(ConfigKey<Long> key) throws ConfigException {
    String name = nameOf(key, ConfigKey.Type.WHOLE_NUMBER);
    return number(
        name, fallback(key), key.bounds().min().longValue(), key.bounds().max().longValue());
  }

  private long number(String name, long fallback, long min, long max) throws ConfigException {
    JsonNode value = node == null ? null : node.get(name);
    if (value == null || value.isNull()) {
      return fallback;
    }
    boolean whole =
        value.isIntegralNumber()
            || (value.isNumber() && value.asDouble() == Math.rint(value.asDouble()));
    if (!whole || !value.canConvertToLong() || value.asLong() < min || value.asLong() > max) {
      throw error(
          name, "must be a whole number in " + min + ".." + max + ", not '" + value.asText() + "'");
    }
    return value.asLong();
  }

  double decimal(ConfigKey<Double> key) throws ConfigException {
    String name = nameOf(key, ConfigKey.Type.DECIMAL);
    double min = key.bounds().min().doubleValue();
    double max = key.bounds().max().doubleValue();
    JsonNode value = node == null ? null : node.get(name);
    if (value == null || value.isNull()) {
      return fallback(key);
    }
    if (!value.isNumber() || value.asDouble() < min || value.asDouble() > max) {
      throw error(
          name, "must be a number in " + min + ".." + max + ", not '" + value.asText() + "'");
    }
    return value.asDouble();
  }

  /** A number of days, or {@code forever}: {@code null}. */
  Duration days(ConfigKey<Duration> key) throws ConfigException {
    String name = nameOf(key, ConfigKey.Type.DAYS_OR_FOREVER);
    JsonNode value = raw(key);
    if (value != null && value.isTextual()) {
      if (value.asText().equals("forever")) {
        return null;
      }
      throw error(name, "must be a number of days or forever, not '" + value.asText() + "'");
    }
    if ((value == null || value.isNull()) && key.defaultValue() == null) {
      return null;
    }
    long fallback = key.defaultValue() == null ? 0 : key.defaultValue().toDays();
    return Duration.ofDays(
        number(name, fallback, key.bounds().min().longValue(), key.bounds().max().longValue()));
  }

  /** A path, relative to the configuration file's folder; must exist. */
  Path existingPath(ConfigKey<Path> key) throws ConfigException {
    String name = nameOf(key, ConfigKey.Type.EXISTING_PATH);
    String text = text(name, null);
    if (text == null) {
      if (key.required()) {
        throw error(name, "is missing");
      }
      return null;
    }
    Path path = resolve(text);
    if (!Files.exists(path)) {
      throw error(name, "names " + path + ", which does not exist");
    }
    return path;
  }

  /** A path, relative to the configuration file's folder, or {@code null} when absent. */
  Path path(ConfigKey<String> key) throws ConfigException {
    String text = text(nameOf(key, ConfigKey.Type.PATH), key.defaultValue());
    return text == null ? null : resolve(text);
  }

  /**
   * A URL of a file system ({@code file:///…}, {@code s3://bucket/…}), or a path relative to the
   * configuration file's folder as a {@code file:} URL; {@code null} when absent.
   */
  URI location(ConfigKey<String> key) throws ConfigException {
    String name = nameOf(key, ConfigKey.Type.LOCATION);
    String text = text(name, key.defaultValue());
    if (text == null) {
      return null;
    }
    if (!URL_SCHEME.matcher(text).lookingAt()) {
      return resolve(text).toUri();
    }
    URI url;
    try {
      url = new URI(text);
    } catch (URISyntaxException e) {
      throw error(name, "is not a valid URL: " + e.getMessage());
    }
    boolean absolute = !url.isOpaque() && url.getPath().startsWith("/");
    boolean valid =
        url.getScheme().equalsIgnoreCase("file")
            ? absolute && url.getAuthority() == null // file://host/x: a typo of file:///x
            : absolute || (!url.isOpaque() && url.getAuthority() != null);
    if (!valid) {
      throw error(
          name,
          "must be a path, or a URL such as file:///var/lib/mobiflow/"
              + name
              + " or s3://bucket/"
              + name
              + ", not '"
              + text
              + "'");
    }
    return url;
  }

  /** {@code text} as a path from the file's folder (no file: the working directory). */
  private Path resolve(String text) {
    Path folder = file == null ? Path.of("") : file.toAbsolutePath().getParent();
    return folder.resolve(text).toAbsolutePath().normalize();
  }

  /** A map of text values (client properties passed through). */
  Map<String, String> textMap(ConfigKey<Map<String, String>> key) throws ConfigException {
    String name = nameOf(key, ConfigKey.Type.TEXT_MAP);
    JsonNode value = raw(key);
    Map<String, String> map = new LinkedHashMap<>(key.defaultValue());
    if (value == null || value.isNull()) {
      return map;
    }
    if (!value.isObject()) {
      throw error(name, "must be a section of key: value");
    }
    Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!field.getValue().isValueNode()) {
        throw error(name + "." + field.getKey(), "must be a single value");
      }
      map.put(field.getKey(), field.getValue().asText());
    }
    return map;
  }

  /** A list of texts (a YAML sequence). */
  List<String> textList(ConfigKey<List<String>> key) throws ConfigException {
    String name = nameOf(key, ConfigKey.Type.TEXT_LIST);
    JsonNode value = raw(key);
    if (value == null || value.isNull()) {
      return fallback(key);
    }
    if (!value.isArray()) {
      throw error(name, "must be a list, e.g. [zone, stop]");
    }
    List<String> list = new ArrayList<>();
    for (JsonNode item : value) {
      if (!item.isValueNode() || item.asText().isBlank()) {
        throw error(name, "must hold non-empty texts");
      }
      list.add(item.asText());
    }
    return list;
  }

  /** The value as parsed, {@code null} when absent (read by its own parser: the feeds). */
  JsonNode raw(ConfigKey<?> key) {
    return node == null ? null : node.get(nameOf(key, key.type()));
  }

  /** An error naming {@code key}, which must be declared in this section. */
  ConfigException error(ConfigKey<?> key, String problem) {
    return error(nameOf(key, key.type()), problem);
  }

  private ConfigException error(String name, String problem) {
    return new ConfigException(file + ": key '" + keyOf(name) + "' " + problem);
  }

  /** The default of a key whose default is a constant or set by {@link ConfigKey#defaultingTo}. */
  private static <T> T fallback(ConfigKey<T> key) {
    if (key.defaultValue() == null) {
      throw new IllegalStateException(key.path() + " has a computed default: give it");
    }
    return key.defaultValue();
  }

  /** The name of {@code key} in this section; a key of another section or type is a bug. */
  private String nameOf(ConfigKey<?> key, ConfigKey.Type type) {
    if (!key.section().equals(declaredPath()) || key.type() != type) {
      throw new IllegalArgumentException(
          key.path() + " (" + key.type() + ") is not a " + type + " key of '" + this.key + "'");
    }
    return key.name();
  }

  /** This section's path as declared: list entries' indexes as {@code []}. */
  private String declaredPath() {
    return key.replaceAll("\\[\\d+]", "[]");
  }

  private String keyOf(String name) {
    return key.isEmpty() ? name : key + "." + name;
  }
}
