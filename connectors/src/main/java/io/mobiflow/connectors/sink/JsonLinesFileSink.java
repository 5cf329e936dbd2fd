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
 * Writes records as JSON lines ({@link JsonLines}) to one local file, for the demo and ad-hoc runs
 * on one machine. Each subtask writes its own file: the given path for subtask 0, {@code
 * name-N.jsonl} for subtask N. The file is replaced when the job starts and flushed at every
 * checkpoint and at the end of input. It gives no exactly-once guarantee across restarts; the Kafka
 * and flow-table sinks do.
 *
 * @param <T> a record type Jackson can write
 */
public final class JsonLinesFileSink<T> implements Sink<T> {

  private static final long serialVersionUID = 1L;

  private final String path;

  public JsonLinesFileSink(Path path) {
    this.path = path.toAbsolutePath().toString();
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
    int subtask = context.getTaskInfo().getIndexOfThisSubtask();
    Path file = Path.of(path);
    if (subtask > 0) {
      String name = file.getFileName().toString().replaceFirst("\\.jsonl$", "");
      file = file.resolveSibling(name + "-" + subtask + ".jsonl");
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
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
