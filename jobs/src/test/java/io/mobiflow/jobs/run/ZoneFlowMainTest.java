package io.mobiflow.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job jar's entry point refuses bad arguments and configurations in one line, exit code 2. */
class ZoneFlowMainTest {

  @TempDir Path dir;

  @Test
  void readsTheConfigurationAndTheBoundedFlagInAnyOrder() {
    assertThat(ZoneFlowMain.Arguments.parse(List.of("--bounded", "--config", "a.yaml")))
        .isEqualTo(new ZoneFlowMain.Arguments(Path.of("a.yaml"), true));
    assertThat(ZoneFlowMain.Arguments.parse(List.of("--config", "a.yaml")))
        .isEqualTo(new ZoneFlowMain.Arguments(Path.of("a.yaml"), false));
  }

  @Test
  void refusesAMissingConfigurationAnUnknownArgumentAndATwiceGivenConfiguration() {
    assertThatThrownBy(() -> ZoneFlowMain.Arguments.parse(List.of("--bounded")))
        .hasMessage("--config FILE is required");
    assertThatThrownBy(() -> ZoneFlowMain.Arguments.parse(List.of("--config")))
        .hasMessage("--config takes one FILE, once");
    assertThatThrownBy(
            () -> ZoneFlowMain.Arguments.parse(List.of("--config", "a", "--config", "b")))
        .hasMessage("--config takes one FILE, once");
    assertThatThrownBy(() -> ZoneFlowMain.Arguments.parse(List.of("--config", "a", "--fast")))
        .hasMessage("unknown argument '--fast'");
  }

  @Test
  void aBadArgumentIsOneLineWithTheUsageAndExitCodeTwo() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        ZoneFlowMain.run(List.of("--fast"), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "ZoneFlowMain: unknown argument '--fast' ("
                + ZoneFlowMain.USAGE
                + ")"
                + System.lineSeparator());
  }

  @Test
  void aBadConfigurationIsOneLineNamingTheFileAndExitCodeTwo() throws Exception {
    Path config = Files.writeString(dir.resolve("bad.yaml"), "sources:\n  nonsense: 1\n");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        ZoneFlowMain.run(
            List.of("--config", config.toString()),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8).lines())
        .singleElement()
        .asString()
        .startsWith("ZoneFlowMain: ")
        .contains("bad.yaml");
  }
}
