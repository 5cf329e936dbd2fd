package io.mobiflow.app.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.gbfs.model.StationInformation;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Simulates a docked bike-share system (GBFS 2.3 station_status): minute by minute, pick-ups and
 * drop-offs arrive as Poisson processes whose rates follow the daily profile, and in the morning
 * peak the central third of the stations fills while the others empty (commuting inwards).
 */
final class BikeShareSimulator {

  private final String feedId;
  private final List<StationInformation> stations;
  private final ZoneId timeZone;
  private final SplittableRandom random;
  private final int[] bikes;
  private final int[] disabled;
  private Instant clock;

  BikeShareSimulator(
      String feedId,
      List<StationInformation> stations,
      ZoneId timeZone,
      SimulationSettings settings) {
    this.feedId = feedId;
    this.stations = stations;
    this.timeZone = timeZone;
    this.random = new SplittableRandom(settings.seed() ^ 0xB1CEL);
    this.bikes = new int[stations.size()];
    this.disabled = new int[stations.size()];
    for (int i = 0; i < bikes.length; i++) {
      int capacity = stations.get(i).capacity();
      disabled[i] = random.nextDouble() < 0.25 ? 1 : 0;
      bikes[i] = random.nextInt(capacity - disabled[i] + 1);
    }
    this.clock = settings.start();
  }

  /** Advances the simulation to {@code time} and writes station_status as published then. */
  void publish(Instant time, SnapshotWriter writer) throws IOException {
    while (clock.isBefore(time)) {
      step(clock);
      clock = clock.plusSeconds(60);
    }
    GbfsDocument document = new GbfsDocument(time, "stations");
    for (int i = 0; i < bikes.length; i++) {
      StationInformation station = stations.get(i);
      ObjectNode node = document.add();
      node.put("station_id", station.stationId());
      node.put("num_bikes_available", bikes[i]);
      node.put("num_bikes_disabled", disabled[i]);
      node.put("num_docks_available", station.capacity() - bikes[i] - disabled[i]);
      node.put("is_installed", true);
      node.put("is_renting", true);
      node.put("is_returning", true);
      node.put("last_reported", time.getEpochSecond());
    }
    writer.write(feedId, FeedKind.GBFS_STATION_STATUS, time, "json", document.bytes());
  }

  private void step(Instant minute) {
    double hour = minute.atZone(timeZone).toLocalTime().toSecondOfDay() / 3600.0;
    double demand = DailyProfile.demand(hour);
    boolean morning = hour >= 7 && hour < 9.5;
    for (int i = 0; i < bikes.length; i++) {
      boolean central = i < Math.max(1, bikes.length / 3);
      double pickups = 0.3 * demand * (morning && central ? 0.5 : morning ? 1.6 : 1);
      double dropoffs = 0.3 * demand * (morning && central ? 1.6 : morning ? 0.5 : 1);
      int capacity = stations.get(i).capacity() - disabled[i];
      bikes[i] = Math.max(0, bikes[i] - poisson(pickups));
      bikes[i] = Math.min(capacity, bikes[i] + poisson(dropoffs));
    }
  }

  private int poisson(double mean) {
    double limit = Math.exp(-mean);
    double product = random.nextDouble();
    int count = 0;
    while (product > limit) {
      product *= random.nextDouble();
      count++;
    }
    return count;
  }
}
