package io.mobiflow.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.app.testing.GzippedFiles;
import io.mobiflow.connectors.common.FeedDecoder;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.sink.JsonLinesFileSink;
import io.mobiflow.connectors.source.SnapshotDirectory;
import io.mobiflow.connectors.source.SnapshotFile;
import io.mobiflow.connectors.source.SnapshotReplaySource;
import io.mobiflow.jobs.config.MobiflowConfig;
import io.mobiflow.jobs.run.PipelineHooks;
import io.mobiflow.jobs.run.ZoneFlowPipeline;
import io.mobiflow.jobs.testing.TestConfigs;
import io.mobiflow.jobs.zoneflow.SpatialUnit;
import io.mobiflow.jobs.zoneflow.ZoneFlowJob;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.FileUtils;

/**
 * The 40 minutes of the demo (seed 42) in which the build of 36ce799 took the savepoint kept in
 * {@code savepoints/0.1-36ce799/} (its {@code HOW.md}), that savepoint and what the 0.1 job wrote
 * before it (part 1), and one uninterrupted run of this build on the heap: made once per test JVM
 * in {@code target/savepoint-demo}, for the tests that restore the savepoint or compare a run with
 * the uninterrupted one.
 *
 * <p>The job is wired as DemoRun wires it (the flow tables left out, their units written as JSON
 * lines instead), as the savepoint was made, at parallelism 1.
 */
final class SavepointDemo {

  private static final Path SAVEPOINT_0_1 = Path.of("src/test/resources/savepoints/0.1-36ce799");
  private static final long SEED = 42;
  private static final LocalDate DATE = LocalDate.of(2026, 1, 13);

  /** The outputs compared: a JSON-lines directory each. */
  static final List<String> OUTPUTS =
      List.of(
          "zone-flows",
          "counter-site-flows",
          "stop-flows",
          "route-flows",
          "dead-letters",
          "suggestions");

  private static SavepointDemo demo;

  private final Path work;
  private final DemoCity city;
  private final Path gtfs;
  private final List<SnapshotFile> files;
  private final Path savepoint;
  private final Path part1;

  private SavepointDemo(Path work) throws Exception {
    this.work = work;
    city = DemoData.perigueux(DATE);
    gtfs = DemoData.writePeribus(work.resolve("peribus-gtfs.zip"));
    SimulationSettings settings =
        SimulationSettings.typical(
            SEED,
            DATE.atTime(LocalTime.of(7, 0)).atZone(city.timetable().timeZone()).toInstant(),
            Duration.ofMinutes(40));
    FeedSimulator.run(city, settings, work.resolve("feeds"));
    files = SnapshotDirectory.scan(work.resolve("feeds"));
    assertThat(files).hasSize(248); // as when the savepoint was made
    savepoint =
        GzippedFiles.gunzipAll(SAVEPOINT_0_1.resolve("savepoint"), work.resolve("savepoint"));
    part1 = GzippedFiles.gunzipAll(SAVEPOINT_0_1.resolve("part-1"), work.resolve("part-1"));
    run(uninterrupted(), null, UnaryOperator.identity());
  }

  /** The demo, made on the first call. */
  static synchronized SavepointDemo get() throws Exception {
    if (demo == null) {
      Path work = Path.of("target", "savepoint-demo").toAbsolutePath();
      FileUtils.deleteDirectoryQuietly(work.toFile());
      Files.createDirectories(work);
      demo = new SavepointDemo(work);
    }
    return demo;
  }

  /** The savepoint of 0.1, half-way through the 40 minutes. */
  Path savepoint() {
    return savepoint;
  }

  /** The outputs of the uninterrupted run of this build, on the heap without checkpoints. */
  Path uninterrupted() {
    return work.resolve("uninterrupted");
  }

  /**
   * Runs this build's job over the 40 minutes into {@code out} without checkpoints, from {@code
   * restoreFrom} if not {@code null}, its declarations changed by {@code declaration}.
   */
  void run(Path out, Path restoreFrom, UnaryOperator<ZoneFlowJob> declaration) throws Exception {
    run(out, restoreFrom, declaration, null);
  }

