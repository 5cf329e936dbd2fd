package io.mobiflow.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The commands of the README's section "Run on Kubernetes" (and of every fenced block of {@code
 * k8s/README.md}) are the ones the build checks: every {@code kubectl … -k <path>} and {@code
 * kubectl kustomize <path>} names a kustomization of {@code k8s/} that renders, every {@code
 * kubectl … -f <path>} a file of {@code k8s/} whose objects parse with their models, with bounded,
 * pinned, non-root containers and secrets by reference.
 */
final class ReadmeCheck {

  static final String SECTION = "## Run on Kubernetes";

  private static final Pattern KUSTOMIZE_PATH =
      Pattern.compile(
          "kubectl\\b[^#`]*?(?:\\s-k\\s+|\\s--kustomize[=\\s]+|\\skustomize\\s+)([^\\s`]+)");

  private static final Pattern FILE_PATH = Pattern.compile("kubectl\\b[^#`]*?\\s-f\\s+([^\\s`]+)");

  /**
   * A command of a README.
   *
   * @param readme the file
   * @param path the path the command names
   */
  record Command(Path readme, String path) {}

  private ReadmeCheck() {}

  /** The kustomization paths the README's section names, in order. */
  static List<String> paths(Layout layout) {
    return commands(layout.readme(), true, KUSTOMIZE_PATH).stream().map(Command::path).toList();
  }

  /** The paths {@code pattern} finds in a README's fenced blocks (of its section, or all). */
  private static List<Command> commands(Path readme, boolean sectionOnly, Pattern pattern) {
    List<String> lines;
    try {
      lines = Files.readAllLines(readme);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Command> commands = new ArrayList<>();
    boolean inSection = !sectionOnly;
    boolean inBlock = false;
    for (String line : lines) {
      if (line.startsWith("```")) {
        inBlock = !inBlock;
        continue;
      }
      if (sectionOnly && !inBlock && line.startsWith("## ")) {
        inSection = line.strip().equals(SECTION);
      }
      if (inSection && inBlock) {
        Matcher m = pattern.matcher(line);
        while (m.find()) {
          commands.add(new Command(readme, m.group(1).replaceFirst("/$", "")));
        }
      }
    }
    return commands;
  }

  /** The problems: no command, or a command whose path does not render or parse. */
  static List<Problem> check(Layout layout) {
    List<Problem> problems = new ArrayList<>();
    if (paths(layout).isEmpty()) {
      problems.add(
          new Problem(
              layout.name(layout.readme()),
              "",
              SECTION,
              "no kubectl command with -k or kustomize in its fenced blocks"));
    }
    Path k8sReadme = layout.k8s().resolve("README.md");
    List<Command> kustomizations = new ArrayList<>(commands(layout.readme(), true, KUSTOMIZE_PATH));
    List<Command> files = new ArrayList<>(commands(layout.readme(), true, FILE_PATH));
    if (Files.isRegularFile(k8sReadme)) {
      kustomizations.addAll(commands(k8sReadme, false, KUSTOMIZE_PATH));
      files.addAll(commands(k8sReadme, false, FILE_PATH));
    }
    for (Command command : kustomizations) {
      String at = layout.name(command.readme());
      if (!command.path().startsWith("k8s/")) {
        problems.add(
            new Problem(at, "", "kubectl -k", command.path() + " is not a kustomization of k8s/"));
        continue;
      }
      try {
        Kustomize.render(layout.root().resolve(command.path()));
      } catch (RuntimeException e) {
        problems.add(
            new Problem(
                at,
                "",
                "kubectl -k",
                command.path()
                    + " does not render: "
                    + e.getMessage().replace(layout.root() + "/", "")));
      }
    }
    for (Command command : files) {
      if (command.path().equals("-")) {
        continue;
      }
      Path file = layout.root().resolve(command.path());
      if (!command.path().startsWith("k8s/") || !Files.isRegularFile(file)) {
        problems.add(
            new Problem(
                layout.name(command.readme()),
                "",
                "kubectl -f",
                command.path() + " is not a file of k8s/"));
        continue;
      }
      Renders objects =
          new Renders(
              command.path(),
              Yaml.documents(file).stream().map(doc -> new Manifest(file, doc)).toList());
      problems.addAll(Models.check(layout, objects.objects()));
      problems.addAll(ContainerCheck.check(layout, objects));
      problems.addAll(SecretCheck.check(layout, objects));
    }
    return problems.stream().distinct().toList();
  }
}
