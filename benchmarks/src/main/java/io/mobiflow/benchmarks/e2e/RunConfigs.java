package io.mobiflow.benchmarks.e2e;

import io.mobiflow.connectors.kafka.RawTopics;
import io.mobiflow.jobs.config.MobiflowConfig;
import io.mobiflow.jobs.zoneflow.SpatialUnit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The configurations of the harness's runs, derived from the input's: the same places, window,
 * limits and privacy; zones only (the suggestions when asked); outputs, checkpoints and Kafka
 * settings of the run.
 */
final class RunConfigs {

  private RunConfigs() {}

  /**
   * The input's run from its snapshot files to JSON lines in {@code out} (the zone flows in {@code
   * out/zone-flows/}, the dead letters in {@code out/dead-letters/}), checkpoints in {@code
   * checkpoints}.
   */
  static MobiflowConfig backfill(
      MobiflowConfig input, Path out, Path checkpoints, boolean suggestions) {
    return with(
        input,
        input.kafka(),
        input.topics(),
        input.sources(),
        new MobiflowConfig.Outputs(
            out, null, out, Set.of(SpatialUnit.ZONE), Set.of(SpatialUnit.ZONE)),
        checkpoints,
        suggestions);
  }

  /**
   * The input's run {@code name} from the raw topics {@code raw} on {@code bootstrapServers} (from
   * the earliest offsets: a consumer group of its own) to the topics {@code name.zone-flows},
   * {@code name.dead-letters} exactly once.
   */
  static MobiflowConfig kafka(
      MobiflowConfig input, String bootstrapServers, RawTopics raw, String name, Path checkpoints) {
    MobiflowConfig.Kafka kafka =
        new MobiflowConfig.Kafka(bootstrapServers, Map.of(), name, name, Duration.ofSeconds(10), 0);
    MobiflowConfig.Topics topics =
        new MobiflowConfig.Topics(
            raw,
            name + ".zone-flows",
            name + ".",
            name + ".dead-letters",
            name + ".feed-health",
            name + ".suggestions");
    return with(
        input,
        kafka,
        topics,
        new MobiflowConfig.Sources(null, List.of()),
        new MobiflowConfig.Outputs(
            null, null, null, Set.of(SpatialUnit.ZONE), Set.of(SpatialUnit.ZONE)),
        checkpoints,
        false);
  }

  private static MobiflowConfig with(
      MobiflowConfig input,
      MobiflowConfig.Kafka kafka,
      MobiflowConfig.Topics topics,
      MobiflowConfig.Sources sources,
      MobiflowConfig.Outputs outputs,
      Path checkpoints,
      boolean suggestions) {
    if (suggestions && input.suggestions() == null) {
      throw new IllegalArgumentException(input.file() + " configures no suggestions");
    }
    MobiflowConfig.Checkpoints configured = input.checkpoints();
    return new MobiflowConfig(
        input.file(),
        kafka,
        topics,
        input.places(),
        input.window(),
        0, // the harness sets the parallelism of each run
        new MobiflowConfig.Checkpoints(
            configured.interval(),
            checkpoints.toUri(),
            null,
            configured.stateBackend(),
            configured.incremental()),
        List.of(),
        sources,
        outputs,
        suggestions ? input.suggestions() : null,
        input.limits(),
        input.retention(),
        input.privacy());
  }
}