  /**
   * Runs this build's job as {@link #run(Path, Path, UnaryOperator)} does, in the test's Flink
   * environment (its MiniCluster if it registers one); with {@code checkpoints} (the YAML of a
   * {@code checkpoints:} section, {@code null}: none) it checkpoints as they say, its source
   * emitting a quarter of the files per checkpoint, so that the run completes a checkpoint before
   * each further quarter. Returns the job's id.
   */
  JobID run(Path out, Path restoreFrom, UnaryOperator<ZoneFlowJob> declaration, String checkpoints)
      throws Exception {
    Configuration config = new Configuration();
    config.set(PipelineOptions.GENERIC_TYPES, false);
    if (restoreFrom != null) {
      config.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom.toUri().toString());
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
    env.setParallelism(1);
    Files.createDirectories(out);
    Files.writeString(out.resolve("pseudonym.key"), DemoConfig.pseudonymKey(SEED));
    MobiflowConfig settings =
        TestConfigs.load(
            out,
            city.zones(),
            """
            places:
              zones: zones.geojson
              gtfs: %s
              resolve_trip_updates: false
            suggestions: {}
            outputs:
              units: [zone, counter-site, stop, route]
            privacy:
              key_file: pseudonym.key
            %s
            """
                .formatted(
                    gtfs.toAbsolutePath(),
                    checkpoints == null ? "" : "checkpoints:" + checkpoints));
    Source<FeedSnapshot, ?, ?> source = SnapshotReplaySource.of(files);
    if (checkpoints != null) {
      env.enableCheckpointing(
          settings.checkpoints().interval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
      env.configure(ZoneFlowPipeline.checkpointStorage(settings.checkpoints()));
      source =
          new DataGeneratorSource<>(
              new Read(files),
              files.size(),
              RateLimiterStrategy.perCheckpoint(files.size() / 4),
              TypeInformation.of(FeedSnapshot.class));
    }
    ZoneFlowPipeline.Builder pipeline =
        ZoneFlowPipeline.builder(settings)
            .places(city.places())
            .source(source)
            .deadLetterSink(new JsonLinesFileSink<>(out.resolve("dead-letters")))
            .suggestionSink(new JsonLinesFileSink<>(out.resolve("suggestions")));
    for (SpatialUnit unit :
        List.of(SpatialUnit.ZONE, SpatialUnit.COUNTER_SITE, SpatialUnit.STOP, SpatialUnit.ROUTE)) {
      pipeline.flowSink(unit, new JsonLinesFileSink<>(out.resolve(unit.slug() + "-flows")));
    }
    PipelineHooks.withJob(pipeline, declaration).build(env);
    return env.execute("savepoint demo").getJobID();
  }

  /** Part 1 (the 0.1 job's) plus part 2 ({@code restored}), sorted, equal the uninterrupted run. */
  void assertRestoredWritesWhatAnUninterruptedRunWrites(Path restored) throws IOException {
    for (String output : OUTPUTS) {
      List<String> both = new ArrayList<>(lines(part1.resolve(output)));
      both.addAll(lines(restored.resolve(output)));
      assertThat(both.stream().sorted().toList())
          .as(output)
          .isEqualTo(lines(uninterrupted().resolve(output)).stream().sorted().toList());
    }
    assertThat(lines(part1.resolve("zone-flows"))).isNotEmpty(); // the savepoint was mid-run
    assertThat(lines(restored.resolve("zone-flows"))).isNotEmpty();
  }

  /** The whole run in {@code out}, sorted, equals the uninterrupted run, output for output. */
  void assertWritesWhatTheUninterruptedRunWrites(Path out) throws IOException {
    assertSameRecords(out, uninterrupted());
  }

  /** Two runs wrote the same records, sorted, in every output; some zone flows. */
  static void assertSameRecords(Path run, Path other) throws IOException {
    for (String output : OUTPUTS) {
      assertThat(lines(run.resolve(output)).stream().sorted().toList())
          .as(output)
          .isEqualTo(lines(other.resolve(output)).stream().sorted().toList());
    }
    assertThat(lines(run.resolve("zone-flows"))).isNotEmpty();
  }

  /** The lines of {@code directory}'s files; of a flows folder, its final records. */
  private static List<String> lines(Path directory) throws IOException {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> parts = Files.list(directory)) {
      for (Path part : parts.sorted().toList()) {
        lines.addAll(Files.readAllLines(part, StandardCharsets.UTF_8));
      }
    }
    return DemoOutputs.finals(directory, lines);
  }

  /** The n-th file as the n-th snapshot, as {@link SnapshotReplaySource} reads it. */
  private record Read(List<SnapshotFile> files) implements GeneratorFunction<Long, FeedSnapshot> {
    @Override
    public FeedSnapshot map(Long index) {
      return files.get(index.intValue()).read(FeedDecoder.DEFAULT_MAX_BYTES);
    }
  }
}
