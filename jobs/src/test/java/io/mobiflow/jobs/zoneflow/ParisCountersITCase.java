package io.mobiflow.jobs.zoneflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.connectors.FlinkTests;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.common.Rejection;
import io.mobiflow.connectors.counters.model.CounterSite;
import io.mobiflow.connectors.counters.model.TrafficState;
import io.mobiflow.jobs.testing.ReplayRun;
import io.mobiflow.jobs.zoneflow.match.Places;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Paris archive of 2023 for arc 5672 (Convention), one year of hourly rows in no time
 * order with a month repeated, through the whole job with 1-hour windows: each window's mean flow
 * is the file's {@code q} for that hour, read here from the raw CSV with String.split, duplicates
 * removed with a Set, rows with neither q nor k left out, local Paris time converted to UTC. A
 * reading repeated in the next file counts once.
 */
class ParisCountersITCase {

  @RegisterExtension static final MiniClusterExtension FLINK = FlinkTests.miniCluster();

  private static final Path FILE =
      Path.of("../connectors/src/test/resources/real/paris/convention_2023.csv.gz");
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  @TempDir Path feeds;

  @Test
  void hourlyFlowsAreTheFilesQValues() throws Exception {
    byte[] csv = replay(FILE);
    ReplayRun run = runConvention();

    Map<Instant, Double> expected = new HashMap<>();
    Set<String> seen = new HashSet<>();
    List<String> lines = new String(csv, StandardCharsets.UTF_8).lines().skip(1).toList();
    for (String line : lines) {
      String[] f = line.split(",", -1);
      if (!seen.add(line) || (f[7].isEmpty() && f[8].isEmpty())) {
        continue;
      }
      expected.put(hour(f[6]), f[7].isEmpty() ? null : Double.valueOf(f[7]));
    }
    assertThat(expected).hasSize(8724); // 9,503 rows - 744 duplicates - 35 without q and k

    assertOneReadingPerHourWithItsQ(run, expected);
    assertThat(run.deadLetters())
        .extracting(Rejection::reason)
        .containsOnly(RejectReason.DUPLICATE, RejectReason.MISSING_FIELD)
        .hasSize(744 + 35);
  }

  /**
   * Rue Saint-Antoine (arc 376), whose 2023 hours reach all four of the City's traffic states: the
   * job's congestion level of each hour, from the loop occupancy {@code k} alone, is the state the
   * file publishes ({@code etat_trafic} 1–4), for every hour that has both.
   */
  @Test
  void congestionLevelsAreTheCitysPublishedStates() throws Exception {
    byte[] csv = replay(FILE.resolveSibling("st_antoine_2023.csv.gz"));
    List<String> lines = new String(csv, StandardCharsets.UTF_8).lines().skip(1).toList();
    String site = lines.get(0).split(",", -1)[0];
    ReplayRun run =
        ReplayRun.of(
            feeds,
            new Places(
                List.of(ReplayRun.box("PARIS-4", 48.84, 2.34, 48.87, 2.38)),
                List.of(CounterSite.atPoint(site, "Saint-Antoine", 48.8535, 2.3620)),
                List.of(),
                List.of()),
            Duration.ofHours(1),
            null);

    Map<Instant, TrafficState> expected = new HashMap<>();
    for (String line : new HashSet<>(lines)) {
      String[] f = line.split(",", -1);
      if (!f[8].isEmpty() && f[9].matches("[1-4]")) {
        expected.put(hour(f[6]), TrafficState.values()[Integer.parseInt(f[9]) - 1]);
      }
    }
    assertThat(expected.values()).contains(TrafficState.values()); // all four occur

    Map<Instant, ZoneFlow> byHour =
        run.flows().stream().collect(Collectors.toMap(ZoneFlow::windowStart, f -> f));
    expected.forEach(
        (hour, state) ->
            assertThat(byHour.get(hour).road().congestion())
                .as(hour + " k=" + byHour.get(hour).road().meanOccupancyPct())
                .isEqualTo(state));
  }

  /**
   * The same counter reading in two consecutive counter files counts once: the Convention rows of
   * 2023-02-05 (24 hourly rows, each with q and k, none repeated in the file), cut into two files
   * fetched at noon and at midnight that share the 10:00 and 11:00 rows. Each hourly window has one
   * reading and the file's {@code q} as its mean flow; the repeats are neither counted twice nor
   * dead letters.
   */
  @Test
  void aReadingInTwoConsecutiveFilesCountsOnce() throws Exception {
    List<String> lines;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(FILE))) {
      lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
    String header = lines.get(0);
    List<String> day =
        lines.stream().filter(line -> line.contains(",2023-02-05 ")).sorted().toList();
    assertThat(day).hasSize(24).doesNotHaveDuplicates();
    // rows sorted by their t_1h (all share the columns before it): hours 00-11, then 10-23
    write(header, day.subList(0, 12), "2023-02-05T12:00:00");
    write(header, day.subList(10, 24), "2023-02-06T00:00:00");

    ReplayRun run = runConvention();

    Map<Instant, Double> expected = new HashMap<>();
    for (String line : day) {
      String[] f = line.split(",", -1);
      expected.put(hour(f[6]), Double.valueOf(f[7]));
    }
    assertOneReadingPerHourWithItsQ(run, expected);
    assertThat(run.deadLetters()).isEmpty();
  }

  /** The job with 1-hour windows over the replay folder: Convention (arc 5672) in one zone. */
  private ReplayRun runConvention() throws Exception {
    return ReplayRun.of(
        feeds,
        new Places(
            List.of(ReplayRun.box("PARIS-15", 48.83, 2.28, 48.85, 2.31)),
            List.of(CounterSite.atPoint("5672", "Convention", 48.8385, 2.2960)),
            List.of(),
            List.of()),
        Duration.ofHours(1),
        null);
  }

  /** The windows are exactly the hours expected, each with one reading whose q is its mean flow. */
  private static void assertOneReadingPerHourWithItsQ(ReplayRun run, Map<Instant, Double> q) {
    Map<Instant, ZoneFlow> byHour =
        run.flows().stream().collect(Collectors.toMap(ZoneFlow::windowStart, f -> f));
    assertThat(byHour.keySet()).isEqualTo(q.keySet());
    q.forEach(
        (hour, flow) -> {
          assertThat(byHour.get(hour).road().counterReadings()).as(hour.toString()).isEqualTo(1);
          assertThat(byHour.get(hour).road().meanFlowVehH()).as(hour.toString()).isEqualTo(flow);
        });
  }

  /** The archive's local Paris hour ({@code t_1h}) as an instant. */
  private static Instant hour(String t1h) {
    return LocalDateTime.parse(t1h, HOUR).atZone(PARIS).toInstant();
  }

  /** Writes the header and {@code rows} as one archive snapshot fetched at a Paris local time. */
  private void write(String header, List<String> rows, String fetchedAtParis) throws IOException {
    ReplayRun.write(
        feeds,
        "paris-counters",
        FeedKind.COUNTER_PARIS_ARCHIVE,
        LocalDateTime.parse(fetchedAtParis).atZone(PARIS).toInstant(),
        "csv",
        (header + "\n" + String.join("\n", rows) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** Puts the gzipped archive file into the replay folder as one snapshot; returns its bytes. */
  private byte[] replay(Path gz) throws IOException {
    byte[] csv;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
      csv = in.readAllBytes();
    }
    ReplayRun.write(
        feeds,
        "paris-counters",
        FeedKind.COUNTER_PARIS_ARCHIVE,
        Instant.parse("2024-01-01T00:00:00Z"),
        "csv",
        csv);
    return csv;
  }
}
