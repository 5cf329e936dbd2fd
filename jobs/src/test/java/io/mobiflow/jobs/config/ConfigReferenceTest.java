package io.mobiflow.jobs.config;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/configuration.md} is what {@link ConfigReference} renders from the declared keys;
 * {@code -Dmobiflow.docs.write=true} rewrites it.
 */
class ConfigReferenceTest {

  private static final Path PAGE = Path.of("..").resolve(ConfigReference.PAGE);

  @Test
  void thePageIsRenderedFromTheDeclaredKeys() throws Exception {
    String rendered = ConfigReference.render();
    if (Boolean.getBoolean("mobiflow.docs.write")) {
      Files.writeString(PAGE, rendered);
    }
    String written = Files.exists(PAGE) ? Files.readString(PAGE) : "";
    String difference = firstDifference(written, rendered);
    if (difference != null) {
      fail(
          PAGE.normalize()
              + " disagrees with the keys declared in ConfigKeys: "
              + difference
              + "\nRewrite it with: mvn -B -o -pl jobs -am test -Dtest=ConfigReferenceTest"
              + " -Dsurefire.failIfNoSpecifiedTests=false -Dmobiflow.docs.write=true");
    }
  }

  /** The first line where {@code written} and {@code rendered} differ, or {@code null}. */
  static String firstDifference(String written, String rendered) {
    List<String> have = written.lines().toList();
    List<String> want = rendered.lines().toList();
    for (int i = 0; i < Math.max(have.size(), want.size()); i++) {
      String a = i < have.size() ? have.get(i) : "(end of file)";
      String b = i < want.size() ? want.get(i) : "(end of file)";
      if (!a.equals(b)) {
        return "line " + (i + 1) + " is\n  " + a + "\nbut the declarations give\n  " + b;
      }
    }
    return written.equals(rendered) ? null : "the line ends differ";
  }
}
