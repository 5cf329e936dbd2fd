package io.mobiflow.jobs.zoneflow.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.connectors.sink.JsonLines;
import io.mobiflow.jobs.zoneflow.SpatialUnit;
import io.mobiflow.jobs.zoneflow.ZoneFlow;
import io.mobiflow.jobs.zoneflow.indicators.RoadIndicators.Road;
import io.mobiflow.jobs.zoneflow.indicators.SharedMobilityIndicators.SharedMobility;
import io.mobiflow.jobs.zoneflow.indicators.TransitIndicators.Transit;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/indicators.md defines every published field: its Fields table names the JSON fields of a
 * flow, in their order, each group under its source's heading. An indicator added without its line
 * (or a line left after its field went) fails here.
 */
class IndicatorsDocTest {

  private static final Path DOC = Path.of("../docs/indicators.md");
  private static final Pattern NAME = Pattern.compile("`([A-Za-z0-9]+)`");
  private static final Pattern HEADING = Pattern.compile("^\\| \\*\\*(.+?)\\*\\* \\|");

  @Test
  void theFieldsTableListsTheJsonFieldsInOrderUnderTheirSourcesHeadings() throws Exception {
    assertThat(documentedFields()).containsExactlyElementsOf(jsonFieldsUnderHeadings());
  }

  /** The names of the Fields table's first column, and its headings as "## heading". */
  private static List<String> documentedFields() throws Exception {
    List<String> names = new ArrayList<>();
    boolean inFields = false;
    for (String line : Files.readAllLines(DOC)) {
      if (line.startsWith("## ")) {
        inFields = line.equals("## Fields");
        continue;
      }
      if (!inFields || !line.startsWith("| ") || line.startsWith("| field ")) {
        continue;
      }
      Matcher heading = HEADING.matcher(line);
      if (heading.find()) {
        names.add("## " + heading.group(1));
        continue;
      }
      Matcher name = NAME.matcher(line.substring(0, line.indexOf(" |", 1)));
      while (name.find()) {
        names.add(name.group(1));
      }
    }
    return names;
  }

  /** The field names of a flow's JSON, each group's preceded by its heading. */
  private static List<String> jsonFieldsUnderHeadings() throws Exception {
    ZoneFlow flow =
        new ZoneFlow(
            SpatialUnit.ZONE,
            "Z",
            Instant.parse("2026-01-13T07:00:00Z"),
            Instant.parse("2026-01-13T07:05:00Z"),
            new Road(false, 0, null, null, null, null, null, null),
            new Transit(false, 0, null, 0, null, null, null, 0, null, 0, null, null),
            new SharedMobility(false, 0, null, null, null, null, null, null, 0L, false, 0L, false),
            false);
    Iterator<String> json =
        JsonLines.MAPPER.readTree(JsonLines.MAPPER.writeValueAsString(flow)).fieldNames();
    List<String> expected = new ArrayList<>();
    for (RecordComponent component : ZoneFlow.class.getRecordComponents()) {
      Class<?> type = component.getType();
      String heading =
          type == Road.class
              ? "Road"
              : type == Transit.class
                  ? "Transit"
                  : type == SharedMobility.class ? "Shared mobility" : null;
      if (heading == null) {
        expected.add(json.next());
        continue;
      }
      expected.add("## " + heading);
      for (int i = 0; i < type.getRecordComponents().length; i++) {
        expected.add(json.next());
      }
    }
    assertThat(json.hasNext()).as("JSON fields beyond the components").isFalse();
    return expected;
  }
}
