package io.mobiflow.app.fresh;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.jobs.zoneflow.ZoneFlow;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.java.tuple.Tuple2;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Early results (issue 18): the demo city's feeds read at a live pace with early results every
 * second give provisional records of the open windows, each window's last record is its final one,
 * and the finals are those of a run without early results (which gives nothing else).
 */
class EarlyResultsITCase {

  @TempDir static Path dir;

  @BeforeAll
  static void simulate() throws Exception {
    PacedDemoRun.simulate(dir, 30);
  }

  @Test
  void aWindowsEarlyRecordsAreReplacedByItsFinalOneWhichIsTheOneWithoutEarlyResults()
      throws Exception {
    EnumSet<FeedKind> all = EnumSet.allOf(FeedKind.class);
    PacedDemoRun early = PacedDemoRun.run(dir, all, 25, 1);
    PacedDemoRun finalsOnly = PacedDemoRun.run(dir, all, 1_000, 0);

    assertThat(finalsOnly.flows()).isNotEmpty().noneMatch(f -> f.f1.provisional());
    assertThat(early.finals()).containsExactlyInAnyOrderElementsOf(finalsOnly.finals());

    Map<String, ZoneFlow> last = new HashMap<>();
    Map<String, Integer> records = new HashMap<>();
    for (Tuple2<Long, ZoneFlow> arrival : early.flows()) {
      ZoneFlow flow = arrival.f1;
      ZoneFlow before = last.put(flow.upsertKey(), flow);
      records.merge(flow.upsertKey(), 1, Integer::sum);
      if (before != null) {
        assertThat(before.provisional())
            .as("a record after the final one of %s", flow.upsertKey())
            .isTrue();
        assertThat(flow.observations())
            .as("a later record of %s holds what the earlier one did", flow.upsertKey())
            .isGreaterThanOrEqualTo(before.observations());
      }
    }
    assertThat(last.values())
        .as("the last record of each unit and window is final")
        .noneMatch(ZoneFlow::provisional);
    List<ZoneFlow> provisional =
        early.flows().stream().map(f -> f.f1).filter(ZoneFlow::provisional).toList();
    assertThat(provisional).as("provisional records").isNotEmpty();
    assertThat(records.values()).as("windows published more than once").anyMatch(n -> n > 1);
  }
}
