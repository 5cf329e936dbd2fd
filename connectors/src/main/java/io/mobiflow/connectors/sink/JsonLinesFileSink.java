package io.mobiflow.connectors.sink;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes records as JSON lines ({@link JsonLines}) into a local directory, for the demo and ad-hoc
 * runs on one machine. Each subtask writes its own part file, {@code part-<subtask>.jsonl}, as
 * Flink's file sinks do; the file is replaced when the job starts and flushed at every checkpoint
 * and at the end of input. It gives no exactly-once guarantee across restarts; the Kafka and
 * flow-table sinks do.
 *
 * <p>With a retention, the part file is rolled every hour (wall clock) into {@code
 * part-<subtask>-<rolled-at epoch ms>.jsonl}, and rolled files whose roll time is more than the
 * retention ago are deleted (those of every subtask, at start and at each roll): a line is kept for
 * the retention, and at most an hour more.
 *
 * @param <T> a record type Jackson can write
 */
public final class JsonLinesFileSink<T> implements Sink<T> {

  private static final long serialVersionUID = 1L;

  /** How long a part file is written before it is rolled, when there is a retention. */
  static final Duration ROLL_EVERY = Duration.ofHours(1);

  /** A rolled part file: subtask, then the time it was rolled at. */
  private static final Pattern ROLLED = Pattern.compile("part-\\d+-(\\d{1,18})\\.jsonl");

  private final String directory;
  private final Duration retention;
  private final Clock clock;

  /** Part files kept for ever, one per subtask, never rolled. */
  public JsonLinesFileSink(Path directory) {
    this(directory, null);
  }

  /**
   * @param retention how long a line is kept (at most an hour more), or {@code null}: for ever
   */
  public JsonLinesFileSink(Path directory, Duration retention) {
    this(directory, retention, Clock.systemUTC());
  }

  JsonLinesFileSink(Path directory, Duration retention, Clock clock) {
    this.directory = directory.toAbsolutePath().toString();
    this.retention = retention;
    this.clock = clock;
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
    return new Writer<>(
        Path.of(directory), context.getTaskInfo().getIndexOfThisSubtask(), retention, clock);
  }

  /** One subtask's writer. */
  static final class Writer<T> implements SinkWriter<T> {
    private final Path directory;
    private final Path file;
    private final Duration retention;
    private final Clock clock;
    private BufferedWriter out;
    private Instant openedAt;

    Writer(Path directory, int subtask, Duration retention, Clock clock) throws IOException {
      this.directory = directory;
      this.file = directory.resolve("part-" + subtask + ".jsonl");
      this.retention = retention;
      this.clock = clock;
      Files.createDirectories(directory);
      open();
      deleteExpired();
    }

    private void open() throws IOException {
      out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
      openedAt = clock.instant();
    }

    @Override
    public void write(T element, Context context) throws IOException {
      rollWhenDue();
      out.write(JsonLines.MAPPER.writeValueAsString(element));
      out.newLine();
    }

    @Override
    public void flush(boolean endOfInput) throws IOException {
      out.flush();
      rollWhenDue();
    }

    /** Past the roll interval, moves the part file aside, starts a new one, deletes old ones. */
    private void rollWhenDue() throws IOException {
      Instant now = clock.instant();
      if (retention == null || Duration.between(openedAt, now).compareTo(ROLL_EVERY) < 0) {
        return;
      }
      out.close();
      String name = file.getFileName().toString();
      Files.move(
          file, file.resolveSibling(name.replace(".jsonl", "-" + now.toEpochMilli() + ".jsonl")));
      open();
      deleteExpired();
    }

    private void deleteExpired() throws IOException {
      if (retention == null) {
        return;
      }
      long cutoff = clock.instant().minus(retention).toEpochMilli();
      try (DirectoryStream<Path> parts = Files.newDirectoryStream(directory, "part-*.jsonl")) {
        for (Path part : parts) {
          Matcher rolled = ROLLED.matcher(part.getFileName().toString());
          if (rolled.matches() && Long.parseLong(rolled.group(1)) < cutoff) {
            Files.deleteIfExists(part); // another subtask may have deleted it first
          }
        }
      }
    }

    @Override
    public void close() {
      try {
        out.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
