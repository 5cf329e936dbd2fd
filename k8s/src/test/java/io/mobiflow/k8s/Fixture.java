package io.mobiflow.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A small repository of manifests following the conventions (test resources {@code fixture/}, with
 * the real {@code docs/topics.md} and parent {@code pom.xml}), copied to a folder where a test
 * plants one mistake.
 */
final class Fixture {

  private static final Path SOURCE = Path.of("src/test/resources/fixture");

  private Fixture() {}

  /** A copy of the fixture in {@code folder}. */
  static Layout copy(Path folder) {
    try (Stream<Path> files = Files.walk(SOURCE)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path target = folder.resolve(SOURCE.relativize(file).toString());
        Files.createDirectories(target.getParent());
        Files.copy(file, target);
      }
      Path topics = folder.resolve("docs/topics.md");
      Files.createDirectories(topics.getParent());
      Files.copy(Layout.real().topicsDoc(), topics);
      Files.copy(Layout.real().root().resolve("pom.xml"), folder.resolve("pom.xml"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Layout(folder.toAbsolutePath().normalize());
  }

  /**
   * A copy in {@code folder} of the real files the checks read: {@code k8s/} (without this module's
   * build and sources), {@code README.md}, {@code docs/topics.md} and the parent {@code pom.xml}.
   */
  static Layout copyReal(Path folder) {
    Layout real = Layout.real();
    try (Stream<Path> files = Files.walk(real.k8s())) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String relative = real.k8s().relativize(file).toString();
        if (relative.startsWith("target") || relative.startsWith("src")) {
          continue;
        }
        Path target = folder.resolve("k8s").resolve(relative);
        Files.createDirectories(target.getParent());
        Files.copy(file, target);
      }
      for (String file : new String[] {"README.md", "docs/topics.md", "pom.xml"}) {
        Path target = folder.resolve(file);
        Files.createDirectories(target.getParent());
        Files.copy(real.root().resolve(file), target);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Layout(folder.toAbsolutePath().normalize());
  }

  /** Replaces the one occurrence of {@code from} in the layout's {@code file} by {@code to}. */
  static void plant(Layout layout, String file, String from, String to) {
    Path path = layout.root().resolve(file);
    try {
      String text = Files.readString(path);
      assertThat(text.split(java.util.regex.Pattern.quote(from), -1))
          .as("%s holds '%s' once", file, from)
          .hasSize(2);
      Files.writeString(path, text.replace(from, to));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
