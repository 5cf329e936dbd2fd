package io.mobiflow.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code retention:} section: days or forever, defaults, one line naming a bad key. */
class RetentionConfigTest {

  @TempDir Path dir;

  private static final String RUN =
      """
      places: {zones: zones.geojson}
      sources: {snapshots: recorded}
      outputs: {json_lines: out}
      """;

  @BeforeEach
  void files() throws Exception {
    Files.writeString(dir.resolve("zones.geojson"), "{}");
    Files.createDirectories(dir.resolve("recorded"));
  }

  @Test
  void readsDaysAndForeverWithDefaultsForTheRest() throws Exception {
    MobiflowConfig config =
        load(RUN + "retention: {dead_letters_days: 7, flow_tables_days: forever}\n");

    assertThat(config.retention())
        .isEqualTo(new MobiflowConfig.Retention(Duration.ofDays(7), Duration.ofDays(30), null));
    assertThat(load(RUN).retention())
        .isEqualTo(
            new MobiflowConfig.Retention(
                Duration.ofDays(30), Duration.ofDays(30), Duration.ofDays(730)));
  }

  @Test
  void aBadRetentionNamesItsKey() {
    assertThatThrownBy(() -> load(RUN + "retention: {suggestions_days: soon}\n"))
        .hasMessageEndingWith(
            "key 'retention.suggestions_days' must be a number of days or forever, not 'soon'");
    assertThatThrownBy(() -> load(RUN + "retention: {flow_tables_days: 0}\n"))
        .hasMessageContaining("key 'retention.flow_tables_days' must be a whole number in 1..");
    assertThatThrownBy(() -> load(RUN + "retention: {snapshots_days: 7}\n"))
        .hasMessageContaining("key 'retention.snapshots_days' is not a known key");
  }

  private MobiflowConfig load(String yaml) throws Exception {
    return ConfigLoader.load(Files.writeString(dir.resolve("run.yaml"), yaml));
  }
}
