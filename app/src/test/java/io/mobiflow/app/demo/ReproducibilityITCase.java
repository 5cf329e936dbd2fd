package io.mobiflow.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Same input, same output: 12 hours of the demo's simulated feeds (the same seed gives
 * byte-identical files) run twice at parallelism 1 and once at parallelism 4 give the same records
 * in every output, once each output's lines are sorted: zone flows, dead letters, suggestions, and
 * the flow tables' rows of every unit (without their write time, the writer's clock).
 */
class ReproducibilityITCase {

  private static final Duration PERIOD = Duration.ofHours(12);

  @TempDir Path dir;

  @Test
  void twelveHoursOfDemoFeedsGiveTheSameOutputsTwiceAtParallelismOneAndAtParallelismFour()
      throws Exception {
    Map<String, List<String>> first = run("first", 1);
    Map<String, List<String>> second = run("second", 1);
    Map<String, List<String>> parallel = run("parallel", 4);

    assertThat(first.get("zone-flows")).hasSizeGreaterThan(1000);
    assertThat(first.get("suggestions")).isNotEmpty();
    assertThat(first.get("flows-table")).hasSizeGreaterThan(first.get("zone-flows").size());
    SoftAssertions softly = new SoftAssertions();
    for (String output : first.keySet()) {
      softly
          .assertThat(DemoOutputs.differences(first.get(output), second.get(output)))
          .as("%s: lines of one run at parallelism 1 and not of the other", output)
          .isEmpty();
      softly
          .assertThat(DemoOutputs.differences(first.get(output), parallel.get(output)))
          .as("%s: lines at parallelism 1 and not at 4, or the reverse", output)
          .isEmpty();
    }
    softly.assertAll();
  }

  /** The sorted lines of every output of a demo run over {@link #PERIOD} from 06:00. */
  private Map<String, List<String>> run(String name, int parallelism) throws Exception {
    Path out = dir.resolve(name);
    long started = System.nanoTime();
    DemoRun.run(
        new DemoRun.Options(
            out, 42, DemoData.DEFAULT_DATE, LocalTime.of(6, 0), PERIOD, parallelism),
        new PrintWriter(new StringWriter(), true));
    System.out.printf(
        "ReproducibilityITCase: %s run (parallelism %d) in %.1f s%n",
        name, parallelism, (System.nanoTime() - started) / 1e9);
    Map<String, List<String>> outputs = new TreeMap<>();
    for (String output : List.of("zone-flows", "dead-letters", "suggestions")) {
      outputs.put(output, DemoOutputs.sortedLines(out.resolve(output)));
    }
    outputs.put("flows-table", DemoOutputs.flowRows(out.resolve("flows.gpkg")));
    return outputs;
  }
}
