package io.mobiflow.jobs.zoneflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.connectors.FlinkTests;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.counters.model.CounterSite;
import io.mobiflow.jobs.testing.ReplayRun;
import io.mobiflow.jobs.zoneflow.match.Places;
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
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same counter reading in two consecutive counter files counts once: the real Paris archive of
 * arc 5672 (Convention) for 2023-02-05 (24 hourly rows, each with q and k, none repeated in the
 * file), cut into two files fetched at noon and at midnight that share the 10:00 and 11:00 rows.
 * Each hourly window has one reading and the file's {@code q} as its mean flow; the repeats are
 * neither counted twice nor dead letters.
 */
class RepeatedReadingsITCase {

  @RegisterExtension static final MiniClusterExtension FLINK = FlinkTests.miniCluster();

  private static final Path FILE =
      Path.of("../connectors/src/test/resources/real/paris/convention_2023.csv.gz");
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  @TempDir Path feeds;

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

    ReplayRun run =
        ReplayRun.of(
            feeds,
            new Places(
                List.of(ReplayRun.box("PARIS-15", 48.83, 2.28, 48.85, 2.31)),
                List.of(CounterSite.atPoint("5672", "Convention", 48.8385, 2.2960)),
                List.of(),
                List.of()),
            Duration.ofHours(1),
            null);

    Map<Instant, Double> expected = new HashMap<>();
    for (String line : day) {
      String[] f = line.split(",", -1);
      expected.put(LocalDateTime.parse(f[6], HOUR).atZone(PARIS).toInstant(), Double.valueOf(f[7]));
    }
    Map<Instant, ZoneFlow> byHour =
        run.flows().stream().collect(Collectors.toMap(ZoneFlow::windowStart, f -> f));
    assertThat(byHour.keySet()).isEqualTo(expected.keySet());
    expected.forEach(
        (hour, q) -> {
          assertThat(byHour.get(hour).counterReadings()).as(hour.toString()).isEqualTo(1);
          assertThat(byHour.get(hour).meanFlowVehH()).as(hour.toString()).isEqualTo(q);
        });
    assertThat(run.deadLetters()).isEmpty();
  }

  private void write(String header, List<String> rows, String fetchedAtParis) throws Exception {
    ReplayRun.write(
        feeds,
        "paris-counters",
        FeedKind.COUNTER_PARIS_ARCHIVE,
        LocalDateTime.parse(fetchedAtParis).atZone(PARIS).toInstant(),
        "csv",
        (header + "\n" + String.join("\n", rows) + "\n").getBytes(StandardCharsets.UTF_8));
  }
}
