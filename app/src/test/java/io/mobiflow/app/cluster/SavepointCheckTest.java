package io.mobiflow.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mobiflow.app.demo.DemoCity;
import io.mobiflow.app.demo.DemoData;
import io.mobiflow.app.testing.GzippedFiles;
import io.mobiflow.jobs.config.MobiflowConfig;
import io.mobiflow.jobs.run.ZoneFlowPipeline;
import io.mobiflow.jobs.testing.SavepointContents;
import io.mobiflow.jobs.testing.TestConfigs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A savepoint is checked against the job graph before submission: the 0.1 savepoint ({@code
 * savepoints/0.1-36ce799}, the demo-shaped job with zone, counter-site, stop and route flows)
 * matches the graph of the same job, and the graph of the job without suggestions leaves the state
 * of their operators without an operator: one line naming the first of them by uid and id.
 */
class SavepointCheckTest {

  private static final Path SAVEPOINT_0_1 =
      Path.of("src/test/resources/savepoints/0.1-36ce799/savepoint");

  @TempDir static Path work;

  private static DemoCity city;
  private static Path gtfs;
  private static String savepoint;

  @BeforeAll
  static void unpack() throws IOException {
    city = DemoData.perigueux(LocalDate.of(2026, 1, 13));
    gtfs = DemoData.writePeribus(work.resolve("peribus-gtfs.zip"));
    savepoint = GzippedFiles.gunzipAll(SAVEPOINT_0_1, work.resolve("savepoint")).toString();
  }

  @Test
  void theSavepointMatchesTheJobItWasTakenFrom() throws IOException {
    assertThat(SavepointCheck.mismatch(savepoint, graph(true).job())).isEmpty();
  }

  @Test
  void aJobWithoutSuggestionsLeavesTheirStateWithoutOperatorInOneLine() throws IOException {
    Graph all = graph(true);
    Graph withoutSuggestions = graph(false);
    // Expected, independently: the uids only the full job has, that hold state in the savepoint.
    List<String> dropped = new ArrayList<>(all.uids());
    dropped.removeAll(withoutSuggestions.uids());
    List<String> stateful =
        dropped.stream()
            .filter(SavepointContents.read(Path.of(savepoint), dropped).states()::containsKey)
            .sorted()
            .toList();
    assertThat(stateful).contains("stop-suggestions", "zone-suggestions");

    Optional<String> mismatch = SavepointCheck.mismatch(savepoint, withoutSuggestions.job());

    String first = stateful.get(0);
    String more = stateful.size() == 1 ? "" : " (and " + (stateful.size() - 1) + " more)";
    assertThat(mismatch)
        .hasValue(
            "savepoint "
                + savepoint
                + " does not match this job: state of operator '"
                + first
                + "' ("
                + SavepointContents.operatorId(first).toHexString()
                + ")"
                + more
                + " has no operator here; use --allow-non-restored-state to drop it");
  }

  @Test
  void noSavepointThereIsAnIoErrorNamingThePath() {
    String nowhere = work.resolve("nowhere").toString();
    assertThatThrownBy(() -> SavepointCheck.mismatch(nowhere, graph(false).job()))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("no savepoint at " + nowhere);
  }

  /** A job graph and the uids of its stream graph. */
  private record Graph(JobGraph job, List<String> uids) {}

  /** The demo-shaped job the 0.1 savepoint was taken from, with or without suggestions, not run. */
  private static Graph graph(boolean suggestions) throws IOException {
    Path dir = Files.createTempDirectory(work, "job-");
    Files.createDirectories(dir.resolve("feeds"));
    Files.writeString(dir.resolve("pseudonym.key"), "a key of more than sixteen bytes");
    MobiflowConfig config =
        TestConfigs.load(
            dir,
            city.zones(),
            """
            places:
              zones: zones.geojson
              gtfs: %s
              resolve_trip_updates: false
            sources:
              snapshots: feeds
            %s
            outputs:
              json_lines: out
              units: [zone, counter-site, stop, route]
            privacy:
              key_file: pseudonym.key
            """
                .formatted(gtfs.toAbsolutePath(), suggestions ? "suggestions: {}" : ""));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    ZoneFlowPipeline.builder(config).places(city.places()).build(env);
    StreamGraph stream = env.getStreamGraph();
    List<String> uids =
        stream.getStreamNodes().stream().map(StreamNode::getTransformationUID).toList();
    return new Graph(stream.getJobGraph(), uids);
  }
}
