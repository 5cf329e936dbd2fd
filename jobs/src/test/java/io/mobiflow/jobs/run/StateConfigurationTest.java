package io.mobiflow.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mobiflow.jobs.config.ConfigException;
import io.mobiflow.jobs.config.ConfigLoader;
import io.mobiflow.jobs.config.MobiflowConfig;
import io.mobiflow.jobs.testing.ReplayRun;
import io.mobiflow.jobs.zoneflow.match.Places;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code checkpoints:} keys become Flink's state options ({@code state.backend.type}, {@code
 * execution.checkpointing.*}) as {@link ZoneFlowPipeline} applies them; a bad value is one line
 * naming its key. {@code RocksDbStateITCase} shows that the backend really changes.
 */
class StateConfigurationTest {

  private static final String RUN =
      """
      places: {zones: zones.geojson}
      sources: {snapshots: recorded}
      outputs: {json_lines: out}
      """;

  @TempDir Path dir;

  @BeforeEach
  void files() throws Exception {
    Files.writeString(dir.resolve("zones.geojson"), "{}");
    Files.createDirectories(dir.resolve("recorded"));
  }

  @Test
  void rocksDbWithIncrementalCheckpointsOnObjectStorage() throws Exception {
    MobiflowConfig.Checkpoints checkpoints =
        load(RUN
                + """
                    checkpoints:
                      state_backend: rocksdb
                      dir: s3://mobility-state/checkpoints
                      savepoint_dir: file:///var/lib/mobiflow/savepoints
                    """)
            .checkpoints();

    Configuration backend = ZoneFlowPipeline.stateBackend(checkpoints);
    assertThat(backend.toMap())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "state.backend.type", "rocksdb",
                "execution.checkpointing.incremental", "true",
                "execution.checkpointing.savepoint-dir", "file:///var/lib/mobiflow/savepoints"));
    assertThat(backend.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
    Configuration storage = ZoneFlowPipeline.checkpointStorage(checkpoints);
    assertThat(storage.get(CheckpointingOptions.CHECKPOINT_STORAGE)).isEqualTo("filesystem");
    assertThat(storage.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY))
        .isEqualTo("s3://mobility-state/checkpoints");
  }

  @Test
  void rocksDbWithFullCheckpoints() throws Exception {
    Configuration backend =
        ZoneFlowPipeline.stateBackend(
            load(RUN + "checkpoints: {state_backend: rocksdb, incremental: false}\n")
                .checkpoints());

    assertThat(backend.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
    assertThat(backend.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isFalse();
  }

  @Test
  void byDefaultTheHeapWithFullCheckpointsBesideTheFileAndNoSavepointFolder() throws Exception {
    MobiflowConfig.Checkpoints checkpoints = load(RUN).checkpoints();

    Configuration backend = ZoneFlowPipeline.stateBackend(checkpoints);
    assertThat(backend.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("hashmap");
    assertThat(backend.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isFalse();
    assertThat(backend.contains(CheckpointingOptions.SAVEPOINT_DIRECTORY)).isFalse();
    // a bare path is a folder beside the configuration file, as a file URL
    assertThat(
            ZoneFlowPipeline.checkpointStorage(checkpoints)
                .get(CheckpointingOptions.CHECKPOINTS_DIRECTORY))
        .isEqualTo(dir.resolve("checkpoints").toUri().toString());
  }

  @Test
  void aFolderOfTheCheckpointsIsRelativeToTheFile() throws Exception {
    MobiflowConfig.Checkpoints checkpoints =
        load(RUN + "checkpoints: {dir: state/cp, savepoint_dir: ../savepoints}\n").checkpoints();

    assertThat(checkpoints.dir()).isEqualTo(dir.resolve("state/cp").toUri());
    assertThat(Path.of(checkpoints.savepointDir()))
        .isEqualTo(dir.getParent().resolve("savepoints"));
  }

  @Test
  void aRunCarriesTheBackendInItsJobConfigurationAndTheStorageWhenItCheckpoints() throws Exception {
    MobiflowConfig config =
        load(
            RUN + "checkpoints: {state_backend: rocksdb, dir: 's3://b/cp', interval_seconds: 7}\n");
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    ZoneFlowPipeline.builder(config)
        .places(
            new Places(List.of(ReplayRun.box("Z", 0, 0, 1, 1)), List.of(), List.of(), List.of()))
        .build(env);

    Configuration job = env.getStreamGraph().getJobConfiguration();
    assertThat(job.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
    assertThat(job.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
    assertThat(job.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isEqualTo("s3://b/cp");
    assertThat(env.getCheckpointInterval()).isEqualTo(7000);
  }

  @Test
  void aBadValueIsOneLineNamingItsKey() {
    assertOneLine(
        "checkpoints: {state_backend: rocks}",
        "key 'checkpoints.state_backend' must be hashmap or rocksdb, not 'rocks'");
    assertOneLine(
        "checkpoints: {incremental: 1}", "key 'checkpoints.incremental' must be true or false");
    assertOneLine(
        "checkpoints: {dir: 's3://my bucket/cp'}",
        "key 'checkpoints.dir' is not a valid URL: Illegal character in authority");
    assertOneLine(
        "checkpoints: {savepoint_dir: 'file:savepoints'}",
        "key 'checkpoints.savepoint_dir' must be a path, or a URL such as");
    assertOneLine(
        "checkpoints: {dir: 'file://cp/x'}",
        "key 'checkpoints.dir' must be a path, or a URL such as");
    assertOneLine(
        "job: {parallelism: 200}", "key 'job.parallelism' must be a whole number in 0..128");
    assertOneLine(
        "kafka: {bootstrap_servers: 'k:9092', source_parallelism: -1}",
        "key 'kafka.source_parallelism' must be a whole number in 0..128");
  }

  private void assertOneLine(String yaml, String message) {
    assertThatThrownBy(() -> load(RUN + yaml + "\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(e.getMessage().lines()).hasSize(1));
  }

  private MobiflowConfig load(String yaml) throws Exception {
    return ConfigLoader.load(Files.writeString(dir.resolve("run.yaml"), yaml));
  }
}
