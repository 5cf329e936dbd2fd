package io.mobiflow.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobiflow.geodata.locate.Zone;
import io.mobiflow.jobs.testing.ReplayRun;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The map is well-formed SVG with one filled path per zone, classes by hand, grey for no data. */
class ChoroplethSvgTest {

  @Test
  void eachZoneIsAPathFilledByItsClass() throws Exception {
    List<Zone> zones =
        List.of(
            ReplayRun.box("low", 45.18, 0.70, 45.19, 0.71),
            ReplayRun.box("mid", 45.18, 0.71, 45.19, 0.72),
            ReplayRun.box("high", 45.18, 0.72, 45.19, 0.73),
            ReplayRun.box("none", 45.19, 0.70, 45.20, 0.73));
    Map<String, Double> values = new HashMap<>();
    values.put("low", 10.0);
    values.put("mid", 29.0); // (29 - 10) / (60 - 10) * 5 = 1.9: class 1
    values.put("high", 60.0);
    values.put("none", null);

    Document svg = parse(ChoroplethSvg.render("Test <map>", "%.0f", zones, values));

    Map<String, String> fills = new HashMap<>();
    NodeList paths = svg.getElementsByTagName("path");
    for (int i = 0; i < paths.getLength(); i++) {
      Element path = (Element) paths.item(i);
      fills.put(path.getAttribute("id"), path.getAttribute("fill"));
      assertThat(path.getAttribute("d")).startsWith("M").contains("Z");
    }
    assertThat(fills)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "zone-low", ChoroplethSvg.CLASS_COLOURS[0],
                "zone-mid", ChoroplethSvg.CLASS_COLOURS[1],
                "zone-high", ChoroplethSvg.CLASS_COLOURS[4],
                "zone-none", ChoroplethSvg.NO_DATA));
    assertThat(svg.getDocumentElement().getTextContent()).contains("Test <map>", "none: no data");
  }

  private static Document parse(String svg) throws Exception {
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }
}
