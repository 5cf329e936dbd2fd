package io.mobiflow.app.demo;

import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.counters.decode.CounterCsvDecoder;
import io.mobiflow.connectors.counters.model.CounterSite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Simulates loop detectors, one reading per site and minute in Mobiflow's generic counter CSV. Each
 * site has a capacity (800–1,700 veh/h) and a free-flow speed (45–70 km/h); flow follows the daily
 * profile with 7 % noise, speed falls with the cube of the load, and occupancy follows from flow
 * and speed (5.5 m of effective vehicle length). 35 % of the sites get one congestion episode of
 * 15–35 minutes during the period: speed down 70 %, flow down 30 %.
 */
final class CounterSimulator {

  private static final double EFFECTIVE_VEHICLE_LENGTH_METERS = 5.5;

  private final String feedId;
  private final List<CounterSite> sites;
  private final ZoneId timeZone;
  private final long seed;
  private final double[] capacityVehH;
  private final double[] freeFlowKmh;
  private final long[] episodeStart;
  private final long[] episodeEnd;
  private Instant lastPublished;

  CounterSimulator(
      String feedId, List<CounterSite> sites, ZoneId timeZone, SimulationSettings settings) {
    this.feedId = feedId;
    this.sites = sites;
    this.timeZone = timeZone;
    this.seed = settings.seed();
    SplittableRandom random = new SplittableRandom(seed ^ 0xC0C0L);
    capacityVehH = new double[sites.size()];
    freeFlowKmh = new double[sites.size()];
    episodeStart = new long[sites.size()];
    episodeEnd = new long[sites.size()];
    long periodSeconds = settings.duration().toSeconds();
    for (int i = 0; i < sites.size(); i++) {
      capacityVehH[i] = 800 + random.nextDouble(900);
      freeFlowKmh[i] = 45 + random.nextDouble(25);
      if (random.nextDouble() < 0.35) {
        episodeStart[i] =
            settings.start().getEpochSecond() + (long) random.nextDouble(periodSeconds);
        episodeEnd[i] = episodeStart[i] + 900 + random.nextInt(1200);
      }
    }
    lastPublished = settings.start();
  }

  /**
   * Writes the readings of every minute since the last publication, up to {@code time}; each is
   * stamped with the start of its minute.
   */
  void publish(Instant time, SnapshotWriter writer) throws IOException {
    StringBuilder csv = new StringBuilder(CounterCsvDecoder.HEADER).append('\n');
    for (Instant minute = lastPublished.plusSeconds(60);
        !minute.isAfter(time);
        minute = minute.plusSeconds(60)) {
      for (int i = 0; i < sites.size(); i++) {
        appendReading(csv, i, minute);
      }
    }
    lastPublished = time;
    writer.write(
        feedId, FeedKind.COUNTER_CSV, time, "csv", csv.toString().getBytes(StandardCharsets.UTF_8));
  }

  private void appendReading(StringBuilder csv, int site, Instant minute) {
    Instant periodStart = minute.minusSeconds(60);
    long epoch = periodStart.getEpochSecond();
    SplittableRandom noise = new SplittableRandom(seed * 31 + site * 1_000_003L + epoch);
    double hour = periodStart.atZone(timeZone).toLocalTime().toSecondOfDay() / 3600.0;
    double load = DailyProfile.demand(hour) * (1 + 0.07 * noise.nextGaussian());
    double flow = Math.max(0, capacityVehH[site] * load);
    double speed = freeFlowKmh[site] * (1 - 0.35 * Math.pow(Math.min(1.1, Math.max(0, load)), 3));
    if (epoch >= episodeStart[site] && epoch < episodeEnd[site]) {
      speed *= 0.3;
      flow *= 0.7;
    }
    speed = Math.max(3, speed * (1 + 0.05 * noise.nextGaussian()));
    double occupancy = Math.min(95, flow * EFFECTIVE_VEHICLE_LENGTH_METERS / (speed * 1000) * 100);
    csv.append(sites.get(site).siteId())
        .append(',')
        .append(periodStart)
        .append(',')
        .append(String.format(Locale.ROOT, "%.0f,%.1f,%.1f", flow, occupancy, speed))
        .append('\n');
  }
}
