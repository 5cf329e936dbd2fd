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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backfill harness on ten simulated demo minutes of the morning peak: the job and the baseline
 * read every snapshot and event of the input (counted here by decoding the files), and wrote
 * indicators of the same zones and windows.
 */
class HarnessSmokeITCase {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path work;

  @Test
  void jobAndBaselineReadTheSameInputAndCoverTheSameZonesAndWindows() throws Exception {
    Workload workload =
        Workload.demo(work.resolve("input"), LocalTime.of(7, 30), Duration.ofMinutes(10));
    Input input = decode(work.resolve("input").resolve("feeds"));
    assertThat(input.snapshots()).isPositive();
    assertThat(input.events()).isPositive();

    List<Measurement> runs = Backfill.run(workload, List.of(1), work, false);

    assertThat(runs)
        .extracting(Measurement::pipeline)
        .containsExactly(Measurement.DECODERS, Measurement.JOB, Measurement.BASELINE);
    assertThat(runs).allSatisfy(run -> assertThat(run.snapshots()).isEqualTo(input.snapshots()));
    assertThat(runs).allSatisfy(run -> assertThat(run.events()).isEqualTo(input.events()));
    Path job = work.resolve("p1").resolve("job").resolve(Backfill.JOB_FLOWS);
    Path baseline = work.resolve("p1").resolve("baseline");
    Set<String> jobWindows = windows(job, "unitId", "windowStart");
    Set<String> baselineWindows = windows(baseline, "zone_id", "window_start");
    assertThat(jobWindows).hasSizeGreaterThan(10).isEqualTo(baselineWindows);
    assertThat(runs.get(1).outputRecords()).isEqualTo(jobWindows.size()); // one per zone, window
    assertThat(runs.get(2).outputRecords()).isGreaterThanOrEqualTo(baselineWindows.size());
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

  /** The distinct {@code zone@window start} of the JSON lines in {@code dir}. */
  private static Set<String> windows(Path dir, String zone, String start) throws IOException {
    Set<String> windows = new HashSet<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).toList()) {
        for (String line : Files.readAllLines(file)) {
          JsonNode record = JSON.readTree(line);
          windows.add(record.get(zone).asText() + "@" + record.get(start).asText());
        }
      }
    }
    return windows;
  }
}
