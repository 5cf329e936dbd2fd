package io.mobiflow.k8s;

import java.nio.file.Path;
import java.util.List;

/**
 * Where the checked files are: a repository root holding {@code k8s/}, {@code README.md} and {@code
 * docs/topics.md}.
 *
 * @param root the repository root
 */
record Layout(Path root) {

  /** The overlays a platform team applies, each a kustomization under {@code k8s/overlays}. */
  static final List<String> OVERLAYS = List.of("city", "region");

  /**
   * The repository this module belongs to, or the one the system property {@code mobiflow.repo.dir}
   * names (to check another worktree's files).
   */
  static Layout real() {
    String dir = System.getProperty("mobiflow.repo.dir");
    return new Layout(
        (dir == null ? Path.of("").toAbsolutePath().getParent() : Path.of(dir))
            .toAbsolutePath()
            .normalize());
  }

  Path k8s() {
    return root.resolve("k8s");
  }

  Path overlay(String name) {
    return k8s().resolve("overlays").resolve(name);
  }

  Path base() {
    return k8s().resolve("base");
  }

  Path monitoring() {
    return k8s().resolve("monitoring");
  }

  Path images() {
    return k8s().resolve("images");
  }

  Path readme() {
    return root.resolve("README.md");
  }

  Path topicsDoc() {
    return root.resolve("docs").resolve("topics.md");
  }

  /** A file as problems name it: relative to the root, with {@code /}. */
  String name(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    return absolute.startsWith(root)
        ? root.relativize(absolute).toString().replace('\\', '/')
        : absolute.toString();
  }

  /** A problem in an object of a render. */
  Problem problem(Manifest m, String field, String message) {
    return new Problem(name(m.file()), m.id(), field, message);
  }
}
