package io.mobiflow.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a kustomization as {@code kubectl kustomize} does, for exactly the features {@code k8s/}
 * may use (docs: the plan's layout contract): {@code resources} (files, and folders holding a
 * kustomization), {@code namespace}, {@code labels} (pairs, without selectors or templates), {@code
 * patches} (a strategic-merge patch file by {@code path}, optionally with a {@code target} by kind
 * and name; lists of mappings in a patch are refused, lists of scalars replace the list), {@code
 * configMapGenerator} ({@code files}, {@code behavior}, {@code options.disableNameSuffixHash:
 * true}) and {@code images}. Anything else fails with a {@link KustomizeException} naming the file
 * and the feature, so a manifest never passes the checks through a feature this renderer would
 * silently get wrong.
 */
final class Kustomize {

  /** A kustomization this renderer cannot render faithfully, or a broken one. */
  static final class KustomizeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    KustomizeException(String message) {
      super(message);
    }
  }

  private static final Set<String> FEATURES =
      Set.of(
          "apiVersion",
          "kind",
          "resources",
          "namespace",
          "labels",
          "patches",
          "configMapGenerator",
          "images");

  /** Kinds without a namespace, which {@code namespace:} leaves alone. */
  private static final Set<String> CLUSTER_SCOPED =
      Set.of(
          "Namespace",
          "ClusterRole",
          "ClusterRoleBinding",
          "CustomResourceDefinition",
          "PersistentVolume",
          "StorageClass",
          "PriorityClass");

  private Kustomize() {}

  /** The objects the kustomization in {@code folder} renders, in the order they were read. */
  static List<Manifest> render(Path folder) {
    Path dir = folder.toAbsolutePath().normalize();
    Path file = dir.resolve("kustomization.yaml");
    if (!Files.isRegularFile(file)) {
      throw new KustomizeException(dir + ": no kustomization.yaml");
    }
    List<ObjectNode> docs = Yaml.documents(file);
    if (docs.size() != 1) {
      throw new KustomizeException(file + ": expected one document");
    }
    ObjectNode k = docs.get(0);
    k.fieldNames()
        .forEachRemaining(
            name -> {
              if (!FEATURES.contains(name)) {
                throw new KustomizeException(
                    file
                        + ": '"
                        + name
                        + "' is not a feature this renderer implements "
                        + FEATURES);
              }
            });
    List<Manifest> objects = new ArrayList<>();
    for (JsonNode resource : list(k, "resources", file)) {
      Path path = dir.resolve(resource.asText()).normalize();
      if (Files.isDirectory(path)) {
        objects.addAll(render(path));
      } else {
        for (ObjectNode doc : Yaml.documents(inside(dir, path, file))) {
          objects.add(new Manifest(path, doc));
        }
      }
    }
    for (JsonNode generator : list(k, "configMapGenerator", file)) {
      generate(dir, file, (ObjectNode) generator, objects);
    }
    for (JsonNode patch : list(k, "patches", file)) {
      patch(dir, file, (ObjectNode) patch, objects);
    }
    if (k.has("namespace")) {
      String namespace = k.get("namespace").asText();
      for (Manifest m : objects) {
        if (!CLUSTER_SCOPED.contains(m.kind())) {
          metadata(m.body()).put("namespace", namespace);
        }
      }
    }
    for (JsonNode entry : list(k, "labels", file)) {
      only(entry, file, "labels", "pairs", "includeSelectors", "includeTemplates");
      if (entry.path("includeSelectors").asBoolean(false)
          || entry.path("includeTemplates").asBoolean(false)) {
        throw new KustomizeException(
            file + ": labels with includeSelectors or includeTemplates are not implemented");
      }
      for (Manifest m : objects) {
        ObjectNode labels = object(metadata(m.body()), "labels");
        entry.path("pairs").fields().forEachRemaining(p -> labels.set(p.getKey(), p.getValue()));
      }
    }
    for (JsonNode image : list(k, "images", file)) {
      only(image, file, "images", "name", "newName", "newTag");
      for (Manifest m : objects) {
        setImages(m.body(), image);
      }
    }
    return objects;
  }

  private static void generate(Path dir, Path file, ObjectNode gen, List<Manifest> objects) {
    only(gen, file, "configMapGenerator", "name", "files", "behavior", "options");
    only(gen.path("options"), file, "configMapGenerator options", "disableNameSuffixHash");
    if (!gen.path("options").path("disableNameSuffixHash").asBoolean(false)) {
      throw new KustomizeException(
          file
              + ": configMapGenerator "
              + gen.path("name").asText()
              + " needs options.disableNameSuffixHash: true (name suffixes are not implemented)");
    }
    String name = gen.path("name").asText();
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    for (JsonNode entry : list(gen, "files", file)) {
      String text = entry.asText();
      int eq = text.indexOf('=');
      Path source = inside(dir, dir.resolve(eq < 0 ? text : text.substring(eq + 1)), file);
      String key = eq < 0 ? source.getFileName().toString() : text.substring(0, eq);
      try {
        data.put(key, Files.readString(source));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    Manifest existing =
        objects.stream()
            .filter(m -> m.kind().equals("ConfigMap") && m.name().equals(name))
            .findFirst()
            .orElse(null);
    String behavior = gen.path("behavior").asText("create");
    switch (behavior) {
      case "create" -> {
        if (existing != null) {
          throw new KustomizeException(file + ": ConfigMap " + name + " exists already");
        }
        ObjectNode map = JsonNodeFactory.instance.objectNode();
        map.put("apiVersion", "v1").put("kind", "ConfigMap");
        map.putObject("metadata").put("name", name);
        map.set("data", data);
        objects.add(new Manifest(file, map));
      }
      case "replace", "merge" -> {
        if (existing == null) {
          throw new KustomizeException(file + ": no ConfigMap " + name + " to " + behavior);
        }
        if (behavior.equals("replace")) {
          existing.body().set("data", data);
        } else {
          object(existing.body(), "data").setAll(data);
        }
        objects.set(objects.indexOf(existing), new Manifest(file, existing.body()));
      }
      default -> throw new KustomizeException(file + ": behavior " + behavior + " is unknown");
    }
  }

  private static void patch(Path dir, Path file, ObjectNode entry, List<Manifest> objects) {
    only(entry, file, "patches", "path", "target");
    only(entry.path("target"), file, "patches target", "kind", "name");
    if (!entry.has("path")) {
      throw new KustomizeException(file + ": only patches with a path are implemented");
    }
    Path patchFile = inside(dir, dir.resolve(entry.get("path").asText()), file);
    List<ObjectNode> docs = Yaml.documents(patchFile);
    if (docs.size() != 1) {
      throw new KustomizeException(patchFile + ": expected one patch document");
    }
    ObjectNode patch = docs.get(0);
    String kind = entry.path("target").path("kind").asText(patch.path("kind").asText());
    String name =
        entry.path("target").path("name").asText(patch.path("metadata").path("name").asText());
    int applied = 0;
    for (Manifest m : objects) {
      if (m.kind().equals(kind) && m.name().equals(name)) {
        ObjectNode body = patch.deepCopy();
        if (entry.has("target")) {
          body.remove("apiVersion");
          body.remove("kind");
          ObjectNode meta = (ObjectNode) body.path("metadata");
          if (!meta.isMissingNode()) {
            meta.remove("name");
          }
        }
        merge(m.body(), body, patchFile.toString());
        applied++;
      }
    }
    if (applied == 0) {
      throw new KustomizeException(patchFile + ": patches no object (" + kind + "/" + name + ")");
    }
  }

  /** A strategic merge of maps and scalars: {@code null} removes, lists of scalars replace. */
  private static void merge(ObjectNode target, ObjectNode patch, String where) {
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String key = field.getKey();
      JsonNode value = field.getValue();
      if (key.startsWith("$")) {
        throw new KustomizeException(where + ": patch directive " + key + " is not implemented");
      }
      if (value.isNull()) {
        target.remove(key);
      } else if (value.isObject() && target.path(key).isObject()) {
        merge((ObjectNode) target.get(key), (ObjectNode) value, where);
      } else if (value.isArray()) {
        for (JsonNode element : value) {
          if (element.isContainerNode()) {
            throw new KustomizeException(
                where + ": '" + key + "' is a list of mappings: merging it is not implemented");
          }
        }
        target.set(key, value.deepCopy());
      } else {
        target.set(key, value.deepCopy());
      }
    }
  }

  /** Sets the image of every container and init container anywhere in {@code node}. */
  private static void setImages(JsonNode node, JsonNode image) {
    if (node.isObject()) {
      for (String list : List.of("containers", "initContainers")) {
        for (JsonNode container : node.path(list)) {
          String current = container.path("image").asText("");
          if (!current.isEmpty() && repository(current).equals(image.path("name").asText())) {
            String name = image.path("newName").asText(repository(current));
            String tag = image.has("newTag") ? image.get("newTag").asText() : tag(current);
            ((ObjectNode) container).put("image", tag == null ? name : name + ":" + tag);
          }
        }
      }
    }
    for (JsonNode child : node) {
      setImages(child, image);
    }
  }

  /** The image without its tag or digest. */
  static String repository(String image) {
    String noDigest = image.replaceFirst("@.*", "");
    int colon = noDigest.lastIndexOf(':');
    return colon > noDigest.lastIndexOf('/') ? noDigest.substring(0, colon) : noDigest;
  }

  /** The image's tag, or {@code null}. */
  static String tag(String image) {
    String noDigest = image.replaceFirst("@.*", "");
    int colon = noDigest.lastIndexOf(':');
    return colon > noDigest.lastIndexOf('/') ? noDigest.substring(colon + 1) : null;
  }

  private static Path inside(Path dir, Path path, Path kustomization) {
    Path normal = path.toAbsolutePath().normalize();
    if (!normal.startsWith(dir)) {
      throw new KustomizeException(
          kustomization
              + ": "
              + path
              + " is outside the kustomization's folder (kustomize refuses it)");
    }
    if (!Files.isRegularFile(normal)) {
      throw new KustomizeException(kustomization + ": " + path + " does not exist");
    }
    return normal;
  }

  private static Iterable<JsonNode> list(JsonNode node, String field, Path file) {
    JsonNode value = node.path(field);
    if (value.isMissingNode()) {
      return List.of();
    }
    if (!(value instanceof ArrayNode array)) {
      throw new KustomizeException(file + ": '" + field + "' is not a list");
    }
    return array;
  }

  private static void only(JsonNode node, Path file, String what, String... allowed) {
    Set<String> known = Set.of(allowed);
    node.fieldNames()
        .forEachRemaining(
            name -> {
              if (!known.contains(name)) {
                throw new KustomizeException(
                    file + ": " + what + " '" + name + "' is not implemented by this renderer");
              }
            });
  }

  private static ObjectNode metadata(ObjectNode body) {
    return object(body, "metadata");
  }

  private static ObjectNode object(ObjectNode parent, String field) {
    return parent.path(field).isObject() ? (ObjectNode) parent.get(field) : parent.putObject(field);
  }
}
