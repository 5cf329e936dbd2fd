package io.mobiflow.app.serve;

import io.mobiflow.connectors.sink.JsonLines;
import io.mobiflow.jobs.suggest.Suggestion;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the suggestion JSON lines a run writes ({@code <out>/suggestions/part-*.jsonl}) into a
 * board, and on each further {@link #poll()} only what was appended since: a job still writing is
 * followed. A line that is not a suggestion is logged and skipped (a line being written is read
 * once complete).
 */
public final class SuggestionFiles {

  private static final Logger LOG = LoggerFactory.getLogger(SuggestionFiles.class);

  private final Path directory;
  private final SuggestionBoard board;
  private final Map<Path, Long> readUpTo = new HashMap<>();

  /**
   * @param directory a folder of {@code .jsonl} parts, or a run's output folder holding {@code
   *     suggestions/}
   */
  public SuggestionFiles(Path directory, SuggestionBoard board) throws IOException {
    Path nested = directory.resolve("suggestions");
    this.directory = Files.isDirectory(nested) ? nested : directory;
    if (!Files.isDirectory(this.directory)) {
      throw new IOException("no such directory: " + directory);
    }
    this.board = board;
  }

  /** Reads the lines appended since the last poll; returns how many suggestions were read. */
  public int poll() throws IOException {
    int read = 0;
    List<Path> parts;
    try (Stream<Path> files = Files.list(directory)) {
      parts = files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
    }
    for (Path part : parts) {
      long from = readUpTo.getOrDefault(part, 0L);
      try (RandomAccessFile file = new RandomAccessFile(part.toFile(), "r")) {
        if (file.length() <= from) {
          continue;
        }
        byte[] bytes = new byte[(int) Math.min(file.length() - from, Integer.MAX_VALUE)];
        file.seek(from);
        file.readFully(bytes);
        int complete = lastNewline(bytes) + 1; // a line still being written waits
        for (String line : new String(bytes, 0, complete, StandardCharsets.UTF_8).split("\n")) {
          if (line.isBlank()) {
            continue;
          }
          try {
            board.accept(JsonLines.MAPPER.readValue(line, Suggestion.class));
            read++;
          } catch (IOException | IllegalArgumentException e) {
            LOG.warn("{}: skipped a line that is not a suggestion: {}", part, e.getMessage());
          }
        }
        readUpTo.put(part, from + complete);
      }
    }
    return read;
  }

  private static int lastNewline(byte[] bytes) {
    for (int i = bytes.length - 1; i >= 0; i--) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
