package io.mobiflow.app.cli;

import io.mobiflow.app.demo.ChoroplethSvg;
import io.mobiflow.app.demo.DemoRun;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.common.Rejection;
import io.mobiflow.connectors.counters.model.TrafficState;
import io.mobiflow.jobs.suggest.Suggestion;
import io.mobiflow.jobs.suggest.SuggestionStatus;
import io.mobiflow.jobs.suggest.SuggestionType;
import io.mobiflow.jobs.zoneflow.ZoneFlow;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * The demo's closing summary: the busiest zones over the whole run with one figure of each
 * indicator family, two choropleth maps under {@code maps/}, and what was rejected.
 */
final class DemoReport {

  private DemoReport() {}

  static void print(DemoRun.Result result, int top, PrintWriter out) {
    Map<String, List<ZoneFlow>> byZone = byZone(result.flows());
    Map<String, String> names = result.zoneNames();
    out.printf(
        "%nBusiest zones (all windows; transit, bikes and counters SIMULATED from the real timetable)%n");
    out.printf(
        "%-5s %-22s %7s %7s %5s %-9s %7s %7s %6s %6s%n",
        "zone", "name", "windows", "flow/h", "km/h", "traffic", "delay s", "on-time", "bikes",
        "empty");
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
                  "%-5s %-22.22s %7d %7s %5s %-9s %7s %7s %6s %6s%n",
                  e.getKey(),
                  names.getOrDefault(e.getKey(), ""),
                  zone.size(),
                  format(
                      "%.0f",
                      weightedMean(
                          zone, f -> f.road().meanFlowVehH(), f -> f.road().counterReadings())),
                  format(
                      "%.0f",
                      weightedMean(
                          zone, f -> f.road().meanSpeedKmh(), f -> f.road().counterReadings())),
                  worstUsualLevel(zone),
                  format(
                      "%.0f",
                      weightedMean(zone, f -> f.transit().meanDelaySeconds(), DemoReport::delays)),
                  format(
                      "%.0f%%",
                      percent(
                          weightedMean(zone, f -> f.transit().onTimeShare(), DemoReport::delays))),
                  format("%.1f", weightedMean(zone, f -> f.shared().vehiclesAvailable(), f -> 1)),
                  format("%.0f", sum(zone, (ZoneFlow f) -> f.shared().emptyStationMinutes())));
            });
    List<ZoneFlow> flows = result.flows();
    out.printf(
        "%d zone-flow records: %d with counter data, %d with transit data, %d with bike data.%n",
        flows.size(),
        flows.stream().filter(f -> f.road().roadData()).count(),
        flows.stream().filter(f -> f.transit().transitData()).count(),
        flows.stream().filter(f -> f.shared().sharedMobilityData()).count());
    out.println(
        "traffic: the congestion level most windows had; on-time: share of delays in -1..+5 min;"
            + " bikes: time-weighted mean available; empty: station-minutes without a bike.");
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

  /**
   * The suggestions of the run: how many of each type were issued, the first {@code examples} of
   * each in time order, and the Alerts feed written.
   */
  static void printSuggestions(DemoRun.Result result, int examples, PrintWriter out) {
    Map<SuggestionType, List<Suggestion>> issued = new EnumMap<>(SuggestionType.class);
    Map<String, Boolean> seen = new HashMap<>();
    result.suggestions().stream()
        .filter(s -> s.status() == SuggestionStatus.ISSUED)
        .sorted(Comparator.comparing(Suggestion::at).thenComparing(Suggestion::id))
        .filter(s -> seen.putIfAbsent(s.id(), true) == null)
        .forEach(s -> issued.computeIfAbsent(s.type(), t -> new ArrayList<>()).add(s));
    out.printf(
        "%nSuggestions (real network, SIMULATED delays and bikes): %s%n",
        Arrays.stream(SuggestionType.values())
            .map(t -> issued.getOrDefault(t, List.of()).size() + " " + label(t))
            .collect(Collectors.joining(", ")));
    DateTimeFormatter clock = DateTimeFormatter.ofPattern("HH:mm").withZone(result.timeZone());
    issued.forEach(
        (type, list) ->
            list.stream()
                .limit(examples)
                .forEach(
                    s ->
                        out.printf(
                            "  %s  %s%n         %s%n",
                            clock.format(s.at()), s.headerEn(), s.descriptionEn())));
    out.printf("Alerts feed (GTFS-Realtime): %s%n", result.alertsFeed());
  }

  private static String label(SuggestionType type) {
    return switch (type) {
      case SHARED_VEHICLE_FOR_DELAY -> "shared vehicle for a delay";
      case CONNECTION_AT_RISK -> "connections at risk";
      case CONGESTION_MODE_SHIFT -> "mode shifts in congestion";
      case FIRST_LAST_MILE_GAP -> "first/last-mile gaps";
    };
  }

  /** Writes the maps of the run under {@code dir}; returns their paths. */
  static List<Path> writeMaps(DemoRun.Result result, Path dir) throws IOException {
    Files.createDirectories(dir);
    Map<String, List<ZoneFlow>> byZone = byZone(result.flows());
    Map<String, Double> onTime = new HashMap<>();
    Map<String, Double> bikes = new HashMap<>();
    byZone.forEach(
        (zone, flows) -> {
          Double share =
              percent(weightedMean(flows, f -> f.transit().onTimeShare(), DemoReport::delays));
          onTime.put(zone, share);
          bikes.put(zone, weightedMean(flows, f -> f.shared().vehiclesAvailable(), f -> 1));
        });
    Path onTimeMap = dir.resolve("on-time-share.svg");
    Files.writeString(
        onTimeMap,
        ChoroplethSvg.render(
            "Transit on time (−1 to +5 min), share of predicted delays — SIMULATED",
            "%.0f %%",
            result.zones(),
            onTime));
    Path bikesMap = dir.resolve("bikes-available.svg");
    Files.writeString(
        bikesMap,
        ChoroplethSvg.render(
            "Bikes available at the zone's stations, time-weighted mean — SIMULATED",
            "%.1f",
            result.zones(),
            bikes));
    return List.of(onTimeMap, bikesMap);
  }

  private static Map<String, List<ZoneFlow>> byZone(List<ZoneFlow> flows) {
    return flows.stream()
        .collect(Collectors.groupingBy(ZoneFlow::unitId, LinkedHashMap::new, Collectors.toList()));
  }

  /** Updates that carry a delay: the weight of a window's delay figures. */
  private static long delays(ZoneFlow flow) {
    return flow.transit().stopTimeUpdates() - flow.transit().stopsNotServed();
  }

  /** The level most windows with one had (the worse on a tie), or "-". */
  private static String worstUsualLevel(List<ZoneFlow> zone) {
    Map<TrafficState, Long> counts =
        zone.stream()
            .map(f -> f.road().congestion())
            .filter(Objects::nonNull)
            .collect(
                Collectors.groupingBy(
                    Function.identity(),
                    () -> new EnumMap<>(TrafficState.class),
                    Collectors.counting()));
    return counts.entrySet().stream()
        .max(Map.Entry.<TrafficState, Long>comparingByValue().thenComparing(Map.Entry::getKey))
        .map(e -> e.getKey().name().toLowerCase(Locale.ROOT).replace('_', ' '))
        .orElse("-");
  }

  private static long sum(List<ZoneFlow> flows, ToLongFunction<ZoneFlow> count) {
    return flows.stream().mapToLong(count).sum();
  }

  /** The sum of a nullable figure over the windows, or null when no window has it. */
  private static Double sum(List<ZoneFlow> flows, Function<ZoneFlow, Double> figure) {
    return flows.stream().map(figure).filter(Objects::nonNull).reduce(Double::sum).orElse(null);
  }

  /** The mean over windows, weighted by the count each window's mean is over; null if no data. */
  private static Double weightedMean(
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
    return weights == 0 ? null : total / weights;
  }

  private static Double percent(Double share) {
    return share == null ? null : 100 * share;
  }

  /** A figure as text, "-" for no data. */
  private static String format(String pattern, Double value) {
    return value == null ? "-" : String.format(Locale.ROOT, pattern, value);
  }
}
