package io.mobiflow.jobs.zoneflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.connectors.common.FeedDecoder;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.source.SnapshotFile;
import io.mobiflow.jobs.config.MobiflowConfig;
import io.mobiflow.jobs.run.ZoneFlowPipeline;
import io.mobiflow.jobs.testing.CaltrainCorridor;
import io.mobiflow.jobs.testing.CollectingSink;
import io.mobiflow.jobs.testing.SavepointContents;
import io.mobiflow.jobs.testing.TestConfigs;
import io.mobiflow.jobs.zoneflow.match.Places;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state of every stateful operator of the zone-flow job (every unit and the suggestions), as a
 * savepoint of this build holds it: the states each operator keeps (DECISIONS D34 lists them and
 * how each evolves), none written by Kryo, whose bytes cannot evolve.
 */
class StateTypesTest {

  /**
   * Per operator uid, its states in name order; timers ({@code _timer_state/…}, keyed by the
   * operator's key and window or no namespace) left out.
   */
  private static final Map<String, List<String>> STATES =
      Map.ofEntries(
          Map.entry("feed-snapshots", List.of("SourceReaderState")),
          Map.entry("decode-match-counters", List.of("feed-clock")),
          Map.entry("decode-match-gtfs-rt-vehicle-positions", List.of("feed-clock")),
          Map.entry("decode-match-gtfs-rt-trip-updates", List.of("feed-clock")),
          Map.entry("decode-match-gbfs-station-status", List.of("feed-clock")),
          Map.entry("vehicle-changes", List.of("last-free-vehicle-snapshot")),
          Map.entry("counter-gate", List.of("seen-times")),
          Map.entry("vehicle-position-gate", List.of("seen-times")),
          Map.entry("stop-time-update-gate", List.of("seen-times")),
          Map.entry("vehicle-change-gate", List.of("seen-times")),
          Map.entry(
              "road-baseline", List.of("last-speed-time", "pending-readings", "speed-histogram")),
          Map.entry(
              "station-availability",
              List.of("emitted-until", "last-reported", "pending-reports", "station-report")),
          Map.entry("departures", List.of("predicted-departure")),
          Map.entry("headways", List.of("last-departure", "waiting-departures")),
          // a trigger's state is registered with its first use: only transit had samples here
          Map.entry("road-window", List.of("window-contents")),
          Map.entry("transit-window", List.of("early-timer", "window-contents")),
          Map.entry("shared-window", List.of("window-contents")),
          Map.entry("zone-flow-window", List.of("window-contents")),
          Map.entry(
              "stop-suggestions",
              List.of(
                  "active-suggestions",
                  "free-vehicle-snapshots",
                  "last-update",
                  "next-gap-check",
                  "pending-updates",
                  "station-reports")),
          Map.entry(
              "zone-suggestions",
              List.of("active-suggestions", "pending-zone-flows", "route-on-time-share")));

  @TempDir Path savepoints;
  @TempDir Path configDir;

  @Test
  void everyStatefulOperatorKeepsNamedStateNoneWrittenByKryo() throws Exception {
    Configuration config = new Configuration();
    config.set(PipelineOptions.GENERIC_TYPES, false);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, config);
    SnapshotFile positions =
        new SnapshotFile(
            CaltrainCorridor.VEHICLES.toAbsolutePath().toString(),
            "caltrain",
            FeedKind.GTFS_RT_VEHICLE_POSITIONS,
            Instant.parse("2026-01-13T07:00:00Z"));
    DataGeneratorSource<FeedSnapshot> oneThenWait =
        new DataGeneratorSource<>(
            new Read(positions),
            2,
            RateLimiterStrategy.perCheckpoint(1),
            TypeInformation.of(FeedSnapshot.class));
    MobiflowConfig settings =
        TestConfigs.load(
            configDir,
            CaltrainCorridor.zones(),
            """
            places:
              zones: zones.geojson
              gtfs: %s
              resolve_trip_updates: false
            suggestions: {}
            outputs:
              units: [zone, h3, station]
            """
                .formatted(CaltrainCorridor.GTFS.toAbsolutePath()));
    ZoneFlowPipeline.builder(settings)
        .places(new Places(CaltrainCorridor.zones(), List.of(), List.of(), List.of()))
        .source(oneThenWait)
        .flowSink(SpatialUnit.ZONE, new CollectingSink<>())
        .flowSink(SpatialUnit.H3, new CollectingSink<>())
        .flowSink(SpatialUnit.STATION, new CollectingSink<>())
        .deadLetterSink(new CollectingSink<>())
        .suggestionSink(new CollectingSink<>())
        .build(env);
    List<String> uids =
        env.getStreamGraph(false).getStreamNodes().stream()
            .map(StreamNode::getTransformationUID)
            .toList();
    JobClient job = env.executeAsync("state types");
    String savepoint = stopWithSavepoint(job);
    SavepointContents contents = SavepointContents.read(Path.of(URI.create(savepoint)), uids);
    assertThat(contents.kryoSerialized()).isEmpty();
    Map<String, List<String>> states = new TreeMap<>();
    contents
        .names()
        .forEach(
            (uid, names) ->
                states.put(
                    uid, names.stream().filter(n -> !n.startsWith("_timer_state/")).toList()));
    assertThat(states).isEqualTo(new TreeMap<>(STATES));
    // window sums carry the ids of their slots (D34), a POJO that evolves by field name
    assertThat(contents.pojoFields("zone-flow-window", "window-contents"))
        .contains("measureIds", "counts", "exactSums");
  }

  /** Stops the job with a savepoint once every task runs (they open at their own pace). */
  private String stopWithSavepoint(JobClient job) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (true) {
      try {
        return job.stopWithSavepoint(
                false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
            .get();
      } catch (ExecutionException notAllRunning) {
        if (System.nanoTime() > deadline) {
          throw notAllRunning;
        }
        Thread.sleep(500);
      }
    }
  }

  /** Reads one file for any index. */
  private record Read(SnapshotFile file) implements GeneratorFunction<Long, FeedSnapshot> {
    @Override
    public FeedSnapshot map(Long index) {
      return file.read(FeedDecoder.DEFAULT_MAX_BYTES);
    }
  }
}
