package io.mobiflow.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The images' Dockerfiles: every {@code FROM} pinned (a tag other than {@code latest}, or a
 * digest), the job image on the build's Flink (parent pom) with Java 17 and the app image on a Java
 * 17 runtime, a final {@code USER} that is not root, and the job jar copied to the path of the
 * FlinkDeployment's {@code jarURI}.
 */
final class DockerfileCheck {

  static final String JOB = "job.Dockerfile";
  static final String APP = "app.Dockerfile";

  private DockerfileCheck() {}

  /** One instruction of a Dockerfile: its keyword in upper case, its arguments, its line. */
  record Instruction(String keyword, List<String> args, int line) {}

  /** The problems of both Dockerfiles; {@code jarURI} is the FlinkDeployment's. */
  static List<Problem> check(Layout layout, String jarUri) {
    List<Problem> problems = new ArrayList<>();
    String flink = FlinkDeploymentCheck.flinkVersion(layout).substring(1).replace('_', '.');
    for (String name : List.of(JOB, APP)) {
      Path file = layout.images().resolve(name);
      String at = layout.name(file);
      if (!Files.isRegularFile(file)) {
        problems.add(new Problem(at, "", "", "is missing"));
        continue;
      }
      List<Instruction> instructions = instructions(file);
      String user = null;
      for (Instruction i : instructions) {
        if (i.keyword().equals("FROM")) {
          String image = i.args().get(0);
          String problem = ContainerCheck.unpinned(image);
          if (problem != null) {
            problems.add(new Problem(at, "", "FROM (line " + i.line() + ")", problem));
          }
          boolean right =
              name.equals(JOB)
                  ? image.startsWith("flink:" + flink + ".") && image.contains("java17")
                  : image.startsWith("eclipse-temurin:17") && image.contains("jre");
          if (!right) {
            problems.add(
                new Problem(
                    at,
                    "",
                    "FROM (line " + i.line() + ")",
                    image
                        + " is not "
                        + (name.equals(JOB)
                            ? "Flink " + flink + " on Java 17"
                            : "a Java 17 runtime (eclipse-temurin 17 jre)")));
          }
        } else if (i.keyword().equals("USER")) {
          user = i.args().get(0);
        }
      }
      if (user == null
          || user.replaceFirst(":.*", "").equals("root")
          || user.replaceFirst(":.*", "").equals("0")) {
        problems.add(
            new Problem(
                at, "", "USER", "the image runs as " + (user == null ? "root (no USER)" : user)));
      }
      if (name.equals(JOB)) {
        String target = jarUri.replaceFirst("^local://", "");
        boolean copied =
            instructions.stream()
                .filter(i -> i.keyword().equals("COPY"))
                .anyMatch(i -> i.args().get(i.args().size() - 1).equals(target));
        if (!copied) {
          problems.add(
              new Problem(
                  at,
                  "",
                  "COPY",
                  "no COPY puts the job jar at " + target + " (the FlinkDeployment's jarURI)"));
        }
      }
    }
    return problems;
  }

  /**
   * The instructions of a Dockerfile, continuation lines joined, options ({@code --x=y}) dropped.
   */
  static List<Instruction> instructions(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Instruction> instructions = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int start = 0;
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n).strip();
      if (current.isEmpty() && (line.isEmpty() || line.startsWith("#"))) {
        continue;
      }
      if (current.isEmpty()) {
        start = n + 1;
      }
      if (line.endsWith("\\")) {
        current.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      current.append(line);
      String[] words = current.toString().trim().split("\\s+");
      List<String> args = new ArrayList<>();
      for (int w = 1; w < words.length; w++) {
        if (!words[w].startsWith("--")) {
          args.add(words[w]);
        }
      }
      instructions.add(new Instruction(words[0].toUpperCase(Locale.ROOT), args, start));
      current.setLength(0);
    }
    return instructions;
  }
}
