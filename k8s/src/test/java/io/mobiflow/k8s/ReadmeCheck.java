package io.mobiflow.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The commands of the README's section "Run on Kubernetes" are the ones the build checks: every
 * {@code kubectl … -k <path>} and {@code kubectl kustomize <path>} in its fenced blocks names a
 * kustomization of {@code k8s/} that renders, every {@code kubectl … -f <path>} a file of {@code
 * k8s/} whose objects parse with their models.
 */
final class ReadmeCheck {

  static final String SECTION = "## Run on Kubernetes";

  private static final Pattern KUSTOMIZE_PATH =
      Pattern.compile("kubectl\\b[^#]*?(?:\\s-k\\s+|\\s--kustomize[=\\s]+|\\skustomize\\s+)(\\S+)");

  private static final Pattern FILE_PATH = Pattern.compile("kubectl\\b[^#]*?\\s-f\\s+(\\S+)");

  private ReadmeCheck() {}

  /** The kustomization paths the section's commands name, in order. */
  static List<String> paths(Layout layout) {
    return matches(layout, KUSTOMIZE_PATH);
  }

  /** The groups of {@code pattern} in the section's fenced blocks, in order. */
  private static List<String> matches(Layout layout, Pattern pattern) {
    List<String> lines;
    try {
      lines = Files.readAllLines(layout.readme());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> paths = new ArrayList<>();
    boolean inSection = false;
    boolean inBlock = false;
    for (String line : lines) {
      if (line.startsWith("```")) {
        inBlock = !inBlock;
        continue;
      }
      if (!inBlock && line.startsWith("## ")) {
        inSection = line.strip().equals(SECTION);
      }
      if (inSection && inBlock) {
        Matcher m = pattern.matcher(line);
        while (m.find()) {
          paths.add(m.group(1).replaceFirst("/$", ""));
        }
      }
    }
    return paths;
  }

  /** The problems: no command, or a command whose path does not render. */
  static List<Problem> check(Layout layout) {
    List<Problem> problems = new ArrayList<>();
    String at = layout.name(layout.readme());
    List<String> paths = paths(layout);
    if (paths.isEmpty()) {
      problems.add(
          new Problem(
              at, "", SECTION, "no kubectl command with -k or kustomize in its fenced blocks"));
    }
    for (String path : paths) {
      if (!path.startsWith("k8s/")) {
        problems.add(new Problem(at, "", SECTION, path + " is not a kustomization of k8s/"));
        continue;
      }
      try {
        Kustomize.render(layout.root().resolve(path));
      } catch (RuntimeException e) {
        problems.add(
            new Problem(
                at,
                "",
                SECTION,
                path
                    + " does not render: "
                    + e.getMessage().replace(layout.root().toString() + "/", "")));
      }
    }
    for (String path : matches(layout, FILE_PATH)) {
      java.nio.file.Path file = layout.root().resolve(path);
      if (!path.startsWith("k8s/") || !Files.isRegularFile(file)) {
        problems.add(new Problem(at, "", SECTION, path + " is not a file of k8s/"));
        continue;
      }
      List<Manifest> objects =
          Yaml.documents(file).stream().map(doc -> new Manifest(file, doc)).toList();
      problems.addAll(Models.check(layout, objects));
    }
    return problems;
  }
}
