package io.mobiflow.jobs.serve;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How a followed source fares, for {@code /readyz}: whether its last read succeeded (else the
 * error), when it last did, and, for a source whose data carry a write time (the flow tables), the
 * newest write seen. Thread-safe.
 */
final class SourceHealth {

  private final String name;
  private final Supplier<Optional<Instant>> newestWrite;
  private volatile Instant lastRead;
  private volatile String error;

  /**
   * @param newestWrite the newest write time of the source's data, or null when its data carry none
   */
  SourceHealth(String name, Supplier<Optional<Instant>> newestWrite) {
    this.name = name;
    this.newestWrite = newestWrite;
  }

  /** A read succeeded at {@code at}. */
  void read(Instant at) {
    lastRead = at;
    error = null;
  }

  /** A read failed. */
  void failed(String why) {
    error = why;
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
