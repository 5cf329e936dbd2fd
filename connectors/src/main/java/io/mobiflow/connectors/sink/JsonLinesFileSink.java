package io.mobiflow.connectors.sink;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * @param <T> a record type Jackson can write
 */
public final class JsonLinesFileSink<T> implements Sink<T> {

  private static final long serialVersionUID = 1L;

  private final String directory;

  public JsonLinesFileSink(Path directory) {
    this.directory = directory.toAbsolutePath().toString();
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
    Path file =
        Path.of(directory)
            .resolve("part-" + context.getTaskInfo().getIndexOfThisSubtask() + ".jsonl");
    Files.createDirectories(file.getParent());
    return new Writer<>(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
  }

  private static final class Writer<T> implements SinkWriter<T> {
    private final BufferedWriter out;

    Writer(BufferedWriter out) {
      this.out = out;
    }

    @Override
    public void write(T element, Context context) throws IOException {
      out.write(JsonLines.MAPPER.writeValueAsString(element));
      out.newLine();
    }

    @Override
    public void flush(boolean endOfInput) throws IOException {
      out.flush();
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
