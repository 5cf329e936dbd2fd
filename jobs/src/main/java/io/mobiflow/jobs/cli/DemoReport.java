package io.mobiflow.jobs.cli;

import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.common.Rejection;
import io.mobiflow.jobs.demo.DemoRun;
import io.mobiflow.jobs.zoneflow.ZoneFlow;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/** The demo's closing summary: the busiest zones over the whole run, and what was rejected. */
final class DemoReport {

  private DemoReport() {}

  static void print(DemoRun.Result result, int top, PrintWriter out) {
    List<ZoneFlow> flows = result.flows();
    Map<String, List<ZoneFlow>> byZone =
        flows.stream()
            .collect(
                Collectors.groupingBy(ZoneFlow::unitId, LinkedHashMap::new, Collectors.toList()));
    out.printf(
        "%nBusiest zones (all windows; transit, bikes and counters SIMULATED from the real timetable)%n");
    out.printf(
        "%-5s %-24s %7s %8s %7s %6s %8s %7s %8s %5s%n",
        "zone",
        "name",
        "windows",
        "readings",
        "flow/h",
        "km/h",
        "vehicles",
        "delay s",
        "stations",
        "bikes");
    byZone.entrySet().stream()
        .sorted(
            Comparator.comparingLong(
                    (Map.Entry<String, List<ZoneFlow>> e) ->
                        sum(e.getValue(), ZoneFlow::observations))
                .reversed()
                .thenComparing(Map.Entry::getKey))
        .limit(top)
        .forEach(
            e -> {
              List<ZoneFlow> zone = e.getValue();
              out.printf(
                  "%-5s %-24.24s %7d %8d %7s %6s %8d %7s %8d %5s%n",
                  e.getKey(),
                  result.zoneNames().getOrDefault(e.getKey(), ""),
                  zone.size(),
                  sum(zone, ZoneFlow::counterReadings),
                  weightedMean(zone, ZoneFlow::meanFlowVehH, ZoneFlow::counterReadings),
                  weightedMean(zone, ZoneFlow::meanSpeedKmh, ZoneFlow::counterReadings),
                  sum(zone, ZoneFlow::vehiclePositions),
                  weightedMean(
                      zone,
                      ZoneFlow::meanDelaySeconds,
                      f -> f.stopTimeUpdates() - f.stopsNotServed()),
                  sum(zone, ZoneFlow::stationReports),
                  weightedMean(zone, ZoneFlow::vehiclesAvailable, f -> 1));
            });
    out.printf(
        "%d zone-flow records: %d with counter data, %d with transit data, %d with bike data.%n",
        flows.size(),
        flows.stream().filter(f -> f.counterReadings() > 0).count(),
        flows.stream().filter(f -> f.vehiclePositions() + f.stopTimeUpdates() > 0).count(),
        flows.stream().filter(f -> f.stationReports() > 0).count());
    Map<RejectReason, Long> rejected =
        result.deadLetters().stream()
            .collect(
                Collectors.groupingBy(
                    Rejection::reason,
                    () -> new EnumMap<>(RejectReason.class),
                    Collectors.counting()));
    out.printf(
        "Dead letters: %s%n",
        rejected.isEmpty()
            ? "none"
            : rejected.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", ")));
  }

  private static long sum(List<ZoneFlow> flows, ToLongFunction<ZoneFlow> count) {
    return flows.stream().mapToLong(count).sum();
  }

  /** The mean over windows, weighted by the count each window's mean is over; "-" if no data. */
  private static String weightedMean(
      List<ZoneFlow> flows, Function<ZoneFlow, Double> mean, ToLongFunction<ZoneFlow> weight) {
    double weights = 0;
    double total = 0;
    for (ZoneFlow flow : flows) {
      Double value = mean.apply(flow);
      if (value != null) {
        total += value * weight.applyAsLong(flow);
        weights += weight.applyAsLong(flow);
      }
    }
    return weights == 0 ? "-" : String.format(java.util.Locale.ROOT, "%.0f", total / weights);
  }
}
