package io.mobiflow.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mobiflow.connectors.HostileFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memory test: {@code mobiflow run} on inputs made to exhaust the heap gives one clear result
 * each, in a JVM started as the {@code ./mobiflow} launcher starts it (its {@code -Xmx} and JVM
 * options, its log configuration), so that an OutOfMemoryError there is the user's, not the test
 * JVM's, and a job that restarts forever is cut by the timeout. The inputs are made on the spot
 * without disk or memory to speak of: a sparse 1 GiB file, GTFS zips of 3 GB of repeated bytes (a
 * few MB compressed).
 *
 * <p>Before the limits, under the same heap: the 1 GiB file kept the job at "0 of 2 snapshots"
 * until the 300 s timeout (out of memory, restarted); the 3 GB zip bomb ended with {@code mobiflow
 * run: -2147483648} (a buffer doubled past 2 GiB), exit 1; the 100 M bad rows with {@code
 * OutOfMemoryError: Java heap space} on stderr after 85 s, exit 1.
 */
class HostileInputsITCase {

  private static final long TIMEOUT_SECONDS = 300;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** A 1 GiB file among sources.files: one TOO_LARGE dead letter; the good file is counted. */
  @Test
  void aOneGigabyteFileIsOneDeadLetterAndTheRunFinishes() throws Exception {
    HostileFiles.sparse(dir.resolve("big.csv"), 1L << 30);
    Path config =
        config(
            "",
            "    - {path: big.csv, kind: counter_csv, feed_id: counters}\n"
                + "    - {path: good.csv, kind: counter_csv, feed_id: counters}\n");

    LauncherProcess.Result run = mobiflowRun(config);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).doesNotContain("OutOfMemoryError").doesNotContain("\tat ");
    List<JsonNode> deadLetters = jsonLines(dir.resolve("out/dead-letters"));
    assertThat(deadLetters).hasSize(1);
    JsonNode deadLetter = deadLetters.get(0);
    assertThat(deadLetter.path("reason").asText()).isEqualTo("TOO_LARGE");
    assertThat(deadLetter.path("source").path("file").asText()).isEqualTo("big.csv");
    assertThat(deadLetter.path("detail").asText())
        .isEqualTo("1073741824 bytes, over the limit of 67108864"); // 2^30; 64 MiB = 2^26
    // good.csv: two readings of site S1, in zone Z
    assertThat(jsonLines(dir.resolve("out/zone-flows")))
        .extracting(f -> f.path("counterReadings").asLong())
        .containsOnly(2L);
  }

  /** A GTFS zip whose stop_times.txt is 3 GB of one repeated byte: one line, exit 2. */
  @Test
  void aZipBombAsTheGtfsIsOneClearErrorLine() throws Exception {
    assertRefusedAsZipBomb("x", 3_000_000_000L);
  }

  /**
   * The "8 MB GTFS zip of 100 M bad stop_times rows", which kept a problem per row: it is
   * refused by its ratio too, before any row is read.
   */
  @Test
  void aZipOfAHundredMillionBadRowsIsOneClearErrorLine() throws Exception {
    String row = "GHOST,06:00:00,06:00:00,X,1\n"; // a trip the feed does not have
    assertRefusedAsZipBomb(row, 100_000_000L * row.length());
  }

  private void assertRefusedAsZipBomb(String row, long bytes) throws Exception {
    Path zip = dir.resolve("gtfs.zip");
    long written = HostileFiles.gtfsZip(zip, row, bytes);
    assertThat(Files.size(zip)).as("compressed").isLessThan(10_000_000);
    Path config =
        config(
            "  gtfs: gtfs.zip\n", "    - {path: good.csv, kind: counter_csv, feed_id: counters}\n");

    LauncherProcess.Result run = mobiflowRun(config);

    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err().lines())
        .singleElement()
        .asString()
        .startsWith("mobiflow run: " + config + ": key 'places': GTFS feed " + zip)
        .contains("stop_times.txt inflates to " + written + " bytes (declared)")
        .contains("a ratio of ")
        .endsWith("over the limit of 100 (a zip bomb?)");
  }

  /**
   * Zone Z around site S1, and good.csv with two readings of S1 a minute apart, at the start of
   * this hour (one 5-minute window, near the file's fetch time: its modification time).
   */
  private Path config(String extraPlaces, String files) throws IOException {
    Files.writeString(
        dir.resolve("zones.geojson"),
        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":"
            + "{\"id\":\"Z\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
            + "[[[0.7,45.1],[0.8,45.1],[0.8,45.2],[0.7,45.2],[0.7,45.1]]]}}]}");
    Files.writeString(dir.resolve("sites.csv"), "site_id,name,lat,lon\nS1,S1,45.15,0.75\n");
    Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
    Files.writeString(
        dir.resolve("good.csv"),
        "sensor_id,timestamp,flow_veh_h,occupancy_pct,speed_kmh\n"
            + ("S1," + hour + ",600,10,50\n")
            + ("S1," + hour.plusSeconds(60) + ",660,11,48\n"));
    return Files.writeString(
        dir.resolve("mobiflow.yaml"),
        "places:\n  zones: zones.geojson\n  counter_sites: sites.csv\n"
            + extraPlaces
            + "sources:\n  files:\n"
            + files
            + "outputs:\n  json_lines: out\n");
  }

  /** {@code mobiflow run --config config} as the launcher runs it. */
  private LauncherProcess.Result mobiflowRun(Path config) throws Exception {
    return LauncherProcess.run(
        dir, Map.of(), Duration.ofSeconds(TIMEOUT_SECONDS), "run", "--config", config.toString());
  }

  private static List<JsonNode> jsonLines(Path folder) throws IOException {
    List<JsonNode> records = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.sorted().toList()) {
        for (String line : Files.readAllLines(file)) {
          records.add(JSON.readTree(line));
        }
      }
    }
    return records;
  }
}
