package io.mobiflow.k8s;

import java.util.List;

/** The objects of one kustomization of {@code k8s/}, rendered. */
record Renders(String name, List<Manifest> objects) {

  /** The objects of one kind. */
  List<Manifest> ofKind(String kind) {
    return objects.stream().filter(m -> m.kind().equals(kind)).toList();
  }

  /** The one object of a kind and name, or {@code null}. */
  Manifest find(String kind, String name) {
    return objects.stream()
        .filter(m -> m.kind().equals(kind) && m.name().equals(name))
        .findFirst()
        .orElse(null);
  }

  /** The overlay {@code name} of {@code layout}, rendered. */
  static Renders overlay(Layout layout, String name) {
    return new Renders(name, Kustomize.render(layout.overlay(name)));
  }
}
