package io.mobiflow.app.serve;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a followed source fares, for {@code /readyz}: whether its last read succeeded (else the
 * error), when it last did, and, for a source whose data carry a write time (the flow tables), the
 * newest write seen. Thread-safe.
 */
final class SourceHealth {

  private static final Logger LOG = LoggerFactory.getLogger(SourceHealth.class);

  private final String kind;
  private final String name;
  private final Supplier<Optional<Instant>> newestWrite;
  private volatile Instant lastRead;
  private volatile String error;

  /**
   * @param kind what the source holds ({@code indicators}, {@code suggestions}): all that {@code
   *     /readyz}, open without a key, says of it
   * @param name the source described for the operator (its file, topic or database), for the log
   * @param newestWrite the newest write time of the source's data, or null when its data carry none
   */
  SourceHealth(String kind, String name, Supplier<Optional<Instant>> newestWrite) {
    this.kind = kind;
    this.name = name;
    this.newestWrite = newestWrite;
  }

  /** A read succeeded at {@code at}. */
  void read(Instant at) {
    lastRead = at;
    error = null;
  }

  /** A read failed: logged when the source was readable until now. */
  void failed(String why) {
    if (error == null) {
      LOG.warn("serve: reading {} failed: {}", name, why);
    }
    error = why == null ? "failed" : why;
  }

  String kind() {
    return kind;
  }

  String name() {
    return name;
  }

  /** Why the last read failed, or null when it succeeded (or none was tried yet). */
  String error() {
    return error;
  }

  /** When a read last succeeded, or null. */
  Instant lastRead() {
    return lastRead;
  }

  /** Whether the data carry a write time at all. */
  boolean hasWriteTimes() {
    return newestWrite != null;
  }

  /** The newest write seen, if any. */
  Optional<Instant> newestWrite() {
    return newestWrite == null ? Optional.empty() : newestWrite.get();
  }
}
