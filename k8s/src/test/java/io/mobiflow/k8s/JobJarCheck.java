package io.mobiflow.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

/**
 * The built job jar is what the manifests run: the FlinkDeployment's entry class is a class of it,
 * and the job Dockerfile copies it (its {@code COPY} source, relative to the build context, the
 * repository root, names the jar).
 */
final class JobJarCheck {

  private JobJarCheck() {}

  /** The job jar the build made ({@code mobiflow.job.jar}, set by the pom). */
  static Path builtJar() {
    String jar = System.getProperty("mobiflow.job.jar");
    if (jar == null) {
      throw new IllegalStateException("the system property mobiflow.job.jar is not set");
    }
    return Path.of(jar).toAbsolutePath().normalize();
  }

  /** The problems of the overlay's FlinkDeployment and the job Dockerfile with {@code jar}. */
  static List<Problem> check(Layout layout, Renders render, Path jar) {
    List<Problem> problems = new ArrayList<>();
    Manifest flink = render.find("FlinkDeployment", FlinkDeploymentCheck.NAME);
    String entryClass = flink == null ? "" : flink.at("spec.job.entryClass").asText("");
    try (JarFile job = new JarFile(jar.toFile())) {
      if (flink != null && job.getEntry(entryClass.replace('.', '/') + ".class") == null) {
        problems.add(
            layout.problem(
                flink,
                "spec.job.entryClass",
                "'" + entryClass + "' is not a class of the job jar " + jar.getFileName()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(jar + ": not a readable jar", e);
    }
    Path dockerfile = layout.images().resolve(DockerfileCheck.JOB);
    String target = FlinkDeploymentCheck.JAR_URI.replaceFirst("^local://", "");
    boolean copied = false;
    for (DockerfileCheck.Instruction i : DockerfileCheck.instructions(dockerfile)) {
      if (i.keyword().equals("COPY") && i.args().size() == 2 && i.args().get(1).equals(target)) {
        PathMatcher source = FileSystems.getDefault().getPathMatcher("glob:" + i.args().get(0));
        copied |= source.matches(Path.of("jobs", "target", jar.getFileName().toString()));
      }
    }
    if (!copied) {
      problems.add(
          new Problem(
              layout.name(dockerfile),
              "",
              "COPY",
              "no COPY takes the built jobs/target/" + jar.getFileName() + " to " + target));
    }
    return problems;
  }
}
