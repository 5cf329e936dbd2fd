package io.mobiflow.jobs.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One section of a configuration file with its dotted key, for reads that fail with the file and
 * the key named. Unknown keys are errors, so a typo is reported instead of silently defaulted.
 */
final class ConfigNode {

  private final Path file;
  private final String key;
  private final JsonNode node;

  ConfigNode(Path file, String key, JsonNode node) {
    this.file = file;
    this.key = key;
    this.node = node;
  }

  boolean isPresent() {
    return node != null && !node.isNull() && !node.isMissingNode();
  }

  /** A sub-section; an absent one reads as empty. */
  ConfigNode section(String name) throws ConfigException {
    JsonNode child = node == null ? null : node.get(name);
    if (child != null && !child.isNull() && !child.isObject()) {
      throw error(name, "must be a section of keys");
    }
    return new ConfigNode(file, keyOf(name), child);
  }

  /** Fails on any key not in {@code known}. */
  ConfigNode allow(Set<String> known) throws ConfigException {
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

  String requiredText(String name) throws ConfigException {
    String value = text(name, null);
    if (value == null) {
      throw error(name, "is missing");
    }
    return value;
  }

  String text(String name, String fallback) throws ConfigException {
    JsonNode value = node == null ? null : node.get(name);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isValueNode() || value.asText().isBlank()) {
      throw error(name, "must be a non-empty text");
    }
    return value.asText();
  }

  long number(String name, long fallback, long min, long max) throws ConfigException {
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

  double decimal(String name, double fallback, double min, double max) throws ConfigException {
    JsonNode value = node == null ? null : node.get(name);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isNumber() || value.asDouble() < min || value.asDouble() > max) {
      throw error(
          name, "must be a number in " + min + ".." + max + ", not '" + value.asText() + "'");
    }
    return value.asDouble();
  }

  boolean flag(String name, boolean fallback) throws ConfigException {
    JsonNode value = node == null ? null : node.get(name);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isBoolean()) {
      throw error(name, "must be true or false");
    }
    return value.asBoolean();
  }

  /** A path, relative to the configuration file's folder; must exist. */
  Path existingPath(String name, boolean required) throws ConfigException {
    String text = required ? requiredText(name) : text(name, null);
    if (text == null) {
      return null;
    }
    Path path = file.toAbsolutePath().getParent().resolve(text).normalize();
    if (!java.nio.file.Files.exists(path)) {
      throw error(name, "names " + path + ", which does not exist");
    }
    return path;
  }

  /** A map of text values (client properties passed through). */
  Map<String, String> textMap(String name) throws ConfigException {
    JsonNode value = node == null ? null : node.get(name);
    Map<String, String> map = new LinkedHashMap<>();
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

  /** A list of texts (a YAML sequence), or {@code fallback} when absent. */
  List<String> textList(String name, List<String> fallback) throws ConfigException {
    JsonNode value = node == null ? null : node.get(name);
    if (value == null || value.isNull()) {
      return fallback;
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

  JsonNode raw(String name) {
    return node == null ? null : node.get(name);
  }

  ConfigException error(String name, String problem) {
    return new ConfigException(file + ": key '" + keyOf(name) + "' " + problem);
  }

  private String keyOf(String name) {
    return key.isEmpty() ? name : key + "." + name;
  }
}
