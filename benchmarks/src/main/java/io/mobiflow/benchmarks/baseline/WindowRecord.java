package io.mobiflow.benchmarks.baseline;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * The output record of one zone, source and window, as a map for JSON: {@code zone_id}, {@code
 * source}, {@code window_start}, {@code window_end} (ISO-8601) and {@code measures}: each measure's
 * {@code count} and {@code mean}.
 */
final class WindowRecord
    extends ProcessWindowFunction<Map<String, double[]>, Map<String, Object>, String, TimeWindow> {

  private static final long serialVersionUID = 1L;

  private final String source;

  WindowRecord(String source) {
    this.source = source;
  }

  @Override
  public void process(
      String zone,
      Context context,
      Iterable<Map<String, double[]>> sums,
      Collector<Map<String, Object>> out) {
    Map<String, Object> measures = new TreeMap<>();
    for (Map<String, double[]> window : sums) {
      window.forEach(
          (name, sum) ->
              measures.put(name, Map.of("count", (long) sum[0], "mean", sum[1] / sum[0])));
    }
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("zone_id", zone);
    record.put("source", source);
    record.put("window_start", Instant.ofEpochMilli(context.window().getStart()).toString());
    record.put("window_end", Instant.ofEpochMilli(context.window().getEnd()).toString());
    record.put("measures", measures);
    out.collect(record);
  }
}
