package io.mobiflow.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.feeds.FeedFormats;
import io.mobiflow.connectors.source.SnapshotDirectory;
import io.mobiflow.connectors.source.SnapshotFile;
import io.mobiflow.jobs.zoneflow.ZoneFlowJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backfill harness on six simulated demo minutes of the morning peak: the job and the baseline
 * read every snapshot and event of the input (counted here by decoding the files), and wrote
 * indicators of the same zones and windows.
 */
class HarnessSmokeITCase {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The zone flows' counts of the observations the baseline measures too. */
  private static final List<String> OBSERVED =
      List.of("counterReadings", "vehiclePositions", "stopTimeUpdates", "stationReports");

  @TempDir Path work;

  @Test
  void jobAndBaselineReadTheSameInputAndCoverTheSameZonesAndWindows() throws Exception {
    Workload workload =
        Workload.demo(work.resolve("input"), LocalTime.of(7, 30), Duration.ofMinutes(6));
    Input input = decode(work.resolve("input").resolve("feeds"));
    assertThat(input.snapshots()).isPositive();
    assertThat(input.events()).isPositive();

    List<Measurement> runs = Backfill.run(workload, List.of(1), work, false);

    assertThat(runs)
        .extracting(Measurement::pipeline)
        .containsExactly(Measurement.DECODERS, Measurement.JOB, Measurement.BASELINE);
    assertThat(runs).allSatisfy(run -> assertThat(run.snapshots()).isEqualTo(input.snapshots()));
    assertThat(runs).allSatisfy(run -> assertThat(run.events()).isEqualTo(input.events()));
    List<JsonNode> jobFlows =
        records(work.resolve("p1").resolve("job").resolve(Backfill.JOB_FLOWS));
    List<JsonNode> baselineRecords = records(work.resolve("p1").resolve("baseline"));
    assertThat(runs.get(1).outputRecords()).isEqualTo(jobFlows.size());
    assertThat(runs.get(2).outputRecords()).isEqualTo(baselineRecords.size());
    // the job's windows with observations the baseline measures too: not those with departures
    // only (their event time is the predicted one) or pick-ups and drop-offs only
    Set<String> jobWindows = new HashSet<>();
    for (JsonNode flow : jobFlows) {
      if (OBSERVED.stream().anyMatch(count -> flow.get(count).asLong() > 0)) {
        jobWindows.add(flow.get("unitId").asText() + "@" + flow.get("windowStart").asText());
      }
    }
    Set<String> baselineWindows = new HashSet<>();
    for (JsonNode record : baselineRecords) {
      baselineWindows.add(
          record.get("zone_id").asText() + "@" + record.get("window_start").asText());
    }
    assertThat(jobWindows).hasSizeGreaterThan(10).isEqualTo(baselineWindows);
  }

  /** The snapshots of the kinds the job reads and the events their decoders accept. */
  private record Input(long snapshots, long events) {}

  private static Input decode(Path feeds) throws IOException {
    long snapshots = 0;
    long events = 0;
    for (SnapshotFile file : SnapshotDirectory.scan(feeds)) {
      if (ZoneFlowJob.FEED_KINDS.contains(file.kind())) {
        snapshots++;
        for (Decoded<?> decoded : FeedFormats.of(file.kind()).decoder().decode(file.read())) {
          events += decoded.isOk() ? 1 : 0;
        }
      }
    }
    return new Input(snapshots, events);
  }

  /** The JSON lines of the part files in {@code dir}. */
  private static List<JsonNode> records(Path dir) throws IOException {
    List<JsonNode> records = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).toList()) {
        for (String line : Files.readAllLines(file)) {
          records.add(JSON.readTree(line));
        }
      }
    }
    return records;
  }
}
