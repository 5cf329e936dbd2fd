package io.mobiflow.app.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What to simulate: a seed, a period, and how often each feed publishes.
 *
 * @param seed the same seed gives byte-identical feeds
 * @param start first publication time
 * @param duration length of the simulated period
 * @param transitInterval GTFS-Realtime publication interval (real feeds: ~30 s)
 * @param bikeInterval GBFS station_status publication interval (its ttl)
 * @param counterInterval counter CSV publication interval; readings inside are per minute
 */
public record SimulationSettings(
    long seed,
    Instant start,
    Duration duration,
    Duration transitInterval,
    Duration bikeInterval,
    Duration counterInterval) {

  public SimulationSettings {
    Objects.requireNonNull(start, "start");
    for (Duration d : new Duration[] {duration, transitInterval, bikeInterval, counterInterval}) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("durations must be positive");
      }
    }
    if (counterInterval.toSeconds() % 60 != 0) {
      throw new IllegalArgumentException("counterInterval must be whole minutes");
    }
  }

  /** Real-feed intervals: GTFS-RT every 30 s, GBFS every 60 s, counters every 5 min. */
  public static SimulationSettings typical(long seed, Instant start, Duration duration) {
    return new SimulationSettings(
        seed,
        start,
        duration,
        Duration.ofSeconds(30),
        Duration.ofSeconds(60),
        Duration.ofMinutes(5));
  }

  /** The end of the period (exclusive). */
  public Instant end() {
    return start.plus(duration);
  }
}
