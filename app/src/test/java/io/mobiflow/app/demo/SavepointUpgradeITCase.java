package io.mobiflow.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.connectors.sink.JsonLinesFileSink;
import io.mobiflow.connectors.source.SnapshotDirectory;
import io.mobiflow.connectors.source.SnapshotFile;
import io.mobiflow.connectors.source.SnapshotReplaySource;
import io.mobiflow.jobs.config.MobiflowConfig;
import io.mobiflow.jobs.run.PipelineHooks;
import io.mobiflow.jobs.run.ZoneFlowPipeline;
import io.mobiflow.jobs.testing.TestConfigs;
import io.mobiflow.jobs.zoneflow.OtherDeclarations;
import io.mobiflow.jobs.zoneflow.SpatialUnit;
import io.mobiflow.jobs.zoneflow.ZoneFlowJob;
import io.mobiflow.jobs.zoneflow.indicators.Indicators;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.zip.GZIPInputStream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Savepoints survive upgrades: the savepoint the build of 36ce799 took half-way through 40 minutes
 * of the demo (seed 42; {@code savepoints/0.1-36ce799/HOW.md}) restores into this build, and what
 * the 0.1 job wrote before it stopped plus what this build writes after the restore equals, record
 * for record, an uninterrupted run of this build: flows of every unit, dead letters and
 * suggestions. Also when this build declares one more measure, at the end or first. In the app
 * module because it needs the demo city; in DemoRun's package for its pseudonym key.
 *
 * <p>The job is wired as DemoRun wires it (the flow tables left out, their units written as JSON
 * lines instead), as the savepoint was made.
 */
class SavepointUpgradeITCase {

  private static final Path SAVEPOINT_0_1 = Path.of("src/test/resources/savepoints/0.1-36ce799");
  private static final long SEED = 42;
  private static final LocalDate DATE = LocalDate.of(2026, 1, 13);

  /** The outputs compared: a JSON-lines directory each. */
  private static final List<String> OUTPUTS =
      List.of(
          "zone-flows",
          "counter-site-flows",
          "stop-flows",
          "route-flows",
          "dead-letters",
          "suggestions");

  @TempDir static Path work;

  private static DemoCity city;
  private static Path gtfs;
  private static List<SnapshotFile> files;
  private static Path savepoint;
  private static Path part1;

  @BeforeAll
  static void runUninterrupted() throws Exception {
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
    savepoint = gunzip(SAVEPOINT_0_1.resolve("savepoint"), work.resolve("savepoint"));
    part1 = gunzip(SAVEPOINT_0_1.resolve("part-1"), work.resolve("part-1"));
    run(work.resolve("uninterrupted"), null, UnaryOperator.identity());
  }

  @Test
  void aRestoredRunWritesWhatAnUninterruptedOneWrites() throws Exception {
    run(work.resolve("restored"), savepoint, UnaryOperator.identity());
    assertSameRecords(work.resolve("restored"));
  }

  @Test
  void aMeasureDeclaredAfterTheOthersRestoresTheSavepoint() throws Exception {
    List<String> appended = new ArrayList<>(Indicators.SLOT_IDS);
    appended.add("probe_measure");
    run(work.resolve("appended"), savepoint, job -> OtherDeclarations.sumsLaidOutAs(job, appended));
    assertSameRecords(work.resolve("appended"));
  }

  @Test
  void aMeasureDeclaredBeforeTheOthersRestoresTheSavepoint() throws Exception {
    List<String> inserted = new ArrayList<>(List.of("probe_measure"));
    inserted.addAll(Indicators.SLOT_IDS);
    run(work.resolve("inserted"), savepoint, job -> OtherDeclarations.sumsLaidOutAs(job, inserted));
    assertSameRecords(work.resolve("inserted"));
  }

  /** Part 1 (the 0.1 job's) plus part 2 (this build's, in {@code restored}), sorted, per output. */
  private static void assertSameRecords(Path restored) throws IOException {
    for (String output : OUTPUTS) {
      List<String> both = new ArrayList<>(lines(part1.resolve(output)));
      both.addAll(lines(restored.resolve(output)));
      List<String> uninterrupted = lines(work.resolve("uninterrupted").resolve(output));
      assertThat(both.stream().sorted().toList())
          .as(output)
          .isEqualTo(uninterrupted.stream().sorted().toList());
    }
    assertThat(lines(part1.resolve("zone-flows"))).isNotEmpty(); // the savepoint was mid-run
    assertThat(lines(restored.resolve("zone-flows"))).isNotEmpty();
  }

  private static void run(Path out, Path restoreFrom, UnaryOperator<ZoneFlowJob> declaration)
      throws Exception {
    Configuration config = new Configuration();
    config.set(PipelineOptions.GENERIC_TYPES, false);
    if (restoreFrom != null) {
      config.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom.toUri().toString());
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, config);
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
            """
                .formatted(gtfs.toAbsolutePath()));
    ZoneFlowPipeline.Builder pipeline =
        ZoneFlowPipeline.builder(settings)
            .places(city.places())
            .source(SnapshotReplaySource.of(files))
            .deadLetterSink(new JsonLinesFileSink<>(out.resolve("dead-letters")))
            .suggestionSink(new JsonLinesFileSink<>(out.resolve("suggestions")));
    for (SpatialUnit unit :
        List.of(SpatialUnit.ZONE, SpatialUnit.COUNTER_SITE, SpatialUnit.STOP, SpatialUnit.ROUTE)) {
      pipeline.flowSink(unit, new JsonLinesFileSink<>(out.resolve(unit.slug() + "-flows")));
    }
    PipelineHooks.withJob(pipeline, declaration).build(env);
    env.execute("savepoint upgrade");
  }

  /** The gzipped files under {@code from}, gunzipped into {@code to}, same relative paths. */
  private static Path gunzip(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path gz : all.filter(p -> p.toString().endsWith(".gz")).toList()) {
        String name = from.relativize(gz).toString();
        Path target = to.resolve(name.substring(0, name.length() - ".gz".length()));
        Files.createDirectories(target.getParent());
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
          Files.copy(in, target);
        }
      }
    }
    return to;
  }

  private static List<String> lines(Path directory) throws IOException {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> parts = Files.list(directory)) {
      for (Path part : parts.sorted().toList()) {
        lines.addAll(Files.readAllLines(part, StandardCharsets.UTF_8));
      }
    }
    return lines;
  }
}
