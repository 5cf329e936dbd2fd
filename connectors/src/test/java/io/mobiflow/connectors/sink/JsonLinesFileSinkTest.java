package io.mobiflow.connectors.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Part files with a retention: rolled hourly, a rolled file deleted once its roll time is older
 * than the retention (any subtask's, at start and at each roll); without one, one file as before.
 */
class JsonLinesFileSinkTest {

  private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

  @TempDir Path dir;

  @Test
  void rollsHourlyAndDeletesPartsPastTheRetention() throws Exception {
    SettableClock clock = new SettableClock(T0);
    Path stale = dir.resolve("part-1-" + T0.minus(Duration.ofHours(4)).toEpochMilli() + ".jsonl");
    Path recent = dir.resolve("part-1-" + T0.minus(Duration.ofHours(2)).toEpochMilli() + ".jsonl");
    Files.writeString(stale, "\"old\"\n");
    Files.writeString(recent, "\"recent\"\n");
    Files.writeString(dir.resolve("part-1.jsonl"), "\"other subtask\"\n");
    Files.writeString(dir.resolve("notes.txt"), "kept");

    var writer = new JsonLinesFileSink.Writer<String>(dir, 0, Duration.ofHours(3), clock);
    assertThat(stale).as("rolled over 3 h before the start").doesNotExist();
    writer.write("a", null);
    Instant firstRoll = T0.plus(Duration.ofMinutes(61));
    clock.now = firstRoll;
    writer.write("b", null); // rolls the file holding "a"
    assertThat(dir.resolve("part-0-" + firstRoll.toEpochMilli() + ".jsonl")).hasContent("\"a\"");
    Instant secondRoll = firstRoll.plus(Duration.ofMinutes(181));
    clock.now = secondRoll;
    writer.flush(false); // a checkpoint: rolls the file holding "b", deletes those over 3 h old
    writer.write("c", null);
    writer.flush(true);
    writer.close();

    // "a" rolled 181 min before the second roll, "recent" 2 h + 242 min before it: both gone
    assertThat(contents())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "part-0-" + secondRoll.toEpochMilli() + ".jsonl",
                "\"b\"\n",
                "part-0.jsonl",
                "\"c\"\n",
                "part-1.jsonl",
                "\"other subtask\"\n",
                "notes.txt",
                "kept"));
  }

  @Test
  void withoutRetentionOneFileKeepsEveryLine() throws Exception {
    SettableClock clock = new SettableClock(T0);
    var writer = new JsonLinesFileSink.Writer<String>(dir, 0, null, clock);
    writer.write("a", null);
    clock.now = T0.plus(Duration.ofDays(400));
    writer.write("b", null);
    writer.flush(true);
    writer.close();

    assertThat(contents()).containsExactlyEntriesOf(Map.of("part-0.jsonl", "\"a\"\n\"b\"\n"));
  }

  /** Every file of the directory by name, with its text. */
  private Map<String, String> contents() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.collect(
          Collectors.toMap(
              p -> p.getFileName().toString(),
              p -> {
                try {
                  return Files.readString(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              }));
    }
  }

  /** A clock the test moves. */
  private static final class SettableClock extends Clock {
    Instant now;

    SettableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
